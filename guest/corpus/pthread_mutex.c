/* 8 threads increment a shared counter under a mutex; recursive and trylock too. */
#include <stdio.h>
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *inc(void *arg)
{
	(void)arg;
	for (int i = 0; i < 20000; i++) {
		pthread_mutex_lock(&m);
		counter++;
		pthread_mutex_unlock(&m);
	}
	return NULL;
}

int main(void)
{
	pthread_t t[8];
	for (int i = 0; i < 8; i++)
		pthread_create(&t[i], NULL, inc, NULL);
	for (int i = 0; i < 8; i++)
		pthread_join(t[i], NULL);
	printf("counter %ld\n", counter);
	pthread_mutexattr_t a;
	pthread_mutexattr_init(&a);
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_t r;
	pthread_mutex_init(&r, &a);
	printf("recursive: %d %d\n", pthread_mutex_lock(&r), pthread_mutex_lock(&r));
	pthread_mutex_unlock(&r);
	pthread_mutex_unlock(&r);
	pthread_mutex_lock(&m);
	printf("trylock held: %d\n", pthread_mutex_trylock(&m) != 0);
	pthread_mutex_unlock(&m);
	return 0;
}
