// SPDX-License-Identifier: GPL-2.0
/*
 * icount-run LABEL PROGRAM [ARG...]: runs PROGRAM (stdin, stdout and
 * stderr as given) and prints on stderr, after it ended,
 *   icount LABEL <ticks> <exit status> <page faults>
 * where ticks is the time-stamp counter's advance from just before the
 * fork to just after the wait, and page faults the child's own, minor and
 * major (its rusage). Under QEMU's -icount shift=0 the counter
 * advances one per guest instruction, so this counts the guest
 * instructions the run cost, kernel work included.
 *
 * Idle time is not instructions: with sleep=off the counter jumps ahead
 * whenever the guest waits for a timer. The first read of /dev/urandom
 * before the kernel's random pool is ready waits that way (jitter
 * entropy, about a second of guest time here), so the pool is made ready
 * before the first measurement, and no run pays for it.
 *
 * The same span is a window of `ukl profile`'s QEMU plugin: the no-op
 * instructions it reads as "on" and "off" (tools/profile/ukl-profile.c)
 * follow the first read of the counter and precede the last. Without the
 * plugin they are two no-ops more in the count.
 */
#include <stdio.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static unsigned long long ticks(void)
{
	unsigned int lo, hi;

	__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi) :: "memory");
	return ((unsigned long long)hi << 32) | lo;
}

static void profile_window(int on)
{
	if (on)
		__asm__ volatile(".byte 0x0f, 0x1f, 0x80; .long 0x554b4c31" ::: "memory");
	else
		__asm__ volatile(".byte 0x0f, 0x1f, 0x80; .long 0x554b4c30" ::: "memory");
}

int main(int argc, char **argv)
{
	unsigned long long t0, t1;
	struct rusage ru;
	int status;
	pid_t pid;

	if (argc < 3) {
		fprintf(stderr, "usage: icount-run LABEL PROGRAM [ARG...]\n");
		return 2;
	}
	if (getrandom(&t0, sizeof(t0), 0) != sizeof(t0)) {
		perror("icount-run: getrandom");
		return 2;
	}
	t0 = ticks();
	profile_window(1);
	pid = fork();
	if (pid == 0) {
		execv(argv[2], argv + 2);
		perror("icount-run: exec");
		_exit(127);
	}
	if (pid < 0 || wait4(pid, &status, 0, &ru) != pid) {
		profile_window(0);
		perror("icount-run");
		return 2;
	}
	profile_window(0);
	t1 = ticks();
	fprintf(stderr, "icount %s %llu %d %ld\n", argv[1], t1 - t0, WIFEXITED(status) ? WEXITSTATUS(status) : 128,
		ru.ru_minflt + ru.ru_majflt);
	return 0;
}
