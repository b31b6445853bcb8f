// SPDX-License-Identifier: GPL-2.0
/*
 * What ukl run --gdb's test debugs: a function to break in and finish, a
 * library call to step over, a global to print and watch. Exits with the
 * sum of the first N squares (N the argument, 3 without one) modulo 100.
 */
#include <stdlib.h>

long total;

static long square(long x)
{
	long r = x * x;

	return r;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 3;
	long sum = 0;

	for (long i = 1; i <= n; i++) {
		sum += square(i);
		total = sum;
	}
	return (int)(total % 100);
}
