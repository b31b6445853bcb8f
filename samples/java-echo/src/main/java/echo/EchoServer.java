package echo;

import dev.ukl.sys.Sys;

import java.util.HashMap;
import java.util.Map;

/**
 * A TCP echo server on one thread with epoll: every byte a client sends comes back. Written
 * against dev.ukl.sys, so the same program runs as a normal process and as a UKL app.
 */
public final class EchoServer {
    /** Bytes read but not yet written back, per connection. */
    private final Map<Integer, Pending> pending = new HashMap<>();
    private final byte[] buf = new byte[16384];
    private final int epoll;

    private static final class Pending {
        byte[] data = new byte[0];
        int off;

        boolean empty() {
            return off == data.length;
        }
    }

    private EchoServer(int epoll) {
        this.epoll = epoll;
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 5555;
        int listener = Sys.tcpListen(port, 64);
        if (listener < 0) {
            System.out.println("echo: cannot listen on " + port + ": errno " + -listener);
            Sys.exit(1);
        }
        int epoll = Sys.epollCreate();
        Sys.setNonBlocking(listener);
        Sys.epollCtl(epoll, Sys.EPOLL_CTL_ADD, listener, Sys.EPOLLIN);
        System.out.println("echo: listening on port " + port + " (Java, CPL " + Sys.cpl() + ")");
        new EchoServer(epoll).loop(listener);
    }

    private void loop(int listener) {
        int[] fds = new int[64];
        int[] events = new int[64];
        for (;;) {
            int n = Sys.epollWait(epoll, fds, events, -1);
            for (int i = 0; i < n; i++) {
                if (fds[i] == listener) {
                    acceptAll(listener);
                } else {
                    serve(fds[i], events[i]);
                }
            }
        }
    }

    private void acceptAll(int listener) {
        for (;;) {
            int c = Sys.accept(listener);
            if (c < 0) {
                return;
            }
            Sys.setNonBlocking(c);
            Sys.epollCtl(epoll, Sys.EPOLL_CTL_ADD, c, Sys.EPOLLIN);
            pending.put(c, new Pending());
        }
    }

    private void serve(int fd, int ev) {
        Pending p = pending.get(fd);
        if (p == null) {
            return;
        }
        if (!p.empty() && !flush(fd, p)) {
            return;
        }
        if ((ev & (Sys.EPOLLIN | Sys.EPOLLHUP | Sys.EPOLLERR)) == 0) {
            return;
        }
        for (;;) {
            int r = Sys.read(fd, buf, 0, buf.length);
            if (r == -Sys.EAGAIN) {
                return;
            }
            if (r <= 0) {
                close(fd);
                return;
            }
            p.data = java.util.Arrays.copyOf(buf, r);
            p.off = 0;
            if (!flush(fd, p)) {
                return;
            }
        }
    }

    /** Writes what is pending; false if the socket is full (then waits for EPOLLOUT) or gone. */
    private boolean flush(int fd, Pending p) {
        while (!p.empty()) {
            int w = Sys.write(fd, p.data, p.off, p.data.length - p.off);
            if (w == -Sys.EAGAIN) {
                Sys.epollCtl(epoll, Sys.EPOLL_CTL_MOD, fd, Sys.EPOLLOUT);
                return false;
            }
            if (w < 0) {
                close(fd);
                return false;
            }
            p.off += w;
        }
        Sys.epollCtl(epoll, Sys.EPOLL_CTL_MOD, fd, Sys.EPOLLIN);
        return true;
    }

    private void close(int fd) {
        Sys.epollCtl(epoll, Sys.EPOLL_CTL_DEL, fd, 0);
        Sys.close(fd);
        pending.remove(fd);
    }
}
