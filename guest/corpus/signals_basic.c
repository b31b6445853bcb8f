/* sigaction, raise, kill to self, siginfo and SIG_IGN. */
#include <stdio.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t count, last_code;

static void handler(int sig, siginfo_t *si, void *ctx)
{
	(void)ctx;
	count += sig;
	last_code = si->si_code;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);
	raise(SIGUSR1);
	printf("after raise: %d code %s\n", count, last_code == SI_TKILL ? "SI_TKILL" : "other");
	kill(getpid(), SIGUSR2);
	printf("after kill: %d code %s\n", count, last_code == SI_USER ? "SI_USER" : "other");
	signal(SIGUSR1, SIG_IGN);
	raise(SIGUSR1);
	printf("ignored: %d\n", count);
	struct sigaction old;
	sigaction(SIGUSR2, NULL, &old);
	printf("handler kept: %d\n", old.sa_sigaction == handler);
	return 0;
}
