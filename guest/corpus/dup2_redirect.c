/* dup, dup2 and O_CLOEXEC: stdout redirected to a file and back. */
#include <stdio.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
	fflush(stdout);
	int saved = dup(1);
	int fd = open("/tmp/corpus_redirect", O_CREAT | O_TRUNC | O_RDWR | O_CLOEXEC, 0600);
	dup2(fd, 1);
	printf("this goes to the file\n");
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	char buf[64] = {0};
	pread(fd, buf, sizeof(buf) - 1, 0);
	printf("file has: %s", buf);
	printf("cloexec on original: %d, not on dup: %d\n", (fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0,
	       (fcntl(1, F_GETFD) & FD_CLOEXEC) != 0);
	close(fd);
	unlink("/tmp/corpus_redirect");
	return 0;
}
