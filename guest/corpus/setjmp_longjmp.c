/* setjmp/longjmp across frames, keeping volatile locals. */
#include <stdio.h>
#include <setjmp.h>

/* gcc does not see that longjmp ends the recursion. */
#pragma GCC diagnostic ignored "-Winfinite-recursion"

static jmp_buf env;

static volatile int reached;

static void deep(int n)
{
	reached = n;
	if (n > 0)
		deep(n - 1);
	else
		longjmp(env, 17);
	reached = -1;
}

int main(void)
{
	volatile int tries = 0;
	int r = setjmp(env);
	tries++;
	if (r == 0)
		deep(50);
	printf("returned %d after %d setjmp return(s)\n", r, tries);
	return 0;
}
