/* UDP on loopback: datagrams keep their boundaries; recvfrom names the sender. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

int main(void)
{
	int r = socket(AF_INET, SOCK_DGRAM, 0), s = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	bind(r, (void *)&a, sizeof(a));
	socklen_t len = sizeof(a);
	getsockname(r, (void *)&a, &len);
	const char *msgs[] = { "one", "two two", "three three three" };
	for (int i = 0; i < 3; i++)
		sendto(s, msgs[i], strlen(msgs[i]), 0, (void *)&a, sizeof(a));
	for (int i = 0; i < 3; i++) {
		char buf[64];
		struct sockaddr_in from;
		socklen_t fl = sizeof(from);
		ssize_t n = recvfrom(r, buf, sizeof(buf), 0, (void *)&from, &fl);
		printf("%zd bytes: %.*s from %s\n", n, (int)n, buf, inet_ntoa(from.sin_addr));
	}
	close(r);
	close(s);
	return 0;
}
