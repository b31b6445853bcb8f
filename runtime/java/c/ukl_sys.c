// SPDX-License-Identifier: GPL-2.0
/* The C side of dev.ukl.sys: see ukl_sys.h. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "ukl_sys.h"

static int32_t result(long r)
{
	return r < 0 ? -errno : (int32_t)r;
}

int32_t ukl_sys_cpl(void)
{
	unsigned short cs;

	__asm__ volatile("mov %%cs, %0" : "=r"(cs));
	return cs & 3;
}

void ukl_sys_exit(int32_t status)
{
	fflush(NULL);
	exit(status);
}

int64_t ukl_sys_rdtsc(void)
{
	unsigned int lo, hi;

	__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi) :: "memory");
	return ((int64_t)hi << 32) | lo;
}

int64_t ukl_sys_syscall(int64_t nr, int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, int64_t a6)
{
	long r = syscall(nr, a1, a2, a3, a4, a5, a6);

	return r < 0 ? -errno : r;
}

int32_t ukl_sys_read(int32_t fd, void *buf, int32_t len)
{
	return result(read(fd, buf, len));
}

int32_t ukl_sys_write(int32_t fd, void *buf, int32_t len)
{
	return result(write(fd, buf, len));
}

int32_t ukl_sys_close(int32_t fd)
{
	return result(close(fd));
}

int32_t ukl_sys_pipe(void *fds)
{
	return result(pipe(fds));
}

int32_t ukl_sys_tcp_listen(int32_t port, int32_t backlog)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
	int one = 1;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0)
		return -errno;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) || listen(fd, backlog)) {
		int e = errno;

		close(fd);
		return -e;
	}
	return fd;
}

int32_t ukl_sys_tcp_connect(int32_t port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port),
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0)
		return -errno;
	if (connect(fd, (struct sockaddr *)&a, sizeof(a))) {
		int e = errno;

		close(fd);
		return -e;
	}
	return fd;
}

int32_t ukl_sys_accept(int32_t fd)
{
	return result(accept(fd, NULL, NULL));
}

int32_t ukl_sys_set_nonblocking(int32_t fd)
{
	int flags = fcntl(fd, F_GETFL);

	return flags < 0 ? -errno : result(fcntl(fd, F_SETFL, flags | O_NONBLOCK));
}

int32_t ukl_sys_epoll_create(void)
{
	return result(epoll_create1(0));
}

int32_t ukl_sys_epoll_ctl(int32_t epfd, int32_t op, int32_t fd, int32_t events)
{
	struct epoll_event e = { .events = (uint32_t)events, .data.fd = fd };

	return result(epoll_ctl(epfd, op, fd, &e));
}

/* Ready descriptors and their events go to two int arrays of max entries. */
int32_t ukl_sys_epoll_wait(int32_t epfd, void *fds, void *events, int32_t max, int32_t timeout)
{
	struct epoll_event ev[64];
	int32_t *f = fds, *e = events;
	int n;

	if (max > 64)
		max = 64;
	n = epoll_wait(epfd, ev, max, timeout);
	if (n < 0)
		return -errno;
	for (int i = 0; i < n; i++) {
		f[i] = ev[i].data.fd;
		e[i] = (int32_t)ev[i].events;
	}
	return n;
}
