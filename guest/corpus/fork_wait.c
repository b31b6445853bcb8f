/* Several children, each exiting with its own status; wait collects them all. */
#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void)
{
	int sum = 0;
	for (int i = 1; i <= 4; i++) {
		if (fork() == 0)
			_exit(i * 10);
	}
	for (int i = 0; i < 4; i++) {
		int st;
		if (wait(&st) > 0 && WIFEXITED(st))
			sum += WEXITSTATUS(st);
	}
	printf("sum of statuses %d\n", sum);
	pid_t pid = fork();
	if (pid == 0) {
		*(volatile int *)0 = 1;
		_exit(0);
	}
	int st;
	waitpid(pid, &st, 0);
	printf("child killed by signal %d\n", WIFSIGNALED(st) ? WTERMSIG(st) : 0);
	return 0;
}
