/* epoll: readiness of several pipes, edge-triggered and level-triggered. */
#include <stdio.h>
#include <unistd.h>
#include <sys/epoll.h>

int main(void)
{
	int ep = epoll_create1(0);
	int p[3][2];
	for (int i = 0; i < 3; i++) {
		pipe(p[i]);
		struct epoll_event e = { .events = EPOLLIN | (i == 2 ? EPOLLET : 0), .data.u32 = i };
		epoll_ctl(ep, EPOLL_CTL_ADD, p[i][0], &e);
	}
	struct epoll_event ev[8];
	printf("idle: %d\n", epoll_wait(ep, ev, 8, 0));
	write(p[1][1], "a", 1);
	write(p[2][1], "b", 1);
	int n = epoll_wait(ep, ev, 8, 1000);
	unsigned mask = 0;
	for (int i = 0; i < n; i++)
		mask |= 1u << ev[i].data.u32;
	printf("ready %d mask %u\n", n, mask);
	n = epoll_wait(ep, ev, 8, 0);
	printf("again (edge-triggered one quiet): %d id %u\n", n, n ? ev[0].data.u32 : 99);
	epoll_ctl(ep, EPOLL_CTL_DEL, p[1][0], NULL);
	printf("after delete: %d\n", epoll_wait(ep, ev, 8, 0));
	return 0;
}
