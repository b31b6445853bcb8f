/* Constructors run before main in priority order, destructors after exit, interleaved with atexit. */
#include <stdio.h>
#include <stdlib.h>

static int order[8], n;
static int initialized_by_constructor;

__attribute__((constructor(200))) static void second(void) { order[n++] = 2; }
__attribute__((constructor(101))) static void first(void) { order[n++] = 1; }
__attribute__((constructor)) static void last(void) { order[n++] = 3; initialized_by_constructor = 42; }
__attribute__((destructor)) static void goodbye(void) { printf("destructor ran\n"); }

static void at_exit(void) { printf("atexit handler ran\n"); }

int main(void)
{
	printf("constructors ran %d times, order", n);
	for (int i = 0; i < n; i++)
		printf(" %d", order[i]);
	printf(", value %d\n", initialized_by_constructor);
	atexit(at_exit);
	return 0;
}
