/* poll and select on pipes, with a timeout that expires. */
#include <stdio.h>
#include <poll.h>
#include <unistd.h>
#include <sys/select.h>

int main(void)
{
	int a[2], b[2];
	pipe(a);
	pipe(b);
	write(b[1], "x", 1);
	struct pollfd fds[] = { { a[0], POLLIN, 0 }, { b[0], POLLIN, 0 }, { a[1], POLLOUT, 0 } };
	int n = poll(fds, 3, 100);
	printf("poll %d: %d %d %d\n", n, fds[0].revents, fds[1].revents & POLLIN, fds[2].revents & POLLOUT);
	fd_set r;
	FD_ZERO(&r);
	FD_SET(a[0], &r);
	FD_SET(b[0], &r);
	struct timeval tv = { 0, 20000 };
	n = select((a[0] > b[0] ? a[0] : b[0]) + 1, &r, NULL, NULL, &tv);
	printf("select %d: a %d b %d\n", n, FD_ISSET(a[0], &r), FD_ISSET(b[0], &r));
	struct pollfd none = { a[0], POLLIN, 0 };
	printf("timeout: %d\n", poll(&none, 1, 30));
	close(a[1]);
	poll(&none, 1, 0);
	printf("hangup: %d\n", (none.revents & POLLHUP) != 0);
	return 0;
}
