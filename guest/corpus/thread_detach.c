/* Detached threads exit on their own and free their stacks; a barrier lines them up. */
#include <stdio.h>
#include <pthread.h>
#include <unistd.h>

static pthread_barrier_t b;
static int arrived;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static void *run(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&m);
	arrived++;
	pthread_mutex_unlock(&m);
	pthread_barrier_wait(&b);
	return NULL;
}

int main(void)
{
	for (int round = 0; round < 3; round++) {
		pthread_barrier_init(&b, NULL, 5);
		pthread_attr_t a;
		pthread_attr_init(&a);
		pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
		for (int i = 0; i < 4; i++) {
			pthread_t t;
			pthread_create(&t, &a, run, NULL);
		}
		pthread_barrier_wait(&b);
		usleep(20000);
		pthread_barrier_destroy(&b);
	}
	printf("arrived %d\n", arrived);
	return 0;
}
