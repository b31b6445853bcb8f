// SPDX-License-Identifier: GPL-2.0
/* TCP on loopback with epoll: connect, accept, echo a message back. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>
#include "ktap.h"

int main(void)
{
	struct sockaddr_in addr = { .sin_family = AF_INET };
	socklen_t len = sizeof(addr);
	struct epoll_event ev = { .events = EPOLLIN }, out;
	char buf[64] = { 0 };
	int lfd, cfd, sfd, ep;

	ktap_plan(5);
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	lfd = socket(AF_INET, SOCK_STREAM, 0);
	ktap_result(lfd >= 0 && bind(lfd, (struct sockaddr *)&addr, sizeof(addr)) == 0 &&
		    listen(lfd, 4) == 0 && getsockname(lfd, (struct sockaddr *)&addr, &len) == 0,
		    "listen_loopback");
	cfd = socket(AF_INET, SOCK_STREAM, 0);
	ktap_result(cfd >= 0 && connect(cfd, (struct sockaddr *)&addr, sizeof(addr)) == 0, "connect");
	ep = epoll_create1(0);
	ev.data.fd = lfd;
	ktap_result(ep >= 0 && epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev) == 0 &&
		    epoll_wait(ep, &out, 1, 5000) == 1 && out.data.fd == lfd, "epoll_accept_ready");
	sfd = accept(lfd, NULL, NULL);
	ktap_result(sfd >= 0, "accept");
	ktap_result(send(cfd, "ping", 4, 0) == 4 && recv(sfd, buf, sizeof(buf), 0) == 4 &&
		    send(sfd, buf, 4, 0) == 4 && recv(cfd, buf + 8, 8, 0) == 4 &&
		    memcmp(buf + 8, "ping", 4) == 0, "echo_roundtrip");
	close(sfd);
	close(cfd);
	close(lfd);
	close(ep);
	return ktap_done();
}
