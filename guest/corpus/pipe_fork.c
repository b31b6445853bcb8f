/* fork: the child writes to a pipe and exits with a status the parent waits for. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void)
{
	int p[2];
	pipe(p);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		const char *msg = "from the child";
		write(p[1], msg, strlen(msg));
		_exit(7);
	}
	close(p[1]);
	char buf[64];
	ssize_t n = read(p[0], buf, sizeof(buf));
	int st;
	pid_t w = waitpid(pid, &st, 0);
	printf("read: %.*s\n", (int)n, buf);
	printf("waited right child %d, exited %d status %d\n", w == pid, WIFEXITED(st), WEXITSTATUS(st));
	return 0;
}
