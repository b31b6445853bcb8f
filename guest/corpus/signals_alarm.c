/* alarm and pause; a SIGALRM handler interrupts a busy loop too. */
#include <stdio.h>
#include <signal.h>
#include <unistd.h>

static volatile sig_atomic_t fired;

static void on_alarm(int sig) { (void)sig; fired++; }

int main(void)
{
	signal(SIGALRM, on_alarm);
	alarm(1);
	pause();
	printf("pause returned after %d alarm(s)\n", fired);
	alarm(1);
	volatile unsigned long spins = 0;
	while (fired < 2)
		spins++;
	printf("busy loop interrupted: %d\n", fired == 2 && spins > 0);
	printf("remaining after cancel: %u\n", (alarm(5), alarm(0)));
	return 0;
}
