package dev.ukl.vm;

import dev.ukl.UklException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The host end of a port forward. QEMU's user network listens for a forwarded port with a
 * backlog of one and accepts only when its main loop gets to it, which under emulation is
 * seldom: a burst of connections (redis-benchmark opens 50 at once) overflows the host's
 * accept queue, the kernel drops the handshakes' last ACKs, and the clients, which believe they
 * are connected, are reset a minute later. The relay listens on the user's port with a deep
 * backlog and opens the connections to QEMU's own (internal) port one at a time, then copies
 * bytes both ways, half-closes included.
 */
public final class ConnectionRelay implements AutoCloseable {
    private static final int BACKLOG = 1024;
    private static final int CONNECT_TIMEOUT_MS = 120_000;
    private final ServerSocket listener;
    private final int target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Object connecting = new Object();
    private final Thread acceptor;
    private volatile boolean closed;

    private ConnectionRelay(ServerSocket listener, int target) {
        this.listener = listener;
        this.target = target;
        this.acceptor = new Thread(this::acceptLoop, "relay-" + listener.getLocalPort());
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    /** Listens on 127.0.0.1:{@code port} and relays to 127.0.0.1:{@code target}. */
    public static ConnectionRelay start(PortForward forward, int target) {
        ServerSocket s = null;
        try {
            s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), forward.hostPort()), BACKLOG);
            return new ConnectionRelay(s, target);
        } catch (IOException e) {
            closeQuietly(s);
            throw new UklException("host port " + forward.hostPort() + " is already in use on 127.0.0.1; pick another"
                    + " with --port HOST:" + forward.guestPort());
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            Thread t = new Thread(() -> relay(client), "relay-conn-" + client.getPort());
            t.setDaemon(true);
            t.start();
        }
    }

    private void relay(Socket client) {
        open.add(client);
        Socket guest = new Socket();
        try {
            // one handshake with QEMU's listener at a time: it holds no more than one waiting
            synchronized (connecting) {
                guest.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target), CONNECT_TIMEOUT_MS);
            }
            open.add(guest);
            client.setTcpNoDelay(true);
            guest.setTcpNoDelay(true);
            Thread back = new Thread(() -> copy(guest, client), "relay-back-" + client.getPort());
            back.setDaemon(true);
            back.start();
            copy(client, guest);
            back.join();
        } catch (IOException e) {
            // QEMU's end is gone (the VM stopped): the client sees its connection close
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(client);
            closeQuietly(guest);
            open.remove(client);
            open.remove(guest);
        }
    }

    /** Copies until end of stream, then passes the half-close on; a reset closes both. */
    private static void copy(Socket from, Socket to) {
        byte[] buf = new byte[64 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
            }
            to.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(listener);
        for (Socket s : open) {
            closeQuietly(s);
        }
    }
}
