/* calloc zeroes; realloc keeps contents while growing and shrinking. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	int *a = calloc(1000, sizeof(int));
	long s = 0;
	for (int i = 0; i < 1000; i++)
		s += a[i];
	printf("calloc sum %ld\n", s);
	for (int i = 0; i < 1000; i++)
		a[i] = i;
	for (int n = 2000; n <= 64000; n *= 2) {
		a = realloc(a, n * sizeof(int));
		for (int i = n / 2; i < n; i++)
			a[i] = i;
	}
	a = realloc(a, 10 * sizeof(int));
	s = 0;
	for (int i = 0; i < 10; i++)
		s += a[i];
	printf("after grow and shrink: %ld\n", s);
	free(a);
	printf("realloc(NULL) %s\n", realloc(NULL, 16) ? "ok" : "null");
	return 0;
}
