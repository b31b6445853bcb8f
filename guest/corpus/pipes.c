/* A pipe within one process: writes, reads, EOF, capacity with O_NONBLOCK. */
#include <stdio.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

int main(void)
{
	int p[2];
	pipe(p);
	write(p[1], "hello pipe", 10);
	char buf[32];
	ssize_t n = read(p[0], buf, sizeof(buf));
	printf("read %zd: %.*s\n", n, (int)n, buf);
	fcntl(p[1], F_SETFL, O_NONBLOCK);
	long total = 0;
	char chunk[4096] = {0};
	for (;;) {
		ssize_t w = write(p[1], chunk, sizeof(chunk));
		if (w < 0) {
			printf("full after %ld bytes: %s\n", total, errno == EAGAIN ? "EAGAIN" : "other");
			break;
		}
		total += w;
	}
	close(p[1]);
	long got = 0;
	while ((n = read(p[0], chunk, sizeof(chunk))) > 0)
		got += n;
	printf("drained %ld, eof %zd\n", got, n);
	return 0;
}
