/* eventfd counters and a periodic timerfd. */
#include <stdio.h>
#include <stdint.h>
#include <unistd.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>

int main(void)
{
	int e = eventfd(0, 0);
	uint64_t v = 3;
	write(e, &v, 8);
	v = 4;
	write(e, &v, 8);
	read(e, &v, 8);
	printf("eventfd sum %llu\n", (unsigned long long)v);
	int t = timerfd_create(CLOCK_MONOTONIC, 0);
	struct itimerspec its = { { 0, 10000000 }, { 0, 10000000 } };
	timerfd_settime(t, 0, &its, NULL);
	uint64_t expirations = 0;
	while (expirations < 3) {
		uint64_t n;
		read(t, &n, 8);
		expirations += n;
	}
	printf("timer expired at least 3 times: %d\n", expirations >= 3);
	return 0;
}
