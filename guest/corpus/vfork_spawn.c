/*
 * vfork and posix_spawn: a vfork child that only execs or exits, and a
 * program started with posix_spawn, both waited for with their status.
 */
#include <spawn.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int main(void)
{
	int status;
	pid_t pid = vfork();

	if (pid == 0)
		_exit(3);
	waitpid(pid, &status, 0);
	printf("vfork child exit %d\n", WEXITSTATUS(status));

	pid = vfork();
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", "exit 4", (char *)0);
		_exit(127);
	}
	waitpid(pid, &status, 0);
	printf("vfork exec exit %d\n", WEXITSTATUS(status));

	char *argv[] = { "sh", "-c", "echo spawned; exit 5", 0 };
	fflush(stdout);
	if (posix_spawn(&pid, "/bin/sh", 0, 0, argv, environ) == 0 && waitpid(pid, &status, 0) == pid)
		printf("posix_spawn exit %d\n", WEXITSTATUS(status));
	return 0;
}
