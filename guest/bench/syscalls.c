// SPDX-License-Identifier: GPL-2.0
/*
 * A LEBench-style system-call benchmark. Each case runs a fixed number of
 * calls in batches timed with clock_gettime(CLOCK_MONOTONIC). Under QEMU's
 * -icount shift=0 guest time advances one nanosecond per guest instruction,
 * so the figures printed are guest instructions, not time.
 *
 * Output, one line per case:  bench <name> <calls> <total>
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define CALLS 20000
#define PAGE 4096

static char buf[PAGE];

static long long now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void report(const char *name, long calls, long long total)
{
	printf("bench %s %ld %lld\n", name, calls, total);
	fflush(stdout);
}

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static void bench_loop(void)
{
	long long t = now();

	for (volatile int i = 0; i < CALLS; i++)
		;
	report("empty_loop", CALLS, now() - t);
}

static void bench_getppid(void)
{
	long long t = now();

	for (int i = 0; i < CALLS; i++)
		syscall(SYS_getppid);
	report("getppid", CALLS, now() - t);
}

/*
 * Writes then reads `size` bytes `calls` times on a pair of descriptors, in
 * batches that fit the pipe or socket buffer, timing writes and reads apart.
 */
static void bench_pair(const char *wname, const char *rname, int wfd, int rfd, size_t size,
		       int batch, int calls)
{
	long long tw = 0, tr = 0, t;

	for (int done = 0; done < calls; done += batch) {
		t = now();
		for (int i = 0; i < batch; i++)
			if (write(wfd, buf, size) != (ssize_t)size)
				die(wname);
		tw += now() - t;
		t = now();
		for (int i = 0; i < batch; i++)
			if (read(rfd, buf, size) != (ssize_t)size)
				die(rname);
		tr += now() - t;
	}
	report(wname, calls, tw);
	report(rname, calls, tr);
}

static void bench_pipe(void)
{
	int p[2];

	if (pipe(p))
		die("pipe");
	bench_pair("pipe_write_1", "pipe_read_1", p[1], p[0], 1, 1000, CALLS);
	bench_pair("pipe_write_4k", "pipe_read_4k", p[1], p[0], PAGE, 8, CALLS / 4);
	close(p[0]);
	close(p[1]);
}

static void bench_file(void)
{
	int fd = open("/tmp/bench.dat", O_CREAT | O_RDWR | O_TRUNC, 0600);
	long long t;

	if (fd < 0 || write(fd, buf, PAGE) != PAGE)
		die("tmpfs file");
	for (size_t size = 1; size <= PAGE; size *= PAGE) {
		const char *wn = size == 1 ? "file_write_1" : "file_write_4k";
		const char *rn = size == 1 ? "file_read_1" : "file_read_4k";

		t = now();
		for (int i = 0; i < CALLS; i++)
			if (pwrite(fd, buf, size, 0) != (ssize_t)size)
				die(wn);
		report(wn, CALLS, now() - t);
		t = now();
		for (int i = 0; i < CALLS; i++)
			if (pread(fd, buf, size, 0) != (ssize_t)size)
				die(rn);
		report(rn, CALLS, now() - t);
	}
	close(fd);
	unlink("/tmp/bench.dat");
}

static void bench_socketpair(void)
{
	int sv[2];
	long long ts = 0, tr = 0, t;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		die("socketpair");
	for (int done = 0; done < CALLS; done += 100) {
		t = now();
		for (int i = 0; i < 100; i++)
			if (send(sv[0], buf, 1, 0) != 1)
				die("send");
		ts += now() - t;
		t = now();
		for (int i = 0; i < 100; i++)
			if (recv(sv[1], buf, 1, 0) != 1)
				die("recv");
		tr += now() - t;
	}
	report("socket_send_1", CALLS, ts);
	report("socket_recv_1", CALLS, tr);
	close(sv[0]);
	close(sv[1]);
}

static void bench_mmap(void)
{
	int calls = CALLS / 4;
	long long t = now();
	char *p;

	for (int i = 0; i < calls; i++) {
		p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED || munmap(p, PAGE))
			die("mmap");
	}
	report("mmap_munmap", calls, now() - t);
}

static void bench_page_fault(void)
{
	int pages = 2048;
	char *p = mmap(NULL, (size_t)pages * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long long t;

	if (p == MAP_FAILED)
		die("mmap");
	t = now();
	for (int i = 0; i < pages; i++)
		p[(size_t)i * PAGE] = 1;
	report("page_first_touch", pages, now() - t);
	munmap(p, (size_t)pages * PAGE);
}

int main(void)
{
	memset(buf, 'x', sizeof(buf));
	bench_loop();
	bench_getppid();
	bench_pipe();
	bench_file();
	bench_socketpair();
	bench_mmap();
	bench_page_fault();
	printf("bench done\n");
	return 0;
}
