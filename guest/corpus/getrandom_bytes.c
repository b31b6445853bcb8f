/* getrandom and /dev/urandom: the right number of bytes, not all the same. */
#include <stdio.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/random.h>

static int varied(const unsigned char *b, int n)
{
	for (int i = 1; i < n; i++)
		if (b[i] != b[0])
			return 1;
	return 0;
}

int main(void)
{
	unsigned char a[64], b[64];
	ssize_t n = getrandom(a, sizeof(a), 0);
	printf("getrandom %zd bytes, varied %d\n", n, varied(a, 64));
	int fd = open("/dev/urandom", O_RDONLY);
	printf("urandom %zd bytes, varied %d\n", read(fd, b, sizeof(b)), varied(b, 64));
	int same = 1;
	for (int i = 0; i < 64; i++)
		same &= a[i] == b[i];
	printf("two draws differ: %d\n", !same);
	return 0;
}
