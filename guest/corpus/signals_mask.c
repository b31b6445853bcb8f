/* sigprocmask: a blocked signal stays pending until unblocked; sigsuspend waits. */
#include <stdio.h>
#include <signal.h>
#include <unistd.h>

static volatile sig_atomic_t got;

static void h(int sig) { got = sig; }

int main(void)
{
	signal(SIGUSR1, h);
	sigset_t set, old, pend;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, &old);
	raise(SIGUSR1);
	sigpending(&pend);
	printf("blocked: got %d pending %d\n", got, sigismember(&pend, SIGUSR1));
	sigprocmask(SIG_SETMASK, &old, NULL);
	printf("unblocked: got %d\n", got);
	got = 0;
	sigprocmask(SIG_BLOCK, &set, NULL);
	if (fork() == 0) {
		kill(getppid(), SIGUSR1);
		_exit(0);
	}
	sigset_t wait_mask;
	sigemptyset(&wait_mask);
	sigsuspend(&wait_mask);
	printf("sigsuspend woke with %d\n", got);
	return 0;
}
