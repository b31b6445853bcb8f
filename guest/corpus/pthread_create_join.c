/* 8 threads created and joined, each returning a value computed on its own stack. */
#include <stdio.h>
#include <pthread.h>
#include <string.h>

static void *work(void *arg)
{
	long id = (long)arg;
	char stack_buf[64 * 1024];
	memset(stack_buf, (int)id, sizeof(stack_buf));
	long sum = 0;
	for (size_t i = 0; i < sizeof(stack_buf); i++)
		sum += stack_buf[i];
	return (void *)(sum / (long)sizeof(stack_buf) * 100 + id);
}

int main(void)
{
	pthread_t t[8];
	for (long i = 0; i < 8; i++)
		if (pthread_create(&t[i], NULL, work, (void *)i)) { puts("create failed"); return 1; }
	for (int i = 0; i < 8; i++) {
		void *r;
		pthread_join(t[i], &r);
		printf("thread %d returned %ld\n", i, (long)r);
	}
	printf("self equal: %d\n", pthread_equal(pthread_self(), pthread_self()));
	return 0;
}
