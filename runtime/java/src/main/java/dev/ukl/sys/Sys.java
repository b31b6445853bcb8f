package dev.ukl.sys;

import org.teavm.interop.Address;
import org.teavm.interop.Import;
import org.teavm.interop.c.Include;

/**
 * System calls for Java apps compiled by TeaVM: what its class library lacks and servers need.
 * Each method is a plain call into the C runtime: in a UKL app, a call of the kernel entry; in
 * the user program, the ordinary syscall path. Results are the kernel's: a count or descriptor
 * (&gt;= 0), or a negative errno.
 */
public final class Sys {
    /** epoll event bits. */
    public static final int EPOLLIN = 0x001;
    public static final int EPOLLOUT = 0x004;
    public static final int EPOLLERR = 0x008;
    public static final int EPOLLHUP = 0x010;
    /** epoll_ctl operations. */
    public static final int EPOLL_CTL_ADD = 1;
    public static final int EPOLL_CTL_DEL = 2;
    public static final int EPOLL_CTL_MOD = 3;
    /** errno values a server meets. */
    public static final int EAGAIN = 11;
    public static final int EINTR = 4;

    private Sys() {
    }

    /** The privilege level the code runs at: 0 in a UKL app, 3 in a user program. */
    @Import(name = "ukl_sys_cpl")
    @Include("ukl_sys.h")
    public static native int cpl();

    /** Ends the process with a status (TeaVM's class library has no System.exit). */
    @Import(name = "ukl_sys_exit")
    @Include("ukl_sys.h")
    public static native void exit(int status);

    /** The time-stamp counter (under QEMU's -icount, guest instructions). */
    @Import(name = "ukl_sys_rdtsc")
    @Include("ukl_sys.h")
    public static native long rdtsc();

    /** A raw system call by number (see asm/unistd_64.h). */
    @Import(name = "ukl_sys_syscall")
    @Include("ukl_sys.h")
    public static native long syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6);

    public static long syscall(long nr) {
        return syscall(nr, 0, 0, 0, 0, 0, 0);
    }

    public static int read(int fd, byte[] buf, int off, int len) {
        checkRange(buf.length, off, len);
        return read0(fd, Address.ofData(buf).add(off), len);
    }

    public static int write(int fd, byte[] buf, int off, int len) {
        checkRange(buf.length, off, len);
        return write0(fd, Address.ofData(buf).add(off), len);
    }

    @Import(name = "ukl_sys_close")
    @Include("ukl_sys.h")
    public static native int close(int fd);

    /** A pipe: fds[0] reads, fds[1] writes. */
    public static int pipe(int[] fds) {
        checkRange(fds.length, 0, 2);
        return pipe0(Address.ofData(fds));
    }

    /** A TCP socket listening on every address at the port. */
    @Import(name = "ukl_sys_tcp_listen")
    @Include("ukl_sys.h")
    public static native int tcpListen(int port, int backlog);

    /** A TCP connection to 127.0.0.1 at the port. */
    @Import(name = "ukl_sys_tcp_connect")
    @Include("ukl_sys.h")
    public static native int tcpConnect(int port);

    @Import(name = "ukl_sys_accept")
    @Include("ukl_sys.h")
    public static native int accept(int fd);

    @Import(name = "ukl_sys_set_nonblocking")
    @Include("ukl_sys.h")
    public static native int setNonBlocking(int fd);

    @Import(name = "ukl_sys_epoll_create")
    @Include("ukl_sys.h")
    public static native int epollCreate();

    @Import(name = "ukl_sys_epoll_ctl")
    @Include("ukl_sys.h")
    public static native int epollCtl(int epfd, int op, int fd, int events);

    /** Waits for events: ready descriptors go to fds, their event bits to events. */
    public static int epollWait(int epfd, int[] fds, int[] events, int timeoutMillis) {
        int max = Math.min(fds.length, events.length);
        return epollWait0(epfd, Address.ofData(fds), Address.ofData(events), max, timeoutMillis);
    }

    @Import(name = "ukl_sys_read")
    @Include("ukl_sys.h")
    private static native int read0(int fd, Address buf, int len);

    @Import(name = "ukl_sys_write")
    @Include("ukl_sys.h")
    private static native int write0(int fd, Address buf, int len);

    @Import(name = "ukl_sys_pipe")
    @Include("ukl_sys.h")
    private static native int pipe0(Address fds);

    @Import(name = "ukl_sys_epoll_wait")
    @Include("ukl_sys.h")
    private static native int epollWait0(int epfd, Address fds, Address events, int max, int timeout);

    private static void checkRange(int length, int off, int len) {
        if (off < 0 || len < 0 || off + len > length) {
            throw new IndexOutOfBoundsException("range " + off + "+" + len + " of " + length);
        }
    }
}
