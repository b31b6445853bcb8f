/* Large allocations (mmap-backed), touched page by page, grown and freed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
	size_t sz = 32u << 20;
	char *big = malloc(sz);
	if (!big) { puts("malloc failed"); return 1; }
	for (size_t i = 0; i < sz; i += 4096)
		big[i] = (char)(i >> 12);
	long sum = 0;
	for (size_t i = 0; i < sz; i += 4096)
		sum += (unsigned char)big[i];
	printf("sum of 32 MiB pages: %ld\n", sum);
	big = realloc(big, 64u << 20);
	big[(64u << 20) - 1] = 7;
	printf("after realloc first %d last %d\n", big[4096], big[(64u << 20) - 1]);
	free(big);
	void *a = aligned_alloc(4096, 3 * 4096);
	printf("aligned: %s\n", ((unsigned long)a & 4095) ? "no" : "yes");
	free(a);
	return 0;
}
