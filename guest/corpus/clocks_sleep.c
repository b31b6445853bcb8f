/* clock_gettime (monotonic and realtime) and nanosleep: time moves forward. */
#include <stdio.h>
#include <time.h>

static long long ns(clockid_t c)
{
	struct timespec t;
	clock_gettime(c, &t);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(void)
{
	long long m0 = ns(CLOCK_MONOTONIC), r0 = ns(CLOCK_REALTIME);
	struct timespec d = { 0, 20 * 1000000 };
	nanosleep(&d, NULL);
	long long m1 = ns(CLOCK_MONOTONIC);
	printf("slept at least 20 ms: %d\n", m1 - m0 >= 20000000);
	int mono = 1;
	for (int i = 0; i < 1000; i++) {
		long long a = ns(CLOCK_MONOTONIC), b = ns(CLOCK_MONOTONIC);
		mono &= b >= a;
	}
	printf("monotonic: %d, realtime after 2020: %d\n", mono, r0 / 1000000000LL > 1577836800LL);
	struct timespec res;
	clock_getres(CLOCK_MONOTONIC, &res);
	/* 1 ns with high-resolution timers, one tick (at most 10 ms) on jiffies alone */
	printf("resolution at most 10 ms: %d\n", res.tv_sec == 0 && res.tv_nsec > 0 && res.tv_nsec <= 10000000);
	printf("process cpu clock works: %d\n", clock() >= 0);
	return 0;
}
