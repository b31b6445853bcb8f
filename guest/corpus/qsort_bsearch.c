/* qsort and bsearch over integers and strings. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmpi(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }
static int cmps(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(void)
{
	int v[1000];
	unsigned x = 12345;
	for (int i = 0; i < 1000; i++) {
		x = x * 1103515245 + 12345;
		v[i] = (x >> 8) % 100000;
	}
	qsort(v, 1000, sizeof(int), cmpi);
	int sorted = 1;
	for (int i = 1; i < 1000; i++)
		sorted &= v[i - 1] <= v[i];
	int key = v[500];
	int *f = bsearch(&key, v, 1000, sizeof(int), cmpi);
	printf("sorted %d min %d max %d found %d\n", sorted, v[0], v[999], f && *f == key);
	const char *w[] = { "pear", "apple", "fig", "kiwi", "banana" };
	qsort(w, 5, sizeof(w[0]), cmps);
	for (int i = 0; i < 5; i++)
		printf("%s ", w[i]);
	printf("\n");
	return 0;
}
