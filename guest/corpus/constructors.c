/*
 * Constructors run before main in priority order, destructors after exit,
 * after the atexit handlers registered later. (In the corpus's multi-call
 * UKL app every program's constructors run; the destructor speaks only
 * when this program's main ran.)
 */
#include <stdio.h>
#include <stdlib.h>

static int order[8], n;
static int initialized_by_constructor, main_ran;

__attribute__((constructor(200))) static void second(void) { order[n++] = 2; }
__attribute__((constructor(101))) static void first(void) { order[n++] = 1; }
__attribute__((constructor)) static void last(void) { order[n++] = 3; initialized_by_constructor = 42; }
__attribute__((destructor)) static void goodbye(void)
{
	if (main_ran)
		printf("destructor ran\n");
}

static void at_exit(void) { printf("atexit handler ran\n"); }

int main(void)
{
	main_ran = 1;
	printf("constructors ran %d times, order", n);
	for (int i = 0; i < n; i++)
		printf(" %d", order[i]);
	printf(", value %d\n", initialized_by_constructor);
	atexit(at_exit);
	return 0;
}
