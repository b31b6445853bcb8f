/* Many small allocations of mixed sizes, filled, checked and freed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
	enum { N = 20000 };
	static unsigned char *p[N];
	for (int i = 0; i < N; i++) {
		size_t sz = 1 + (i * 37) % 200;
		p[i] = malloc(sz);
		if (!p[i]) { printf("malloc failed at %d\n", i); return 1; }
		memset(p[i], i & 0xff, sz);
	}
	long bad = 0;
	for (int i = 0; i < N; i += 2) {
		size_t sz = 1 + (i * 37) % 200;
		for (size_t j = 0; j < sz; j++)
			bad += p[i][j] != (i & 0xff);
		free(p[i]);
	}
	for (int i = 1; i < N; i += 2)
		free(p[i]);
	printf("checked %d blocks, %ld bad bytes\n", N / 2, bad);
	return 0;
}
