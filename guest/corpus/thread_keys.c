/* Thread-specific data: values per thread, destructors at thread exit, pthread_once. */
#include <stdio.h>
#include <stdlib.h>
#include <pthread.h>

static pthread_key_t key;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int destroyed, inits;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static void destroy(void *p)
{
	pthread_mutex_lock(&m);
	destroyed += *(int *)p;
	pthread_mutex_unlock(&m);
	free(p);
}

static void init(void) { inits++; pthread_key_create(&key, destroy); }

static void *run(void *arg)
{
	pthread_once(&once, init);
	int *v = malloc(sizeof(int));
	*v = (int)(long)arg;
	pthread_setspecific(key, v);
	return (void *)(long)(*(int *)pthread_getspecific(key) == (int)(long)arg);
}

int main(void)
{
	pthread_t t[6];
	for (long i = 0; i < 6; i++)
		pthread_create(&t[i], NULL, run, (void *)(i + 1));
	int good = 0;
	for (int i = 0; i < 6; i++) {
		void *r;
		pthread_join(t[i], &r);
		good += (int)(long)r;
	}
	printf("inits %d, own values %d, destructor sum %d\n", inits, good, destroyed);
	printf("main sees none: %d\n", pthread_getspecific(key) == NULL);
	return 0;
}
