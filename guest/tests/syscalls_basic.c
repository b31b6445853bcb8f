// SPDX-License-Identifier: GPL-2.0
/* Basic system calls: process ids, pipes, a file on tmpfs, brk. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "ktap.h"

static void test_ids(void)
{
	pid_t pid = getpid();

	ktap_result(pid > 1 && syscall(SYS_getpid) == pid, "getpid");
	ktap_result(getppid() >= 1 && syscall(SYS_getppid) == getppid(), "getppid");
}

static void test_pipe(void)
{
	int fds[2];
	char buf[16] = { 0 };

	if (!ktap_result(pipe(fds) == 0, "pipe")) {
		ktap_result(0, "pipe_roundtrip");
		return;
	}
	ktap_result(write(fds[1], "hello", 5) == 5 && read(fds[0], buf, sizeof(buf)) == 5 &&
		    memcmp(buf, "hello", 5) == 0, "pipe_roundtrip");
	close(fds[0]);
	close(fds[1]);
}

static void test_tmpfs_file(void)
{
	const char *path = "/tmp/syscalls_basic.txt";
	char buf[32] = { 0 };
	struct stat st;
	int fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0600);
	int ok = fd >= 0;

	ok = ok && write(fd, "0123456789", 10) == 10;
	ok = ok && lseek(fd, 3, SEEK_SET) == 3;
	ok = ok && read(fd, buf, 4) == 4 && memcmp(buf, "3456", 4) == 0;
	ok = ok && fstat(fd, &st) == 0 && st.st_size == 10 && S_ISREG(st.st_mode);
	if (fd >= 0)
		close(fd);
	ok = ok && unlink(path) == 0;
	ok = ok && access(path, F_OK) == -1 && errno == ENOENT;
	ktap_result(ok, "tmpfs_file");
}

static void test_brk(void)
{
	char *start = sbrk(0);
	char *p = sbrk(1 << 20);
	int ok = p == start;

	if (ok) {
		memset(p, 0x5a, 1 << 20);
		ok = p[(1 << 20) - 1] == 0x5a && sbrk(-(1 << 20)) != (void *)-1;
	}
	ktap_result(ok, "brk");
}

static void test_bad_pointer(void)
{
	int fds[2];
	long r;

	if (pipe(fds))
		return (void)ktap_result(0, "efault_kernel_pointer");
	write(fds[1], "x", 1);
	/* A kernel-half address must never be accepted from a user program. */
	r = read(fds[0], (void *)0xffffffff81000000UL, 1);
	ktap_result(r == -1 && errno == EFAULT, "efault_kernel_pointer");
	close(fds[0]);
	close(fds[1]);
}

int main(void)
{
	ktap_plan(7);
	test_ids();
	test_pipe();
	test_tmpfs_file();
	test_brk();
	test_bad_pointer();
	return ktap_done();
}
