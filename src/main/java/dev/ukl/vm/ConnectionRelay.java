package dev.ukl.vm;

import dev.ukl.UklException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The host end of a port forward. QEMU's user network listens for a forwarded port with a
 * backlog of one and accepts only when its main loop gets to it, which under emulation is
 * seldom: a burst of connections (redis-benchmark opens 50 at once) overflows the host's
 * accept queue, the kernel drops the handshakes' last ACKs, and the clients, which believe they
 * are connected, are reset a minute later. The relay listens on the user's port with a deep
 * backlog and opens the connections to QEMU's own (internal) port one at a time, in the order
 * the clients came. One thread then moves the bytes of every connection, both ways, half-closes
 * included; when several connections have data at once it serves them in that same order. (A
 * thread per connection let a request sent on a second connection overtake one sent just before
 * on a first; with one thread that takes a delay of the thread itself, and QEMU, which reads its
 * own sockets in the order of its list, can still swap them.)
 */
public final class ConnectionRelay implements AutoCloseable {
    private static final int BACKLOG = 1024;
    private static final int CONNECT_TIMEOUT_MS = 120_000;
    private static final int BUFFER = 64 * 1024;
    private final ServerSocketChannel listener;
    private final int target;
    private final Selector selector;
    private final Queue<Pair> added = new ConcurrentLinkedQueue<>();
    private final List<Pair> pairs = new ArrayList<>();
    private volatile boolean closed;
    private long nextId;

    private ConnectionRelay(ServerSocketChannel listener, int target) throws IOException {
        this.listener = listener;
        this.target = target;
        this.selector = Selector.open();
        Thread acceptor = new Thread(this::acceptLoop, "relay-accept-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
        Thread mover = new Thread(this::moveLoop, "relay-move-" + port());
        mover.setDaemon(true);
        mover.start();
    }

    /** Listens on 127.0.0.1:{@code forward.hostPort()} and relays to 127.0.0.1:{@code target}. */
    public static ConnectionRelay start(PortForward forward, int target) {
        ServerSocketChannel s = null;
        try {
            s = ServerSocketChannel.open();
            s.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), forward.hostPort()), BACKLOG);
        } catch (IOException e) {
            closeQuietly(s);
            throw new UklException("host port " + forward.hostPort() + " is already in use on 127.0.0.1; pick another"
                    + " with --port HOST:" + forward.guestPort());
        }
        try {
            return new ConnectionRelay(s, target);
        } catch (IOException e) {
            closeQuietly(s);
            throw new UklException("cannot start the relay of port " + forward.hostPort() + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        try {
            return ((InetSocketAddress) listener.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new UklException("the relay's listener is closed", e);
        }
    }

    /** Accepts clients and connects each to QEMU's port, one at a time, in order. */
    private void acceptLoop() {
        while (!closed) {
            SocketChannel client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            SocketChannel guest = null;
            try {
                guest = SocketChannel.open();
                guest.socket().connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target),
                        CONNECT_TIMEOUT_MS);
                client.setOption(StandardSocketOptions.TCP_NODELAY, true);
                guest.setOption(StandardSocketOptions.TCP_NODELAY, true);
                client.configureBlocking(false);
                guest.configureBlocking(false);
                added.add(new Pair(nextId++, client, guest));
                selector.wakeup();
            } catch (IOException | ClosedSelectorException e) {
                // QEMU's end is not there (the VM stopped or is starting): the client sees its connection close
                closeQuietly(client);
                closeQuietly(guest);
            }
        }
    }

    private void moveLoop() {
        try {
            while (!closed) {
                selector.select();
                for (Pair p; (p = added.poll()) != null; ) {
                    p.register();
                    pairs.add(p);
                }
                List<SelectionKey> ready = new ArrayList<>(selector.selectedKeys());
                selector.selectedKeys().clear();
                // oldest connection first, and its client-to-guest side before the other
                ready.sort(Comparator.comparingLong((SelectionKey k) -> ((End) k.attachment()).pair.id)
                        .thenComparing(k -> ((End) k.attachment()).toGuest ? 0 : 1));
                for (SelectionKey k : ready) {
                    End end = (End) k.attachment();
                    if (k.isValid()) {
                        end.pair.serve(end, k);
                    }
                }
                pairs.removeIf(Pair::finished);
            }
        } catch (IOException | ClosedSelectorException e) {
            // closed
        } finally {
            for (Pair p : pairs) {
                p.close();
            }
            for (Pair p; (p = added.poll()) != null; ) {
                p.close();
            }
        }
    }

    /** One side of a connection: its channel, and whether it is the client (its bytes go to the guest). */
    private static final class End {
        final Pair pair;
        final SocketChannel channel;
        final boolean toGuest;
        /** Bytes read from this end, waiting to be written to the other. */
        final ByteBuffer pending = ByteBuffer.allocate(BUFFER);
        boolean eof;
        SelectionKey key;

        End(Pair pair, SocketChannel channel, boolean toGuest) {
            this.pair = pair;
            this.channel = channel;
            this.toGuest = toGuest;
            pending.flip(); // empty, ready to be read from
        }
    }

    private final class Pair {
        final long id;
        final End client;
        final End guest;
        boolean closedPair;

        Pair(long id, SocketChannel client, SocketChannel guest) {
            this.id = id;
            this.client = new End(this, client, true);
            this.guest = new End(this, guest, false);
        }

        void register() throws IOException {
            client.key = client.channel.register(selector, SelectionKey.OP_READ, client);
            guest.key = guest.channel.register(selector, SelectionKey.OP_READ, guest);
        }

        End other(End e) {
            return e == client ? guest : client;
        }

        /** Reads what the end has and writes it on; writes what waits for the end. */
        void serve(End end, SelectionKey k) {
            try {
                if (k.isWritable()) {
                    flush(other(end));
                }
                if (k.isValid() && k.isReadable() && !end.pending.hasRemaining() && !end.eof) {
                    end.pending.clear();
                    int n = end.channel.read(end.pending);
                    end.pending.flip();
                    if (n < 0) {
                        end.eof = true;
                    }
                    flush(end);
                }
            } catch (IOException | java.nio.channels.CancelledKeyException e) {
                // the connection broke, or the relay is closing under us (the VM stopped)
                close();
            }
        }

        /** Writes the bytes read from {@code from} to the other end; reads again only when they are all out. */
        void flush(End from) throws IOException {
            End to = other(from);
            if (from.pending.hasRemaining()) {
                to.channel.write(from.pending);
            }
            boolean waiting = from.pending.hasRemaining();
            if (!waiting && from.eof && to.channel.isOpen()) {
                to.channel.shutdownOutput();
            }
            interest(from, waiting);
            if (client.eof && guest.eof && !client.pending.hasRemaining() && !guest.pending.hasRemaining()) {
                close();
            }
        }

        /** While {@code from}'s bytes wait, it is not read and its peer is watched for room. */
        private void interest(End from, boolean waiting) {
            End to = other(from);
            if (from.key.isValid()) {
                int ops = from.key.interestOps() & ~SelectionKey.OP_READ;
                from.key.interestOps(waiting || from.eof ? ops : ops | SelectionKey.OP_READ);
            }
            if (to.key.isValid()) {
                int ops = to.key.interestOps() & ~SelectionKey.OP_WRITE;
                to.key.interestOps(waiting ? ops | SelectionKey.OP_WRITE : ops);
            }
        }

        boolean finished() {
            return closedPair;
        }

        void close() {
            closedPair = true;
            closeQuietly(client.channel);
            closeQuietly(guest.channel);
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
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
