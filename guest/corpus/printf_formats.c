/* printf: integers, widths, flags, strings, characters and pointers to NULL. */
#include <stdio.h>
#include <stdint.h>
#include <inttypes.h>

int main(void)
{
	printf("[%d] [%5d] [%-5d] [%05d] [%+d]\n", 42, 42, 42, 42, 42);
	printf("[%u] [%x] [%X] [%#o] [%#x]\n", 3000000000u, 48879, 48879, 8, 255);
	printf("[%ld] [%lld] [%" PRId64 "] [%zu]\n", -1L, 1LL << 62, INT64_MIN, sizeof(long));
	printf("[%s] [%10s] [%-10s] [%.3s]\n", "abc", "right", "left", "truncate");
	printf("[%c%c%c] [%%] [%p]\n", 'u', 'k', 'l', (void *)0);
	printf("[%*d] [%-*d] [%.*s]\n", 6, 7, 6, 7, 2, "xyz");
	int n = printf("counted\n");
	printf("printed %d chars\n", n);
	return 0;
}
