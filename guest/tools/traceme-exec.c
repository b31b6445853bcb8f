// SPDX-License-Identifier: GPL-2.0
/*
 * traceme-exec PATH: as root, fork a child that asks to be traced
 * (PTRACE_TRACEME) by this process, then give up root here, and let the
 * child exec PATH. The tracer is then unprivileged while the tracee's own
 * credentials, which the kernel records as the tracer's at TRACEME, are
 * root's. Prints what happened; exits 0 if the exec was refused with EPERM,
 * 3 if it went through (the child stopped at the exec under a tracer
 * without CAP_SYS_ADMIN), and 2 on any other outcome.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char *path = argc > 1 ? argv[1] : "/UKL";
	char *args[] = { path, "cpl", "0", NULL };
	int status;
	pid_t child;

	child = fork();
	if (child < 0) {
		perror("traceme-exec: fork");
		return 2;
	}
	if (child == 0) {
		if (ptrace(PTRACE_TRACEME, 0, 0, 0)) {
			perror("traceme-exec: PTRACE_TRACEME");
			_exit(2);
		}
		raise(SIGSTOP);
		execv(path, args);
		printf("traceme-exec: exec of %s under an unprivileged tracer: %s\n", path, strerror(errno));
		_exit(errno == EPERM ? 0 : 2);
	}
	if (waitpid(child, &status, 0) != child || !WIFSTOPPED(status)) {
		printf("traceme-exec: the child did not stop before its exec\n");
		return 2;
	}
	if (setgid(65534) || setuid(65534)) {
		perror("traceme-exec: setuid");
		return 2;
	}
	ptrace(PTRACE_CONT, child, 0, 0);
	if (waitpid(child, &status, 0) != child)
		return 2;
	if (WIFSTOPPED(status) && WSTOPSIG(status) == SIGTRAP) {
		printf("traceme-exec: %s started under a tracer of uid %d\n", path, (int)getuid());
		/* as its tracer: a kill() from this uid would not reach it */
		ptrace(PTRACE_KILL, child, 0, 0);
		waitpid(child, &status, 0);
		return 3;
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 2;
}
