/* AF_UNIX socketpair: both directions, and passing a file descriptor. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/socket.h>

int main(void)
{
	int sv[2];
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	write(sv[0], "ping", 4);
	char b[8] = {0};
	read(sv[1], b, 4);
	write(sv[1], "pong", 4);
	read(sv[0], b + 4, 4);
	printf("%s\n", b);
	int fd = open("/tmp/corpus_passed", O_CREAT | O_RDWR | O_TRUNC, 0600);
	write(fd, "passed fd", 9);
	char cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { "x", 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf, .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(int));
	sendmsg(sv[0], &m, 0);
	char x;
	struct iovec riov = { &x, 1 };
	char rbuf[CMSG_SPACE(sizeof(int))];
	struct msghdr rm = { .msg_iov = &riov, .msg_iovlen = 1, .msg_control = rbuf, .msg_controllen = sizeof(rbuf) };
	recvmsg(sv[1], &rm, 0);
	int got;
	memcpy(&got, CMSG_DATA(CMSG_FIRSTHDR(&rm)), sizeof(int));
	char content[16] = {0};
	pread(got, content, 9, 0);
	printf("received fd reads: %s (new number %d)\n", content, got != fd);
	unlink("/tmp/corpus_passed");
	return 0;
}
