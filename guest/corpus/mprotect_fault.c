/* mprotect: read-only pages fault on write (SIGSEGV, caught), writable again after. */
#include <stdio.h>
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>

static sigjmp_buf env;
static volatile void *fault_addr;

static void on_segv(int sig, siginfo_t *si, void *ctx)
{
	(void)sig; (void)ctx;
	fault_addr = si->si_addr;
	siglongjmp(env, 1);
}

int main(void)
{
	char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	strcpy(p, "data");
	mprotect(p, 4096, PROT_READ);
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	printf("read-only still readable: %s\n", p);
	if (sigsetjmp(env, 1) == 0) {
		p[1] = 'X';
		printf("write went through\n");
	} else {
		printf("write faulted at the page: %d\n", fault_addr == p + 1);
	}
	p[4096] = 'y';
	mprotect(p, 4096, PROT_READ | PROT_WRITE);
	p[1] = 'A';
	printf("writable again: %s, second page %c\n", p, p[4096]);
	return 0;
}
