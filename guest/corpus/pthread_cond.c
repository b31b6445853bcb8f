/* A bounded queue: producers and consumers with condition variables. */
#include <stdio.h>
#include <pthread.h>

#define CAP 4
static int q[CAP], head, count, done_producers;
static long consumed_sum, consumed_n;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER, not_empty = PTHREAD_COND_INITIALIZER;

static void *producer(void *arg)
{
	long base = (long)arg;
	for (int i = 1; i <= 500; i++) {
		pthread_mutex_lock(&m);
		while (count == CAP)
			pthread_cond_wait(&not_full, &m);
		q[(head + count++) % CAP] = base + i;
		pthread_cond_signal(&not_empty);
		pthread_mutex_unlock(&m);
	}
	pthread_mutex_lock(&m);
	done_producers++;
	pthread_cond_broadcast(&not_empty);
	pthread_mutex_unlock(&m);
	return NULL;
}

static void *consumer(void *arg)
{
	(void)arg;
	for (;;) {
		pthread_mutex_lock(&m);
		while (count == 0 && done_producers < 2)
			pthread_cond_wait(&not_empty, &m);
		if (count == 0) {
			pthread_mutex_unlock(&m);
			return NULL;
		}
		int v = q[head];
		head = (head + 1) % CAP;
		count--;
		consumed_sum += v;
		consumed_n++;
		pthread_cond_signal(&not_full);
		pthread_mutex_unlock(&m);
	}
}

int main(void)
{
	pthread_t p[2], c[3];
	for (int i = 0; i < 3; i++)
		pthread_create(&c[i], NULL, consumer, NULL);
	for (long i = 0; i < 2; i++)
		pthread_create(&p[i], NULL, producer, (void *)(i * 1000));
	for (int i = 0; i < 2; i++)
		pthread_join(p[i], NULL);
	for (int i = 0; i < 3; i++)
		pthread_join(c[i], NULL);
	printf("consumed %ld items, sum %ld\n", consumed_n, consumed_sum);
	return 0;
}
