/*
 * Futexes on globals, private and shared: a wait that nobody wakes times
 * out, a wake with no waiter wakes nobody, and a thread waiting on a
 * global is woken by another. Shared futexes pin the page: the global must
 * be ordinary process memory for that.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* from <linux/futex.h>, which a musl program does not have */
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_WAIT_PRIVATE (FUTEX_WAIT | 128)
#define FUTEX_WAKE_PRIVATE (FUTEX_WAKE | 128)

static int word;
static volatile int waiting;

static long futex(int *addr, int op, int val, const struct timespec *ts)
{
	return syscall(SYS_futex, addr, op, val, ts, 0, 0);
}

static void *waiter(void *arg)
{
	int op = *(int *)arg;

	waiting = 1;
	while (__atomic_load_n(&word, __ATOMIC_SEQ_CST) == 0)
		futex(&word, op, 0, 0);
	return 0;
}

int main(void)
{
	struct timespec ts = { 0, 20 * 1000 * 1000 };
	int ops[2] = { FUTEX_WAIT_PRIVATE, FUTEX_WAIT };
	const char *names[2] = { "private", "shared" };

	for (int i = 0; i < 2; i++) {
		long r = futex(&word, ops[i], 0, &ts);
		printf("%s wait: %s\n", names[i], r == -1 && errno == ETIMEDOUT ? "timed out" : "WRONG");
		r = futex(&word, ops[i] == FUTEX_WAIT ? FUTEX_WAKE : FUTEX_WAKE_PRIVATE, 1, 0);
		printf("%s wake: %ld woken\n", names[i], r);

		pthread_t t;
		word = 0;
		waiting = 0;
		pthread_create(&t, 0, waiter, &ops[i]);
		while (!waiting)
			usleep(1000);
		usleep(20000);
		__atomic_store_n(&word, 1, __ATOMIC_SEQ_CST);
		futex(&word, ops[i] == FUTEX_WAIT ? FUTEX_WAKE : FUTEX_WAKE_PRIVATE, 1, 0);
		pthread_join(t, 0);
		printf("%s: waiter woken\n", names[i]);
		word = 0;
	}
	return 0;
}
