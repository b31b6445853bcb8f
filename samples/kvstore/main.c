/*
 * kvstore: a small TCP key-value server in plain C (stdio, malloc,
 * pthreads, __thread), built unchanged as a normal program or, with
 * make CC="ukl cc", as a UKL app linked into the kernel.
 */
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>
#include "proto.h"

static void *client(void *arg)
{
	int fd = (int)(long)arg;
	FILE *in = fdopen(fd, "r");
	FILE *out = fdopen(dup(fd), "w");

	serve_client(in, out);
	fclose(in);
	fclose(out);
	return NULL;
}

int main(int argc, char **argv)
{
	int port = argc > 1 ? atoi(argv[1]) : 7070;
	int one = 1;
	int lfd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons(port) };

	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(lfd, (struct sockaddr *)&addr, sizeof(addr)) || listen(lfd, 16)) {
		perror("kvstore: bind/listen");
		return 1;
	}
	printf("kvstore: listening on port %d\n", port);
	fflush(stdout);
	for (;;) {
		int fd = accept(lfd, NULL, NULL);
		pthread_t t;

		if (fd < 0)
			continue;
		if (pthread_create(&t, NULL, client, (void *)(long)fd)) {
			close(fd);
			continue;
		}
		pthread_detach(t);
	}
}
