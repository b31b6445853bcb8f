/* __thread variables: initialized from the template, distinct in every thread. */
#include <stdio.h>
#include <pthread.h>

static __thread int tl_init = 1000;
static __thread char tl_zero[256];
static __thread long tl_aligned __attribute__((aligned(64))) = 7;

static void *run(void *arg)
{
	long id = (long)arg;
	int fresh = tl_init == 1000 && tl_zero[100] == 0 && tl_aligned == 7;
	tl_init += (int)id;
	tl_zero[100] = (char)id;
	tl_aligned = id * 3;
	for (volatile int i = 0; i < 100000; i++)
		;
	int kept = tl_init == 1000 + id && tl_zero[100] == id && tl_aligned == id * 3;
	int aligned = ((unsigned long)&tl_aligned & 63) == 0;
	return (void *)(long)(fresh * 100 + kept * 10 + aligned);
}

int main(void)
{
	pthread_t t[8];
	for (long i = 0; i < 8; i++)
		pthread_create(&t[i], NULL, run, (void *)(i + 1));
	for (int i = 0; i < 8; i++) {
		void *r;
		pthread_join(t[i], &r);
		printf("thread %d: fresh/kept/aligned %03ld\n", i + 1, (long)r);
	}
	printf("main: %d %d %ld\n", tl_init, tl_zero[100], tl_aligned);
	return 0;
}
