// SPDX-License-Identifier: GPL-2.0
/*
 * A LEBench-style system-call benchmark, built both as a user program and
 * as the UKL app from this one source. Each case makes a fixed number of
 * calls in batches; each batch is measured with rdtsc. Under QEMU's
 * -icount shift=0 the time-stamp counter advances one tick per guest
 * instruction, so the figures are guest instructions, not time.
 *
 * Two figures per case: the mean over all calls (timer interrupts and slow
 * paths included), and the cheapest batch, per call. Timer interrupts land
 * wherever the host's timing puts them, so only the second repeats exactly
 * from boot to boot.
 *
 * Output, after all cases have run (console output during the measurements
 * would put the host's timing into the counts):
 *   bench <name> <calls> <total> <batch> <cheapest batch total>
 *
 * Each measured batch also sits in a profile window: no-op instructions
 * that `ukl profile`'s QEMU plugin (tools/profile/ukl-profile.c) sees. A
 * group marker starts each bench_ function and every case opens its
 * windows from a place of its own, so the plugin's window tags are the
 * cases in the order they start. The markers are outside the rdtsc pairs:
 * the counts are the same with and without them.
 */
#include <asm/unistd.h>
#include <linux/fcntl.h>
#include <linux/mman.h>
#include "../include/freestanding.h"

#define CALLS 20000
#define PAGE 4096
#define MAX_CASES 32
#define AF_UNIX 1
#define SOCK_STREAM 1

static char buf[PAGE];

static struct result {
	const char *name;
	long calls, batch;
	long long total, best;
} results[MAX_CASES];
static int nresults;

#define PROFILE_MARK(disp) asm volatile(".byte 0x0f, 0x1f, 0x80; .long " #disp ::: "memory")
#define PROFILE_GROUP() PROFILE_MARK(0x554b4c47)
#define PROFILE_ON() PROFILE_MARK(0x554b4c31)
#define PROFILE_OFF() PROFILE_MARK(0x554b4c30)

static inline long long ticks(void)
{
	unsigned int lo, hi;

	asm volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi) :: "memory");
	return ((long long)hi << 32) | lo;
}

static void die(const char *what)
{
	put("bench: failed: ");
	put(what);
	put("\n");
	sys(__NR_exit_group, 1);
}

static struct result *start(const char *name, long batch)
{
	struct result *r = &results[nresults < MAX_CASES - 1 ? nresults++ : nresults];

	r->name = name;
	r->batch = batch;
	r->calls = 0;
	r->total = 0;
	r->best = -1;
	return r;
}

static void add_batch(struct result *r, long long t)
{
	r->calls += r->batch;
	r->total += t;
	if (r->best < 0 || t < r->best)
		r->best = t;
}

static void bench_loop(void)
{
	struct result *r = start("empty_loop", 100);

	PROFILE_GROUP();
	for (int b = 0; b < CALLS / 100; b++) {
		PROFILE_ON();
		long long t = ticks();

		for (volatile int i = 0; i < 100; i++)
			;
		t = ticks() - t;
		PROFILE_OFF();
		add_batch(r, t);
	}
}

static void bench_getppid(void)
{
	struct result *r = start("getppid", 10);

	PROFILE_GROUP();
	for (int b = 0; b < CALLS / 10; b++) {
		PROFILE_ON();
		long long t = ticks();

		for (int i = 0; i < 10; i++)
			sys(__NR_getppid);
		t = ticks() - t;
		PROFILE_OFF();
		add_batch(r, t);
	}
}

/*
 * Writes then reads size bytes, in batches that fit the pipe or socket;
 * on a socket with send and receive (sendto and recvfrom).
 */
static void bench_pair(const char *wname, const char *rname, int wfd, int rfd, long size,
		       int batch, int calls, int sock)
{
	long wnr = sock ? __NR_sendto : __NR_write, rnr = sock ? __NR_recvfrom : __NR_read;

	struct result *w = start(wname, batch), *r = start(rname, batch);

	PROFILE_GROUP();
	for (int done = 0; done < calls; done += batch) {
		PROFILE_ON();
		long long t = ticks();

		for (int i = 0; i < batch; i++)
			if (sys(wnr, wfd, buf, size, 0, 0, 0) != size)
				die(wname);
		t = ticks() - t;
		PROFILE_OFF();
		add_batch(w, t);
		PROFILE_ON();
		t = ticks();
		for (int i = 0; i < batch; i++)
			if (sys(rnr, rfd, buf, size, 0, 0, 0) != size)
				die(rname);
		t = ticks() - t;
		PROFILE_OFF();
		add_batch(r, t);
	}
}

static void bench_file(int fd, const char *wname, const char *rname, long size)
{
	struct result *w = start(wname, 10), *r = start(rname, 10);

	PROFILE_GROUP();
	for (int b = 0; b < CALLS / 10; b++) {
		PROFILE_ON();
		long long t = ticks();

		for (int i = 0; i < 10; i++)
			if (sys(__NR_pwrite64, fd, buf, size, 0) != size)
				die(wname);
		t = ticks() - t;
		PROFILE_OFF();
		add_batch(w, t);
	}
	for (int b = 0; b < CALLS / 10; b++) {
		PROFILE_ON();
		long long t = ticks();

		for (int i = 0; i < 10; i++)
			if (sys(__NR_pread64, fd, buf, size, 0) != size)
				die(rname);
		t = ticks() - t;
		PROFILE_OFF();
		add_batch(r, t);
	}
}

static void bench_mmap(void)
{
	struct result *r = start("mmap_munmap", 4);

	PROFILE_GROUP();
	for (int b = 0; b < CALLS / 16; b++) {
		PROFILE_ON();
		long long t = ticks();

		for (int i = 0; i < 4; i++) {
			long p = sys(__NR_mmap, 0, PAGE, PROT_READ | PROT_WRITE,
				     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

			if (p < 0 && p > -4096)
				die("mmap");
			if (sys(__NR_munmap, p, PAGE))
				die("munmap");
		}
		t = ticks() - t;
		PROFILE_OFF();
		add_batch(r, t);
	}
}

static void bench_page_fault(void)
{
	long pages = 2048;
	char *p = (char *)sys(__NR_mmap, 0, pages * PAGE, PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct result *r = start("page_first_touch", 4);

	if ((unsigned long)p > -4096UL)
		die("mmap");
	PROFILE_GROUP();
	for (long b = 0; b < pages; b += 4) {
		PROFILE_ON();
		long long t = ticks();

		for (long i = b; i < b + 4; i++)
			p[i * PAGE] = 1;
		t = ticks() - t;
		PROFILE_OFF();
		add_batch(r, t);
	}
	sys(__NR_munmap, p, pages * PAGE);
}

int main(void)
{
	int p[2], sv[2], fd;

	nresults = 0;	/* UKL globals outlive a run */
	for (int i = 0; i < PAGE; i++)
		buf[i] = 'x';
	bench_loop();
	bench_getppid();
	if (sys(__NR_pipe2, p, 0))
		die("pipe");
	bench_pair("pipe_write_1", "pipe_read_1", p[1], p[0], 1, 10, CALLS, 0);
	bench_pair("pipe_write_4k", "pipe_read_4k", p[1], p[0], PAGE, 8, CALLS / 4, 0);
	fd = sys(__NR_open, "/tmp/bench.dat", O_CREAT | O_RDWR | O_TRUNC, 0600);
	if (fd < 0 || sys(__NR_write, fd, buf, PAGE) != PAGE)
		die("tmpfs file");
	bench_file(fd, "file_write_1", "file_read_1", 1);
	bench_file(fd, "file_write_4k", "file_read_4k", PAGE);
	if (sys(__NR_socketpair, AF_UNIX, SOCK_STREAM, 0, sv))
		die("socketpair");
	bench_pair("socket_send_1", "socket_recv_1", sv[0], sv[1], 1, 10, CALLS, 1);
	bench_mmap();
	bench_page_fault();
	for (int i = 0; i < nresults; i++) {
		put("bench ");
		put(results[i].name);
		put(" ");
		put_num(results[i].calls);
		put(" ");
		put_num(results[i].total);
		put(" ");
		put_num(results[i].batch);
		put(" ");
		put_num(results[i].best);
		put("\n");
	}
	put("bench done\n");
	return 0;
}
