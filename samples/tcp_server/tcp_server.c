// SPDX-License-Identifier: GPL-2.0
/*
 * An epoll TCP echo server that makes every system call through
 * raw_syscall() (shim.S), so the same source runs as a user program and,
 * linked into the kernel, as a UKL app. Listens on port 5555, or argv[1].
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/syscall.h>

#define BACKLOG 128
#define MAX_EVENTS 64
#define BUF_SIZE 4096

long raw_syscall(long nr, ...);

static char buffer[BUF_SIZE];

static unsigned long length(const char *s)
{
	unsigned long n = 0;

	while (s[n])
		n++;
	return n;
}

static void say(const char *msg)
{
	raw_syscall(SYS_write, 1, msg, length(msg));
}

static void fail(const char *msg)
{
	say("tcp_server: ");
	say(msg);
	say("\n");
	raw_syscall(SYS_exit_group, 1);
}

static int parse_port(const char *s)
{
	int port = 0;

	while (*s >= '0' && *s <= '9')
		port = port * 10 + (*s++ - '0');
	return port > 0 && port < 65536 ? port : -1;
}

/* Sends all of buf, or gives up on the connection. */
static int send_all(int fd, const char *buf, long len)
{
	while (len > 0) {
		long n = raw_syscall(SYS_sendto, fd, buf, len, 0, 0, 0);

		if (n <= 0)
			return -1;
		buf += n;
		len -= n;
	}
	return 0;
}

static void drop(int ep, int fd)
{
	raw_syscall(SYS_epoll_ctl, ep, EPOLL_CTL_DEL, fd, 0);
	raw_syscall(SYS_close, fd);
}

int main(int argc, char **argv)
{
	struct sockaddr_in addr = { .sin_family = AF_INET };
	struct epoll_event ev, events[MAX_EVENTS];
	int port = argc > 1 ? parse_port(argv[1]) : 5555;
	int one = 1;
	int lfd, ep;

	if (port < 0)
		fail("bad port");
	addr.sin_port = htons(port);
	addr.sin_addr.s_addr = htonl(INADDR_ANY);

	lfd = raw_syscall(SYS_socket, AF_INET, SOCK_STREAM, 0);
	if (lfd < 0)
		fail("socket failed");
	if (raw_syscall(SYS_setsockopt, lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
	    raw_syscall(SYS_setsockopt, lfd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)) < 0)
		fail("setsockopt failed");
	if (raw_syscall(SYS_bind, lfd, &addr, sizeof(addr)) < 0)
		fail("bind failed");
	if (raw_syscall(SYS_listen, lfd, BACKLOG) < 0)
		fail("listen failed");
	ep = raw_syscall(SYS_epoll_create1, 0);
	if (ep < 0)
		fail("epoll_create1 failed");
	ev.events = EPOLLIN;
	ev.data.fd = lfd;
	if (raw_syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, lfd, &ev) < 0)
		fail("epoll_ctl failed");
	say("tcp_server: listening\n");

	for (;;) {
		long n = raw_syscall(SYS_epoll_wait, ep, events, MAX_EVENTS, -1);

		if (n < 0) {
			if (n == -4)	/* EINTR */
				continue;
			fail("epoll_wait failed");
		}
		for (long i = 0; i < n; i++) {
			int fd = events[i].data.fd;

			if (fd == lfd) {
				int c = raw_syscall(SYS_accept4, lfd, 0, 0, 0);

				if (c < 0)
					continue;
				raw_syscall(SYS_setsockopt, c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
				ev.events = EPOLLIN;
				ev.data.fd = c;
				if (raw_syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, c, &ev) < 0)
					raw_syscall(SYS_close, c);
				continue;
			}
			long got = raw_syscall(SYS_recvfrom, fd, buffer, BUF_SIZE, 0, 0, 0);

			if (got <= 0 || send_all(fd, buffer, got) < 0)
				drop(ep, fd);
		}
	}
}
