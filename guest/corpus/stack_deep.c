/* Deep recursion with large frames on the main stack (about 2 MiB). */
#include <stdio.h>
#include <string.h>

static long down(int n)
{
	char frame[2048];
	memset(frame, n & 0x7f, sizeof(frame));
	if (n == 0)
		return frame[100];
	return frame[n % 2048] + down(n - 1);
}

int main(void)
{
	printf("sum %ld\n", down(1000));
	return 0;
}
