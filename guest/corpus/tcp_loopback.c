/* TCP on loopback: a server thread echoes what a client sends, 100 KiB in pieces. */
#include <stdio.h>
#include <string.h>
#include <pthread.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

static int lfd;

static void *server(void *arg)
{
	(void)arg;
	int c = accept(lfd, NULL, NULL);
	char buf[8192];
	ssize_t n;
	long total = 0;
	while ((n = read(c, buf, sizeof(buf))) > 0) {
		write(c, buf, n);
		total += n;
	}
	close(c);
	return (void *)total;
}

int main(void)
{
	lfd = socket(AF_INET, SOCK_STREAM, 0);
	int one = 1;
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = 0, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	if (bind(lfd, (void *)&a, sizeof(a)) || listen(lfd, 4)) { perror("bind/listen"); return 1; }
	socklen_t len = sizeof(a);
	getsockname(lfd, (void *)&a, &len);
	pthread_t t;
	pthread_create(&t, NULL, server, NULL);
	int s = socket(AF_INET, SOCK_STREAM, 0);
	if (connect(s, (void *)&a, sizeof(a))) { perror("connect"); return 1; }
	static char out[102400], in[102400];
	for (size_t i = 0; i < sizeof(out); i++)
		out[i] = (char)(i * 7);
	size_t got = 0;
	for (size_t off = 0; off < sizeof(out); off += 1000) {
		write(s, out + off, 1000);
		while (got < off + 1000) {
			ssize_t n = read(s, in + got, sizeof(in) - got);
			if (n <= 0) break;
			got += n;
		}
	}
	shutdown(s, SHUT_WR);
	void *total;
	pthread_join(t, &total);
	printf("echoed %zu bytes, server saw %ld, equal %d\n", got, (long)total, memcmp(in, out, sizeof(out)) == 0);
	close(s);
	close(lfd);
	return 0;
}
