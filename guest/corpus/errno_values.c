/* errno after failing calls, and strerror texts. */
#include <stdio.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

static void show(const char *what, int r)
{
	printf("%-22s -> %d errno %d (%s)\n", what, r, errno, strerror(errno));
	errno = 0;
}

int main(void)
{
	show("open missing", open("/nonexistent/x", O_RDONLY));
	show("close bad fd", close(-1));
	show("mkdir existing /tmp", mkdir("/tmp", 0700));
	char buf[4];
	show("read from bad fd", (int)read(999, buf, 4));
	show("write NULL buffer", (int)write(1, NULL, 4) < 0 ? -1 : 0);
	show("rmdir a file", rmdir("/proc/self/status"));
	show("dup2 bad", dup2(-5, 3));
	errno = 0;
	printf("errno reset: %d\n", errno);
	return 0;
}
