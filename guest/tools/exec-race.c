// SPDX-License-Identifier: GPL-2.0
/*
 * exec-race PATH ROUNDS: can a tracer without CAP_SYS_ADMIN get hold of a
 * task while it execs the UKL app? Run as root. A tracer process keeps
 * CAP_SYS_PTRACE but drops CAP_SYS_ADMIN; for each round this process
 * forks a target that execs "PATH spin", and the tracer, after a delay that
 * grows with the round (0 to 5 ms, so that its attempts fall before, during
 * and after the exec), tries PTRACE_SEIZE with PTRACE_O_TRACEEXEC until it
 * succeeds, is refused or the target is gone.
 *
 * The rule is: attached before the exec, the exec is refused (EPERM, the
 * target exits 77); attached after it, never (the seize fails with EPERM).
 * A hole is an exec event under that tracer, or the app running while it
 * traces it. Prints the tally; exits 0 with no hole when both outcomes were
 * seen (the attempts crossed the exec), 1 on a hole, 2 when inconclusive.
 *
 * Meaningful with two CPUs or more: there the tracer runs while the exec
 * does.
 */
#include <errno.h>
#include <linux/capability.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define EXEC_REFUSED 77
#define EXEC_FAILED 78

struct order {
	pid_t pid;
	long delay_ns;
};

struct report {
	int attached;	/* the seize succeeded */
	int refused;	/* the seize failed with EPERM */
	int hole;	/* an exec event reached this tracer */
};

static void drop_sys_admin(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];

	if (syscall(SYS_capget, &h, d)) {
		perror("exec-race: capget");
		exit(2);
	}
	d[0].effective &= ~(1u << CAP_SYS_ADMIN);
	d[0].permitted &= ~(1u << CAP_SYS_ADMIN);
	d[0].inheritable &= ~(1u << CAP_SYS_ADMIN);
	if (syscall(SYS_capset, &h, d)) {
		perror("exec-race: capset");
		exit(2);
	}
}

static void spin_ns(long ns)
{
	struct timespec a, b;

	clock_gettime(CLOCK_MONOTONIC, &a);
	do {
		clock_gettime(CLOCK_MONOTONIC, &b);
	} while ((b.tv_sec - a.tv_sec) * 1000000000L + (b.tv_nsec - a.tv_nsec) < ns);
}

/* The tracer: one order per round, one report back. */
static void tracer(int in, int out)
{
	struct order o;

	drop_sys_admin();
	while (read(in, &o, sizeof(o)) == sizeof(o)) {
		struct report r = { 0, 0, 0 };
		int status;

		spin_ns(o.delay_ns);
		for (;;) {
			if (ptrace(PTRACE_SEIZE, o.pid, 0, PTRACE_O_TRACEEXEC) == 0) {
				r.attached = 1;
				break;
			}
			if (errno == EPERM) {
				r.refused = 1;
				break;
			}
			if (errno == ESRCH)
				break;
		}
		/*
		 * Stop the target at once and look at it: a task at CPL 0 is
		 * the app, which this tracer must never hold. Then follow it to
		 * its end: an exec event means its exec of the app went through
		 * under this tracer.
		 */
		if (r.attached)
			ptrace(PTRACE_INTERRUPT, o.pid, 0, 0);
		while (r.attached && waitpid(o.pid, &status, __WALL) == o.pid &&
		       WIFSTOPPED(status)) {
			struct user_regs_struct regs;
			int event = status >> 16;

			if (event == PTRACE_EVENT_EXEC ||
			    (event == PTRACE_EVENT_STOP &&
			     ptrace(PTRACE_GETREGS, o.pid, 0, &regs) == 0 &&
			     (regs.cs & 3) == 0)) {
				r.hole = 1;
				kill(o.pid, SIGKILL);
			}
			ptrace(PTRACE_CONT, o.pid, 0, event ? 0 : WSTOPSIG(status));
		}
		if (write(out, &r, sizeof(r)) != sizeof(r))
			exit(2);
	}
	exit(0);
}

int main(int argc, char **argv)
{
	char *path = argc > 1 ? argv[1] : "/UKL";
	int rounds = argc > 2 ? atoi(argv[2]) : 200;
	int attached = 0, refused = 0, holes = 0, exec_refused = 0, ran = 0;
	int to_tracer[2], from_tracer[2];
	pid_t tracer_pid;

	if (pipe(to_tracer) || pipe(from_tracer)) {
		perror("exec-race: pipe");
		return 2;
	}
	tracer_pid = fork();
	if (tracer_pid == 0) {
		close(to_tracer[1]);
		close(from_tracer[0]);
		tracer(to_tracer[0], from_tracer[1]);
	}
	close(to_tracer[0]);
	close(from_tracer[1]);

	for (int i = 0; i < rounds; i++) {
		struct order o;
		struct report r;
		int go[2], status;
		char c = 1;

		if (pipe(go)) {
			perror("exec-race: pipe");
			return 2;
		}
		o.pid = fork();
		if (o.pid == 0) {
			char *args[] = { path, "spin", NULL };

			close(go[1]);
			if (read(go[0], &c, 1) != 1)
				_exit(EXEC_FAILED);
			freopen("/dev/null", "w", stdout);
			execv(path, args);
			_exit(errno == EPERM ? EXEC_REFUSED : EXEC_FAILED);
		}
		close(go[0]);
		o.delay_ns = (i % 100) * 50000L;
		if (write(to_tracer[1], &o, sizeof(o)) != sizeof(o) || write(go[1], &c, 1) != 1) {
			perror("exec-race: write");
			return 2;
		}
		close(go[1]);
		if (read(from_tracer[0], &r, sizeof(r)) != sizeof(r)) {
			fprintf(stderr, "exec-race: the tracer ended\n");
			return 2;
		}
		/* the app spins until killed; a refused exec has ended by now or will */
		usleep(2000);
		kill(o.pid, SIGKILL);
		if (waitpid(o.pid, &status, 0) != o.pid) {
			perror("exec-race: waitpid");
			return 2;
		}
		attached += r.attached;
		refused += r.refused;
		holes += r.hole;
		if (WIFEXITED(status) && WEXITSTATUS(status) == EXEC_REFUSED)
			exec_refused++;
		else if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
			ran++;
		if (r.attached && !(WIFEXITED(status) && WEXITSTATUS(status) == EXEC_REFUSED)) {
			printf("round %d: traced by the tracer, the target ended with status 0x%x\n", i, status);
			holes++;
		}
	}
	close(to_tracer[1]);
	waitpid(tracer_pid, NULL, 0);
	printf("%d rounds: tracer attached %d times (the exec refused %d times), refused %d times; the app ran %d times; holes %d\n",
	       rounds, attached, exec_refused, refused, ran, holes);
	if (holes)
		return 1;
	return attached && refused ? 0 : 2;
}
