/*
 * SA_RESTART: a read interrupted by a signal restarts; without it, EINTR.
 * The writer waits until the handler has run, so the signal always lands
 * while the read is blocked.
 */
#include <stdio.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/time.h>
#include <sys/wait.h>

static volatile sig_atomic_t hits;
static int notify[2];

static void h(int sig)
{
	(void)sig;
	hits++;
	write(notify[1], "!", 1);
}

static void try(int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = h;
	sa.sa_flags = flags;
	sigaction(SIGALRM, &sa, NULL);
	int p[2];
	pipe(p);
	pipe(notify);
	pid_t pid = fork();
	if (pid == 0) {
		char c;
		read(notify[0], &c, 1);
		write(p[1], "late!", 5);
		_exit(0);
	}
	hits = 0;
	struct itimerval it = { { 0, 0 }, { 0, 200000 } };
	setitimer(ITIMER_REAL, &it, NULL);
	char buf[8];
	ssize_t n = read(p[0], buf, sizeof(buf));
	int e = errno;
	printf("%s: read %zd (%s) after %d signal(s)\n", flags ? "SA_RESTART" : "no restart", n,
	       n < 0 ? (e == EINTR ? "EINTR" : "error") : "data", hits);
	waitpid(pid, NULL, 0);
	close(p[0]);
	close(p[1]);
	close(notify[0]);
	close(notify[1]);
}

int main(void)
{
	try(SA_RESTART);
	try(0);
	return 0;
}
