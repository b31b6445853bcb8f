// SPDX-License-Identifier: GPL-2.0
/*
 * A LEBench-style system-call benchmark. Each case makes a fixed number of
 * calls in batches, each batch timed with clock_gettime(CLOCK_MONOTONIC).
 * Under QEMU's -icount shift=0 guest time advances one nanosecond per guest
 * instruction, so the figures are guest instructions, not time.
 *
 * Two figures per case: the mean over all calls (timer interrupts and slow
 * paths included), and the cheapest batch, per call. A timer interrupt lands
 * wherever the host's timing puts it, so only the second repeats exactly from
 * boot to boot.
 *
 * Output, one line per case, after all cases have run:
 *   bench <name> <calls> <total> <batch> <cheapest batch total>
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
#define MAX_CASES 32

static char buf[PAGE];

/*
 * Results are kept until every case has run: console output during the
 * measurements would put the host's timing into the guest's counts.
 */
static struct result {
	const char *name;
	long calls, batch;
	long long total, best;
} results[MAX_CASES];
static int nresults;

static long long now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static struct result *start(const char *name, long batch)
{
	struct result *r = &results[nresults < MAX_CASES - 1 ? nresults++ : nresults];

	*r = (struct result){ .name = name, .batch = batch, .best = -1 };
	return r;
}

static void add_batch(struct result *r, long long t)
{
	r->calls += r->batch;
	r->total += t;
	if (r->best < 0 || t < r->best)
		r->best = t;
}

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static void bench_loop(void)
{
	struct result *r = start("empty_loop", 100);

	for (int b = 0; b < CALLS / 100; b++) {
		long long t = now();

		for (volatile int i = 0; i < 100; i++)
			;
		add_batch(r, now() - t);
	}
}

static void bench_getppid(void)
{
	struct result *r = start("getppid", 10);

	for (int b = 0; b < CALLS / 10; b++) {
		long long t = now();

		for (int i = 0; i < 10; i++)
			syscall(SYS_getppid);
		add_batch(r, now() - t);
	}
}

/*
 * Writes then reads `size` bytes on a pair of descriptors, in batches that
 * fit the pipe or socket buffer, timing writes and reads apart.
 */
static void bench_pair(const char *wname, const char *rname, int wfd, int rfd, size_t size,
		       int batch, int calls)
{
	struct result *w = start(wname, batch), *r = start(rname, batch);

	for (int done = 0; done < calls; done += batch) {
		long long t = now();

		for (int i = 0; i < batch; i++)
			if (write(wfd, buf, size) != (ssize_t)size)
				die(wname);
		add_batch(w, now() - t);
		t = now();
		for (int i = 0; i < batch; i++)
			if (read(rfd, buf, size) != (ssize_t)size)
				die(rname);
		add_batch(r, now() - t);
	}
}

static void bench_pipe(void)
{
	int p[2];

	if (pipe(p))
		die("pipe");
	bench_pair("pipe_write_1", "pipe_read_1", p[1], p[0], 1, 10, CALLS);
	bench_pair("pipe_write_4k", "pipe_read_4k", p[1], p[0], PAGE, 8, CALLS / 4);
	close(p[0]);
	close(p[1]);
}

static void bench_file_size(int fd, const char *wname, const char *rname, size_t size)
{
	struct result *w = start(wname, 10), *r = start(rname, 10);

	for (int b = 0; b < CALLS / 10; b++) {
		long long t = now();

		for (int i = 0; i < 10; i++)
			if (pwrite(fd, buf, size, 0) != (ssize_t)size)
				die(wname);
		add_batch(w, now() - t);
	}
	for (int b = 0; b < CALLS / 10; b++) {
		long long t = now();

		for (int i = 0; i < 10; i++)
			if (pread(fd, buf, size, 0) != (ssize_t)size)
				die(rname);
		add_batch(r, now() - t);
	}
}

static void bench_file(void)
{
	int fd = open("/tmp/bench.dat", O_CREAT | O_RDWR | O_TRUNC, 0600);

	if (fd < 0 || write(fd, buf, PAGE) != PAGE)
		die("tmpfs file");
	bench_file_size(fd, "file_write_1", "file_read_1", 1);
	bench_file_size(fd, "file_write_4k", "file_read_4k", PAGE);
	close(fd);
	unlink("/tmp/bench.dat");
}

static void bench_socketpair(void)
{
	int sv[2];
	struct result *s, *r;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		die("socketpair");
	s = start("socket_send_1", 10);
	r = start("socket_recv_1", 10);
	for (int done = 0; done < CALLS; done += 10) {
		long long t = now();

		for (int i = 0; i < 10; i++)
			if (send(sv[0], buf, 1, 0) != 1)
				die("send");
		add_batch(s, now() - t);
		t = now();
		for (int i = 0; i < 10; i++)
			if (recv(sv[1], buf, 1, 0) != 1)
				die("recv");
		add_batch(r, now() - t);
	}
	close(sv[0]);
	close(sv[1]);
}

static void bench_mmap(void)
{
	struct result *r = start("mmap_munmap", 4);

	for (int b = 0; b < CALLS / 16; b++) {
		long long t = now();

		for (int i = 0; i < 4; i++) {
			char *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

			if (p == MAP_FAILED || munmap(p, PAGE))
				die("mmap");
		}
		add_batch(r, now() - t);
	}
}

static void bench_page_fault(void)
{
	int pages = 2048;
	char *p = mmap(NULL, (size_t)pages * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct result *r = start("page_first_touch", 4);

	if (p == MAP_FAILED)
		die("mmap");
	for (int b = 0; b < pages; b += 4) {
		long long t = now();

		for (int i = b; i < b + 4; i++)
			p[(size_t)i * PAGE] = 1;
		add_batch(r, now() - t);
	}
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
	for (int i = 0; i < nresults; i++)
		printf("bench %s %ld %lld %ld %lld\n", results[i].name, results[i].calls,
		       results[i].total, results[i].batch, results[i].best);
	printf("bench done\n");
	return 0;
}
