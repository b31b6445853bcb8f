package dev.ukl.vm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ukl.UklException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A client of the QEMU Machine Protocol over a Unix socket: reads the greeting, negotiates
 * capabilities, then runs commands one at a time, setting asynchronous events aside.
 */
public final class QmpClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SocketChannel channel;
    private final BufferedReader in;
    private final OutputStream out;
    private final List<JsonNode> events = new ArrayList<>();
    private final JsonNode greeting;

    private QmpClient(SocketChannel channel) throws IOException {
        this.channel = channel;
        this.in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
        this.out = Channels.newOutputStream(channel);
        this.greeting = readGreeting();
        execute("qmp_capabilities");
    }

    /** Connects, retrying until QEMU has created the socket or the time runs out. */
    public static QmpClient connect(Path socket, Duration timeout) {
        return connect(socket, timeout, () -> true);
    }

    /** As {@link #connect(Path, Duration)}, giving up early once {@code alive} says QEMU is gone. */
    public static QmpClient connect(Path socket, Duration timeout, java.util.function.BooleanSupplier alive) {
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline && alive.getAsBoolean()) {
            try {
                SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
                try {
                    ch.connect(UnixDomainSocketAddress.of(socket));
                    return new QmpClient(ch);
                } catch (IOException e) {
                    ch.close();
                    throw e;
                }
            } catch (IOException e) {
                last = e;
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw new UklException("cannot connect to QEMU's QMP socket " + socket + " within " + timeout.toSeconds()
                + " s" + (last == null ? "" : ": " + last.getMessage()));
    }

    /** QEMU's version from the greeting, e.g. "7.2.19". */
    public String qemuVersion() {
        JsonNode v = greeting.path("QMP").path("version").path("qemu");
        return v.path("major").asInt() + "." + v.path("minor").asInt() + "." + v.path("micro").asInt();
    }

    /** Runs a command without arguments and returns its "return" value. */
    public JsonNode execute(String command) {
        return execute(command, null);
    }

    public synchronized JsonNode execute(String command, ObjectNode arguments) {
        ObjectNode req = JSON.createObjectNode().put("execute", command);
        if (arguments != null) {
            req.set("arguments", arguments);
        }
        try {
            out.write((JSON.writeValueAsString(req) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (true) {
                JsonNode msg = readMessage();
                if (msg.has("event")) {
                    events.add(msg);
                } else if (msg.has("error")) {
                    throw new UklException("QMP " + command + ": " + msg.path("error").path("desc").asText());
                } else if (msg.has("return")) {
                    return msg.get("return");
                }
            }
        } catch (IOException e) {
            throw new UklException("QMP " + command + ": " + e.getMessage());
        }
    }

    /** The VM's run state ("running", "paused", "prelaunch", ...). */
    public String status() {
        return execute("query-status").path("status").asText();
    }

    /** Asks QEMU to end now; the connection closes as it exits. */
    public void quit() {
        try {
            execute("quit");
        } catch (UklException e) {
            // QEMU may close the socket before answering
        }
    }

    /** Events received so far (e.g. STOP, SHUTDOWN). */
    public synchronized List<JsonNode> events() {
        return List.copyOf(events);
    }

    /**
     * Reads up to the greeting. QEMU may already have queued an event (a RESUME as the machine
     * starts) when a client connects early, ahead of the greeting: such events are kept.
     */
    private JsonNode readGreeting() throws IOException {
        while (true) {
            JsonNode msg = readMessage();
            if (msg.has("QMP")) {
                return msg;
            }
            if (!msg.has("event")) {
                throw new UklException("QMP: unexpected greeting " + msg);
            }
            events.add(msg);
        }
    }

    private JsonNode readMessage() throws IOException {
        String line = in.readLine();
        if (line == null) {
            throw new IOException("QMP connection closed");
        }
        return JSON.readTree(line);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
