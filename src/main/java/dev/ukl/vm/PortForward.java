package dev.ukl.vm;

import dev.ukl.UklException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** A TCP port of the host's 127.0.0.1 forwarded to a guest port. Never bound beyond loopback. */
public record PortForward(int hostPort, int guestPort) {
    public PortForward {
        if (hostPort < 1 || hostPort > 65535 || guestPort < 1 || guestPort > 65535) {
            throw new UklException("port out of range: " + hostPort + ":" + guestPort);
        }
    }

    /** Parses "HOST:GUEST" or a single "PORT" for both. */
    public static PortForward parse(String spec) {
        try {
            String[] parts = spec.split(":");
            if (parts.length == 1) {
                int p = Integer.parseInt(parts[0]);
                return new PortForward(p, p);
            }
            if (parts.length == 2) {
                return new PortForward(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new UklException("bad port forward '" + spec + "': expected HOST:GUEST, e.g. 5555:5555");
    }

    /** A port nothing on the host's 127.0.0.1 listens on now, for a forward of our own choosing. */
    public static int freeLoopbackPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UklException("no free port on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    /** The hostfwd clause of QEMU's user-mode network. */
    public String hostfwd() {
        return "hostfwd=tcp:127.0.0.1:" + hostPort + "-:" + guestPort;
    }

    /** Fails with one line if something on the host already listens on the port. */
    public void checkFree() {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), hostPort));
        } catch (IOException e) {
            throw new UklException("host port " + hostPort + " is already in use on 127.0.0.1; pick another with --port HOST:"
                    + guestPort);
        }
    }
}
