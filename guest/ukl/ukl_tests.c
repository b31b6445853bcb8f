// SPDX-License-Identifier: GPL-2.0
/*
 * The UKL test app: one program, built both as a user program and as the
 * UKL app, with no C library (every system call goes through sys() in
 * shim.S). Each command prints KTAP; the guest runner (run.sh) drives it.
 *
 *   cpl LEVEL     the code runs at privilege LEVEL (0 for UKL, 3 for user)
 *   syscalls      process ids, pipes, tmpfs files, TCP and epoll on loopback,
 *                 mmap and first touches, brk, pointers to globals, EFAULT
 *   recurse       4 MiB of stack in recursion
 *   signals       SIGALRM while computing and while blocked in read
 *   usr1          waits for SIGUSR1 from another process
 *   segv_null     dereferences NULL (expected to die by SIGSEGV)
 *   segv_unmapped touches an unmapped user address (SIGSEGV)
 *   segv_kernel   writes just below address 0, in the kernel half, as a
 *                 clone with a NULL stack does (SIGSEGV, never an oops)
 *   spin          loops until killed
 *   overflow      recurses without end (expected to die by SIGSEGV)
 *   fork SHARED   fork; parent and child write the same global and a stack
 *                 variable, each must read back its own (SHARED 1: a kernel
 *                 that shares app globals); a child that crashes leaves the
 *                 parent intact
 *   orphan FILE   the parent exits at once; the child, reparented, works
 *                 with its globals and writes "orphan: ok" to FILE
 *   serve PORT N  a TCP server on PORT for N connections, answering each
 *                 with "PORT COUNT WORD" (COUNT kept in globals)
 *   threads FROM  4 threads (clone with CLONE_VM) on stacks from FROM: mmap,
 *                 heap (brk), or 1 on a growsdown page; nothing populated
 *   stack_dropped a thread runs while another drops its stack pages
 *   churn         system calls without end (soak.sh kills it at random)
 *   fuzz N SEED   N random system calls as uid 65534 (soak.sh)
 *   victim        drops to uid 65534, asks to be dumpable, prints where its
 *                 canaries are and waits for SIGTERM; exits 0 if nobody
 *                 changed them (guest/tools/trace-probe attacks it)
 *   traps         with a SIGTRAP handler, sets its own trap flag, then
 *                 executes int3: one SIGTRAP each, with the user program's
 *                 si_code (int1 would be another; QEMU's TCG raises #UD for
 *                 it, so it is not here)
 *   resume_flag   computes while a SIGALRM handler sets RF in the context
 *                 it returns to, as a fault's frame has it on hardware
 *   trap_flag     sets its trap flag with no handler (dies by SIGTRAP)
 *   int3          executes int3 with no handler (dies by SIGTRAP)
 *   bad_sigreturn a handler points the interrupted context's rip at a
 *                 non-canonical address and returns (dies by SIGSEGV)
 *   bad_handler   a handler address that is no code (dies by SIGSEGV)
 *   ac_clear      runs on a stack in its globals (as a coroutine library's
 *                 may be), clears EFLAGS.AC and reads user memory: at CPL 0
 *                 SMAP forbids that (dies by SIGSEGV; at CPL 3 clac is
 *                 SIGILL)
 *   bad_stack_spin   points rsp at an unmapped user address and spins
 *                    without touching it: interrupts come and go (it
 *                    spins until killed, in both forms)
 *   wild_stack_spin  the same with a non-canonical rsp
 *   dumpable_crash   drops to uid 65534, asks to be dumpable, dereferences
 *                    NULL (dies by SIGSEGV; run.sh looks at the core dump)
 *   fast_calls    signals, scheduling and SA_RESTART under the fast paths
 *   seccomp       a filter the app installs denies, and kills, as it does
 *                 for a user program, on the fast paths too
 *   hot           spends its time in one function, hot_loop() (perf)
 *   return_slot shortcut|entry  another thread rewrites the return address
 *                 of a blocked read() on the stack: the call must still
 *                 return where it was made
 */
#include <asm/unistd.h>
#include <linux/fcntl.h>
#include <linux/in.h>
#include <linux/eventpoll.h>
#include <linux/mman.h>
#include "../include/freestanding.h"
#include <linux/signal.h>
#include <linux/time.h>
#include <asm/stat.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>

void restore_rt(void);
long spawn_thread(void *stack_top, void (*fn)(void *), void *arg);
unsigned long read_cs(void);

#define EFAULT 14
#define SI_KERNEL 0x80
#define AF_INET 2
#define EINTR 4
#define ENOSYS 38
#define SOCK_STREAM 1
#define SOL_SOCKET 1
#define SA_RESTORER 0x04000000

static int planned, number, failures;

static void plan(int n)
{
	/* one process may run several commands' plans */
	number = 0;
	failures = 0;
	planned = n;
	put("KTAP version 1\n1..");
	put_num(n);
	put("\n");
}

static int check(int ok, const char *name)
{
	number++;
	failures += !ok;
	put(ok ? "ok " : "not ok ");
	put_num(number);
	put(" ");
	put(name);
	put("\n");
	return ok;
}

static int done(void)
{
	return failures || number != planned;
}

static int equal(const char *a, const char *b, unsigned long n)
{
	while (n--)
		if (*a++ != *b++)
			return 0;
	return 1;
}

static int parse(const char *s)
{
	int v = 0;

	while (*s >= '0' && *s <= '9')
		v = v * 10 + (*s++ - '0');
	return v;
}

/* ---- cpl ---- */

static unsigned long read_cr4(void)
{
	unsigned long cr4;

	__asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
	return cr4;
}

static int test_cpl(int expected)
{
	int cpl0 = !(read_cs() & 3);

	plan(cpl0 ? 3 : 1);
	check((int)(read_cs() & 3) == expected, "privilege_level");
	if (cpl0) {
		/*
		 * The protections stay on: the app reaches its stack and heap
		 * with EFLAGS.AC set, and cannot execute user memory.
		 */
		unsigned long cr4 = read_cr4();

		check(!!(cr4 & (1UL << 21)), "smap_on");
		check(!!(cr4 & (1UL << 20)), "smep_on");
	}
	return done();
}

/* ---- syscalls ---- */

/* Globals: both forms pass pointers to these to system calls. */
static char global_buf[64];
static int global_len;
static struct sockaddr_in global_addr;
static struct stat global_stat;

static void test_ids(void)
{
	long pid = sys(__NR_getpid), ppid = sys(__NR_getppid);

	check(pid > 1 && sys(__NR_getpid) == pid, "getpid");
	check(ppid >= 1 && ppid != pid, "getppid");
}

static void test_pipe(void)
{
	int fds[2];
	char local[8];

	check(sys(__NR_pipe2, fds, 0) == 0 &&
	      sys(__NR_write, fds[1], "hello", 5) == 5 &&
	      sys(__NR_read, fds[0], local, sizeof(local)) == 5 &&
	      equal(local, "hello", 5) &&
	      sys(__NR_write, fds[1], "world", 5) == 5 &&
	      sys(__NR_read, fds[0], global_buf, sizeof(global_buf)) == 5 &&
	      equal(global_buf, "world", 5), "pipe_read_write");
	sys(__NR_close, fds[0]);
	sys(__NR_close, fds[1]);
}

static void test_file(void)
{
	const char *path = "/tmp/ukl_tests.dat";
	int fd = sys(__NR_open, path, O_CREAT | O_RDWR | O_TRUNC, 0600);
	int ok = fd >= 0;

	ok = ok && sys(__NR_write, fd, "0123456789", 10) == 10;
	ok = ok && sys(__NR_lseek, fd, 3, 0) == 3;
	ok = ok && sys(__NR_read, fd, global_buf, 4) == 4 && equal(global_buf, "3456", 4);
	ok = ok && sys(__NR_fstat, fd, &global_stat) == 0 && global_stat.st_size == 10;
	sys(__NR_close, fd);
	ok = ok && sys(__NR_unlink, path) == 0;
	ok = ok && sys(__NR_access, path, 0) == -2;	/* ENOENT */
	check(ok, "tmpfs_file");
}

static void test_tcp_epoll(void)
{
	struct sockaddr_in addr = { .sin_family = AF_INET };
	struct epoll_event ev = { .events = EPOLLIN }, out;
	int len = sizeof(addr);
	int lfd, cfd, sfd, ep, ok;
	char local[8];

	addr.sin_addr.s_addr = 0x0100007f;	/* 127.0.0.1 */
	lfd = sys(__NR_socket, AF_INET, SOCK_STREAM, 0);
	ok = lfd >= 0 && sys(__NR_bind, lfd, &addr, sizeof(addr)) == 0 &&
	     sys(__NR_listen, lfd, 4) == 0 &&
	     sys(__NR_getsockname, lfd, &addr, &len) == 0;
	check(ok, "tcp_listen_loopback");
	cfd = sys(__NR_socket, AF_INET, SOCK_STREAM, 0);
	check(cfd >= 0 && sys(__NR_connect, cfd, &addr, sizeof(addr)) == 0, "tcp_connect");
	ep = sys(__NR_epoll_create1, 0);
	ev.data = lfd;
	check(ep >= 0 && sys(__NR_epoll_ctl, ep, EPOLL_CTL_ADD, lfd, &ev) == 0 &&
	      sys(__NR_epoll_wait, ep, &out, 1, 5000) == 1 && out.data == (unsigned long)lfd,
	      "epoll_wait_ready");
	/* accept writes the peer address and its length into app globals. */
	global_len = sizeof(global_addr);
	sfd = sys(__NR_accept, lfd, &global_addr, &global_len);
	check(sfd >= 0 && global_len == sizeof(global_addr) &&
	      global_addr.sin_family == AF_INET, "accept_into_globals");
	check(sys(__NR_sendto, cfd, "ping", 4, 0, 0, 0) == 4 &&
	      sys(__NR_recvfrom, sfd, local, sizeof(local), 0, 0, 0) == 4 &&
	      sys(__NR_sendto, sfd, local, 4, 0, 0, 0) == 4 &&
	      sys(__NR_recvfrom, cfd, global_buf, 8, 0, 0, 0) == 4 &&
	      equal(global_buf, "ping", 4), "tcp_echo_roundtrip");
	sys(__NR_close, sfd);
	sys(__NR_close, cfd);
	sys(__NR_close, lfd);
	sys(__NR_close, ep);
}

static void test_memory(void)
{
	long pages = 64, ok = 1;
	char *p = (char *)sys(__NR_mmap, 0, pages * 4096, PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *brk0, *brk1;

	if ((unsigned long)p > -4096UL)
		p = 0;
	for (long i = 0; p && i < pages; i++) {
		ok = ok && p[i * 4096] == 0;
		p[i * 4096] = (char)i;
	}
	for (long i = 0; p && i < pages; i++)
		ok = ok && p[i * 4096] == (char)i;
	check(p && ok, "mmap_first_touch");
	check(p && sys(__NR_munmap, p, pages * 4096) == 0, "munmap");

	brk0 = (char *)sys(__NR_brk, 0);
	brk1 = (char *)sys(__NR_brk, brk0 + (1 << 20));
	ok = brk1 == brk0 + (1 << 20);
	for (long i = 0; ok && i < (1 << 20); i += 4096)
		brk0[i] = 1;
	check(ok && sys(__NR_brk, brk0) == (long)brk0, "brk");
}

static void test_efault(void)
{
	int fds[2];
	long r;

	sys(__NR_pipe2, fds, 0);
	sys(__NR_write, fds[1], "x", 1);
	{
#ifdef UKL
		/*
		 * A kernel address outside the app: the kernel's own entry code
		 * (this reference becomes ukl_entry_SYSCALL_64). The read must fail
		 * and leave it as it was; at CPL 0 the app can read it to see.
		 */
		extern char entry_SYSCALL_64[];
		char *target = entry_SYSCALL_64;
#else
		char *target = (char *)0xffffffff81000000UL;
#endif
		char before[8];
		int same = 1;

		if (!(read_cs() & 3))
			for (int i = 0; i < 8; i++)
				before[i] = target[i];
		r = sys(__NR_read, fds[0], target, 1);
		if (!(read_cs() & 3))
			for (int i = 0; i < 8; i++)
				same = same && before[i] == target[i];
		check(r == -EFAULT && same, "efault_kernel_pointer");
	}
	sys(__NR_close, fds[0]);
	sys(__NR_close, fds[1]);
}

/*
 * The system call ABI does not ask the caller to clear the direction flag,
 * and the kernel's string copies run forward only with it clear: syscall
 * clears it, and so must the UKL entry. A write and a read made with DF
 * set must still move the right bytes.
 */
static void test_direction_flag(void)
{
	static char out[64] = "the direction flag was set at the call";
	char back[64];
	int fds[2];
	long w, r;

	sys(__NR_pipe2, fds, 0);
	__asm__ volatile("std" ::: "memory", "cc");
	w = sys(__NR_write, fds[1], out, sizeof(out));
	r = sys(__NR_read, fds[0], back, sizeof(back));
	__asm__ volatile("cld" ::: "memory", "cc");
	sys(__NR_close, fds[0]);
	sys(__NR_close, fds[1]);
	check(w == sizeof(out) && r == sizeof(back) && equal(out, back, sizeof(out)),
	      "direction_flag_set_at_call");
}

static int test_syscalls(void)
{
	plan(14);
	test_ids();
	test_pipe();
	test_file();
	test_tcp_epoll();
	test_memory();
	test_efault();
	test_direction_flag();
	return done();
}

/* ---- recursion ---- */

static int recurse(int depth)
{
	volatile char frame[1024];

	frame[0] = (char)depth;
	if (depth == 0)
		return frame[0];
	return recurse(depth - 1) + frame[0] - (char)depth;
}

static int test_recurse(void)
{
	plan(1);
	check(recurse(4000) == 0, "recursion_4MiB");
	return done();
}

/* ---- signals ---- */

struct ksigaction {
	void (*handler)(int);
	unsigned long flags;
	void (*restorer)(void);
	unsigned long mask;
};

static volatile int alarms, usr1s;

static void on_alarm(int sig)
{
	alarms++;
}

static void on_usr1(int sig)
{
	usr1s++;
}

static int handle(int sig, void (*fn)(int))
{
	struct ksigaction sa = { .handler = fn, .flags = SA_RESTORER, .restorer = restore_rt };

	return sys(__NR_rt_sigaction, sig, &sa, 0, 8);
}

/* ---- traps and bad contexts ---- */

#define TRAP_TRACE 2
#define X86_EFLAGS_TF 0x100UL
#define NON_CANONICAL 0xdead000000000000UL

/* Where the x86-64 ucontext keeps what a handler looks at or changes. */
struct ucontext_regs {
	unsigned long uc_flags, uc_link, ss_sp, ss_flags, ss_size;
	unsigned long r8, r9, r10, r11, r12, r13, r14, r15;
	unsigned long rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags;
};

/* The first words of siginfo_t: signo, errno, code, then the address. */
struct siginfo_head {
	int signo, err, code, pad;
	unsigned long addr;
};

static volatile int traps, trap_code;

static void on_trap(int sig, struct siginfo_head *info, struct ucontext_regs *uc)
{
	traps++;
	trap_code = info->code;
	/* as a user program's handler must, or it traps again after one instruction */
	uc->eflags &= ~X86_EFLAGS_TF;
}

static void to_nowhere(int sig, struct siginfo_head *info, struct ucontext_regs *uc)
{
	uc->rip = NON_CANONICAL;
}

static int handle_info(int sig, void *fn)
{
	struct ksigaction sa = { .handler = (void (*)(int))fn, .flags = SA_RESTORER | SA_SIGINFO,
				 .restorer = restore_rt };

	return sys(__NR_rt_sigaction, sig, &sa, 0, 8);
}

static void set_trap_flag(void)
{
	__asm__ volatile("pushfq; orq %0, (%%rsp); popfq; nop; nop" : : "i"(X86_EFLAGS_TF) : "memory", "cc");
}

static int test_traps(void)
{
	plan(5);
	check(handle_info(SIGTRAP, on_trap) == 0, "sigaction");
	set_trap_flag();
	check(traps == 1, "trap_flag_gives_one_sigtrap");
	check(trap_code == TRAP_TRACE, "trap_flag_si_code_trap_trace");
	traps = 0;
	__asm__ volatile("int3" : : : "memory");
	check(traps == 1, "int3_gives_one_sigtrap");
	check(trap_code == SI_KERNEL, "int3_si_code_si_kernel");
	return done();
}

/*
 * The resume flag in the interrupted context. The CPU sets RF in the
 * frame of every fault (it keeps an instruction breakpoint from firing
 * again when the instruction is retried), so on hardware a page fault in
 * the app returns with it set; QEMU's TCG never sets it there. Here a
 * SIGALRM handler sets it in the context it returns to, as rt_sigreturn
 * allows, while the app computes: with no breakpoint armed the UKL
 * return may take the RET path (dropping RF), and the computation must go
 * on unharmed, flags and all.
 */
struct ktimerval {
	struct { long sec, usec; } interval, value;
};

#define X86_EFLAGS_RF 0x10000UL
#define RF_RETURNS 20

static volatile int rf_alarms;

static void on_alarm_set_rf(int sig, struct siginfo_head *info, struct ucontext_regs *uc)
{
	rf_alarms++;
	uc->eflags |= X86_EFLAGS_RF;
}

static int test_resume_flag(void)
{
	struct ktimerval every_2ms = { { 0, 2000 }, { 0, 2000 } };
	struct ktimerval off = { { 0, 0 }, { 0, 0 } };
	unsigned long sum = 0, expect = 0, i = 0, carries = 0, n;

	plan(3);
	check(handle_info(SIGALRM, on_alarm_set_rf) == 0 && sys(__NR_setitimer, 0, &every_2ms, 0) == 0,
	      "timer_with_handler_setting_rf");
	/* a sum and a carry chain that must come out exact however often the loop is interrupted */
	while (rf_alarms < RF_RETURNS && i < 4000000000UL) {
		unsigned char c;

		__asm__ volatile("addq %2, %0; setc %1" : "+r"(sum), "=q"(c) : "r"(~0UL >> 1) : "cc");
		carries += c;
		i++;
	}
	sys(__NR_setitimer, 0, &off, 0);
	n = i;
	for (i = 0; i < n; i++) {
		unsigned long before = expect;

		expect += ~0UL >> 1;
		carries -= expect < before;
	}
	check(rf_alarms >= RF_RETURNS, "interrupted_returns_with_rf");
	check(sum == expect && carries == 0, "computation_exact_across_returns");
	return done();
}

static int bad_sigreturn(void)
{
	handle_info(SIGUSR1, to_nowhere);
	sys(__NR_kill, sys(__NR_getpid), SIGUSR1);
	put("# bad_sigreturn: still running\n");
	return 0;
}

static int bad_handler(void)
{
	handle_info(SIGUSR1, (void *)NON_CANONICAL);
	sys(__NR_kill, sys(__NR_getpid), SIGUSR1);
	put("# bad_handler: still running\n");
	return 0;
}

/*
 * A signal handler whose restorer is garbage, as LTP's rt_sigaction01 has
 * one under musl (it reads the restorer back from a sigaction() that does
 * not return it): the handler's ret jumps to address 0. A user program
 * dies of SIGSEGV; so must the app, at CPL 0, however wild the address.
 */
static int bad_restorer(unsigned long where)
{
	struct ksigaction sa = { .handler = on_usr1, .flags = SA_RESTORER,
				 .restorer = (void (*)(void))where };

	sys(__NR_rt_sigaction, SIGUSR1, &sa, 0, 8);
	sys(__NR_kill, sys(__NR_getpid), SIGUSR1);
	put("# bad_restorer: still running\n");
	return 0;
}

long sys_entry(long nr);
static void put_hex(unsigned long v);

/*
 * Block in read() (a shortcut call in the UKL app), right after a call by
 * the ordinary entry from another site (sys_entry(), which follows sys()
 * in shim.S), and say where sys() is: the ip /proc/PID/syscall reports
 * must be sys()'s, the call now blocked, not sys_entry()'s.
 */
static int blocked_read(void)
{
	int fds[2];
	char c;

	if (sys(__NR_pipe, (long)fds))
		return 2;
	sys_entry(__NR_getppid);
	put("# blocked_read: sys at ");
	put_hex((unsigned long)sys);
	put(" up to ");
	put_hex((unsigned long)sys_entry);
	put("\n");
	sys(__NR_read, fds[0], (long)&c, 1);
	return 0;
}

/* A call through a wild function pointer: to WHERE, from the app's text. */
static int wild_call(unsigned long where)
{
	((void (*)(void))where)();
	put("# wild_call: still running\n");
	return 0;
}

static int test_signals(void)
{
	volatile unsigned long spins = 0;
	int fds[2];
	long r;

	plan(3);
	check(handle(SIGALRM, on_alarm) == 0, "sigaction");
	sys(__NR_alarm, 1);
	while (!alarms)
		spins++;
	check(alarms == 1 && spins > 0, "alarm_while_computing");
	sys(__NR_pipe2, fds, 0);
	sys(__NR_alarm, 1);
	r = sys(__NR_read, fds[0], global_buf, 1);
	check(r == -EINTR && alarms == 2, "alarm_while_blocked_in_read");
	return done();
}

/*
 * Two SIGUSR1s from another process: the first while this computes, the
 * second while it blocks in nanosleep.
 */
static int test_usr1(void)
{
	struct timespec ts = { .tv_sec = 0, .tv_nsec = 10000000 };
	volatile unsigned long spins = 0;

	plan(2);
	usr1s = 0;
	handle(SIGUSR1, on_usr1);
	put("# computing until SIGUSR1\n");
	while (!usr1s && spins < 4000000000UL)
		spins++;
	check(usr1s == 1, "sigusr1_while_computing");
	put("# blocking in nanosleep until SIGUSR1\n");
	for (int i = 0; i < 3000 && usr1s < 2; i++)
		sys(__NR_nanosleep, &ts, 0);
	check(usr1s == 2, "sigusr1_while_blocked_in_nanosleep");
	return done();
}

/* ---- fork ---- */

#define CANARY 0x5afe5afe5afe5afeUL

static int fork_global = 1;
static volatile unsigned long parent_canary = CANARY;

static void pause_ms(long ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000 };

	sys(__NR_nanosleep, &ts, 0);
}

/*
 * After fork, parent and child write the same global and each must read
 * back only its own value (SHARED 1 asks the opposite, for a kernel that
 * shares app globals); a child that crashes leaves the parent as it was.
 */
static int test_fork(int shared)
{
	volatile int on_stack = 1;
	int status = 0;
	long pid;

	plan(5);
	pid = sys(__NR_clone, SIGCHLD, 0, 0, 0, 0);
	if (pid == 0) {
		fork_global = 2;
		on_stack = 2;
		/* the parent writes 3 meanwhile */
		pause_ms(50);
		sys(__NR_exit_group, on_stack == 2 && fork_global == 2 ? 7 : 1);
	}
	fork_global = 3;
	check(pid > 0 && sys(__NR_wait4, pid, &status, 0, 0) == pid &&
	      (status & 0x7f) == 0 && ((status >> 8) & 0xff) == (shared ? 1 : 7),
	      shared ? "child_sees_the_parents_write" : "child_reads_back_its_own_global");
	check(on_stack == 1, "stack_is_copied");
	check(fork_global == (shared ? 2 : 3), shared ? "globals_are_shared" : "parent_reads_back_its_own_global");
	fork_global = 1;

	pid = sys(__NR_clone, SIGCHLD, 0, 0, 0, 0);
	if (pid == 0) {
		parent_canary = 0;
		return *(volatile int *)0;
	}
	check(pid > 0 && sys(__NR_wait4, pid, &status, 0, 0) == pid && (status & 0x7f) == 11,
	      "crashing_child_dies_by_sigsegv");
	check(parent_canary == CANARY && sys(__NR_getpid) > 0, "parent_intact_after_child_crash");
	return done();
}

/*
 * The parent exits at once; the child, reparented, keeps using its
 * globals and stack and reports through a file after its parent is gone.
 */
static char orphan_note[64] = "orphan: ";

static int orphan(const char *path)
{
	long parent = sys(__NR_getpid);
	long pid = sys(__NR_clone, SIGCHLD, 0, 0, 0, 0);
	int fd, ok;

	if (pid != 0)
		return pid > 0 ? 0 : 1;
	pause_ms(300);
	for (int i = 0; i < 1000; i++)
		fork_global += 1;
	ok = sys(__NR_getppid) != parent && fork_global == 1001 && parent_canary == CANARY;
	fd = sys(__NR_open, path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	orphan_note[8] = ok ? 'o' : 'x';
	orphan_note[9] = ok ? 'k' : 'x';
	orphan_note[10] = '\n';
	sys(__NR_write, fd, orphan_note, 11);
	sys(__NR_close, fd);
	return 0;
}

/*
 * One instance of a small TCP server: each connection gets one line,
 * "PORT COUNT WORD", COUNT being how many connections this instance
 * served, kept in globals. Two instances run at once on two ports: each
 * must count only its own (run.sh talks to them with nc). Serves COUNT
 * connections, then exits.
 */
static int served;
static int serve_port;
static char serve_line[128];

/* Appends the decimal digits of v (>= 0) to line at len; returns the new length. */
static long append_num(char *line, long len, int v)
{
	char num[12];
	int k = 0;

	do {
		num[k++] = '0' + v % 10;
		v /= 10;
	} while (v);
	while (k)
		line[len++] = num[--k];
	return len;
}

static int serve(int port, int connections)
{
	struct sockaddr_in addr = { .sin_family = AF_INET };
	int one = 1, lfd, fd;
	char in[32];

	serve_port = port;
	addr.sin_port = (unsigned short)((port >> 8) | ((port & 0xff) << 8));
	lfd = sys(__NR_socket, AF_INET, SOCK_STREAM, 0);
	if (lfd < 0 || sys(__NR_setsockopt, lfd, SOL_SOCKET, 2 /* SO_REUSEADDR */, &one, sizeof(one)) ||
	    sys(__NR_bind, lfd, &addr, sizeof(addr)) || sys(__NR_listen, lfd, 8))
		return 1;
	put("# serving\n");
	while (served < connections) {
		long n, len;

		fd = sys(__NR_accept, lfd, 0, 0);
		if (fd < 0)
			return 1;
		served++;
		n = sys(__NR_read, fd, in, sizeof(in) - 1);
		len = append_num(serve_line, 0, serve_port);
		serve_line[len++] = ' ';
		len = append_num(serve_line, len, served);
		serve_line[len++] = ' ';
		for (long i = 0; i < n && in[i] != '\n'; i++)
			serve_line[len++] = in[i];
		serve_line[len++] = '\n';
		sys(__NR_write, fd, serve_line, len);
		sys(__NR_close, fd);
	}
	sys(__NR_close, lfd);
	return 0;
}

/* ---- threads ---- */

#define THREADS 4
#define THREAD_STACK (64 * 1024)
#define MAP_GROWSDOWN 0x0100
#define MADV_DONTNEED 4
#define MADV_PAGEOUT 21

static volatile long thread_pid[THREADS], thread_tid[THREADS];
static volatile int threads_done;

/* 32 KiB of stack, 4 KiB a frame: more than any stack here starts with. */
static int deep(int depth)
{
	volatile char frame[4096];

	frame[0] = (char)depth;
	frame[4095] = (char)depth;
	if (depth > 0)
		return deep(depth - 1) + frame[0] + frame[4095] - 2 * (char)depth;
	return 0;
}

static void thread_main(void *arg)
{
	long i = (long)arg;

	if (deep(8) != 0)
		return;
	thread_pid[i] = sys(__NR_getpid);
	thread_tid[i] = sys(__NR_gettid);
	__atomic_add_fetch(&threads_done, 1, __ATOMIC_SEQ_CST);
}

/* Where a thread's stack comes from: nothing of it is present at first. */
static char *thread_stack(const char *from, long i)
{
	static char *heap;
	char *stack;

	if (equal(from, "heap", 5)) {
		/* as malloc would: from the program break */
		if (!heap)
			heap = (char *)sys(__NR_brk, 0);
		stack = heap + i * THREAD_STACK;
		if (sys(__NR_brk, stack + THREAD_STACK) < (long)(stack + THREAD_STACK))
			return 0;
		return stack;
	}
	if (equal(from, "growsdown", 10)) {
		/* one page that grows down as the thread's stack does */
		stack = (char *)sys(__NR_mmap, 0, 4096, PROT_READ | PROT_WRITE,
				    MAP_PRIVATE | MAP_ANONYMOUS | MAP_GROWSDOWN, -1, 0);
		return (unsigned long)stack > -4096UL ? 0 : stack + 4096 - THREAD_STACK;
	}
	stack = (char *)sys(__NR_mmap, 0, THREAD_STACK, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return (unsigned long)stack > -4096UL ? 0 : stack;
}

/*
 * Threads on stacks the program made itself, none populated: mmap (as a
 * thread library does), the heap, a MAP_GROWSDOWN page. Their first
 * touches are page faults taken in app code, and every interrupt that
 * comes meanwhile finds their pages absent.
 */
static int test_threads(const char *from)
{
	struct timespec ts = { .tv_sec = 0, .tv_nsec = 10000000 };
	long pid = sys(__NR_getpid), tid = sys(__NR_gettid), spawned = 0;
	int distinct = 1, same_process = 1;
	long n = equal(from, "growsdown", 10) ? 1 : THREADS;

	plan(3);
	threads_done = 0;
	for (long i = 0; i < n; i++) {
		char *stack = thread_stack(from, i);

		if (!stack)
			break;
		thread_tid[i] = 0;
		spawned += spawn_thread(stack + THREAD_STACK, thread_main, (void *)i) > 0;
	}
	for (int i = 0; i < 500 && threads_done < n; i++)
		sys(__NR_nanosleep, &ts, 0);
	check(spawned == n && threads_done == n, "threads_ran_and_returned");
	for (int i = 0; i < n; i++) {
		same_process = same_process && thread_pid[i] == pid;
		distinct = distinct && thread_tid[i] > 0 && thread_tid[i] != tid;
		for (int j = 0; j < i; j++)
			distinct = distinct && thread_tid[i] != thread_tid[j];
	}
	check(same_process, "threads_share_the_process");
	check(distinct, "threads_have_their_own_ids");
	return done();
}

static volatile unsigned long spinner_rounds;
static volatile int spinner_stop, spinner_exited;

/*
 * Touches its stack once a round, then computes for a while without it:
 * interrupts mostly arrive while its stack page is gone. Never returns
 * (its return address would be gone too).
 */
static void stack_spinner(void *arg)
{
	for (;;) {
		__asm__ volatile("push %%rax; pop %%rax" : : : "memory");
		for (volatile int i = 0; i < 20000; i++)
			;
		spinner_rounds++;
		if (spinner_stop) {
			spinner_exited = 1;
			sys(__NR_exit, 0);
		}
	}
}

/*
 * A thread runs while another drops its stack pages, again and again
 * (MADV_DONTNEED; and MADV_PAGEOUT, which pages them out where there is
 * swap): each interrupt that arrives then, and each touch of the stack,
 * finds the page absent. The thread goes on running.
 */
static int test_stack_dropped(void)
{
	struct timespec ts = { .tv_sec = 0, .tv_nsec = 2000000 };
	char *stack = thread_stack("mmap", 0);
	unsigned long before, after;
	int drops = 0;

	plan(3);
	if (!stack || spawn_thread(stack + THREAD_STACK, stack_spinner, 0) <= 0)
		return 2;
	for (int i = 0; i < 500 && !spinner_rounds; i++)
		sys(__NR_nanosleep, &ts, 0);
	before = spinner_rounds;
	for (int i = 0; i < 300; i++) {
		drops += sys(__NR_madvise, stack, THREAD_STACK, MADV_DONTNEED) == 0;
		sys(__NR_madvise, stack, THREAD_STACK, MADV_PAGEOUT);
		sys(__NR_nanosleep, &ts, 0);
	}
	after = spinner_rounds;
	spinner_stop = 1;
	for (int i = 0; i < 500 && !spinner_exited; i++)
		sys(__NR_nanosleep, &ts, 0);
	put("# spinner rounds while its stack was dropped 300 times: ");
	put_num(after - before);
	put("\n");
	check(drops == 300, "stack_dropped_300_times");
	check(after > before, "thread_ran_meanwhile");
	check(spinner_exited, "thread_exited_normally");
	return done();
}

/* ---- a system call's return address on the stack ---- */

long sys_ordinary(long nr, long a1, long a2, long a3, long a4, long a5, long a6);

static int slot_pipe[2];
static volatile long slot_word = 99;

static void hijacked(void)
{
	put("# return_slot: returned to hijacked()\n");
	sys(__NR_exit_group, 3);
}

static unsigned long parse_number(const char **p, int base)
{
	unsigned long v = 0;
	const char *s = *p;

	while (*s == ' ')
		s++;
	if (s[0] == '0' && s[1] == 'x')
		s += 2;
	for (;; s++) {
		int d = *s >= '0' && *s <= '9' ? *s - '0' :
			base == 16 && *s >= 'a' && *s <= 'f' ? *s - 'a' + 10 : -1;
		if (d < 0)
			break;
		v = v * base + d;
	}
	*p = s;
	return v;
}

/*
 * The other thread: once the main thread is blocked in read(), find the
 * word on its stack that holds the return address of the call (the pc of
 * /proc/self/task/TID/syscall, near its sp), write hijacked() over it, and
 * wake the main thread.
 */
static void slot_writer(void *arg)
{
	static const char digits[] = "0123456789";
	struct timespec ts = { 0, 100000000 };
	unsigned long f[9], *sp;
	char path[48], buf[256];
	long tid = (long)arg, n, fd, i, k, t;
	const char *p;

	for (k = 0; "/proc/self/task/"[k]; k++)
		path[k] = "/proc/self/task/"[k];
	for (t = tid, n = 1; t >= 10; t /= 10)
		n++;
	for (i = n - 1, t = tid; i >= 0; i--, t /= 10)
		path[k + i] = digits[t % 10];
	for (i = 0, k += n; "/syscall"[i]; i++)
		path[k++] = "/syscall"[i];
	path[k] = 0;
	for (t = 0; t < 50; t++) {
		sys(__NR_nanosleep, &ts, 0);
		fd = sys(__NR_open, path, O_RDONLY);
		n = fd < 0 ? -1 : sys(__NR_read, fd, buf, sizeof(buf) - 1);
		if (fd >= 0)
			sys(__NR_close, fd);
		if (n <= 0)
			continue;
		buf[n] = 0;
		p = buf;
		f[0] = parse_number(&p, 10);
		for (i = 1; i < 9; i++)
			f[i] = parse_number(&p, 16);
		if (f[0] == __NR_read && f[1] == (unsigned long)slot_pipe[0])
			break;
	}
	sp = (unsigned long *)f[7];
	for (i = -2; i <= 2; i++) {
		if (t < 50 && sp[i] == f[8]) {
			sp[i] = (unsigned long)hijacked;
			slot_word = i;
			break;
		}
	}
	sys(__NR_write, slot_pipe[1], "x", 1);
}

/*
 * return_slot shortcut|entry: the main thread blocks in read() through
 * the shortcut entry (sys) or the ordinary one (sys_ordinary) while the
 * other thread rewrites the return address on its stack. The call must
 * return where it was made (exit 0), not to hijacked() (exit 3). In the
 * user form there is no such word: syscall keeps the ip in rcx.
 */
static int return_slot(const char *how)
{
	char *stack = thread_stack("mmap", 0);
	char c = 0;
	long r;

	if (!stack || sys(__NR_pipe, (long)slot_pipe))
		return 2;
	spawn_thread(stack + THREAD_STACK, slot_writer, (void *)sys(__NR_gettid));
	if (equal(how, "entry", 6))
		r = sys_ordinary(__NR_read, slot_pipe[0], (long)&c, 1, 0, 0, 0);
	else
		r = sys(__NR_read, slot_pipe[0], (long)&c, 1, 0, 0, 0);
	put("# return_slot: read returned ");
	put_num(r);
	put(slot_word == 99 ? ", no return address on the stack\n" : ", return address found and rewritten\n");
	return r == 1 && c == 'x' ? 0 : 2;
}

/* ---- one hot function, for a profiler ---- */

/*
 * hot: spends nearly all its time in hot_loop(), a function of its own
 * (not inlined, not static: a profiler names it by its symbol).
 */
__attribute__((noinline)) unsigned long hot_loop(unsigned long n)
{
	unsigned long x = 1;

	while (n--)
		x = x * 6364136223846793005UL + 1442695040888963407UL;
	return x;
}

static int hot(void)
{
	volatile unsigned long sink = hot_loop(60000000UL);

	(void)sink;
	return 0;
}

/* ---- victim ---- */

#define PR_SET_DUMPABLE 4

static volatile unsigned long victim_global = CANARY;
static volatile int terms;

static void on_term(int sig)
{
	terms++;
}

static void put_hex(unsigned long v)
{
	char out[19];
	int i = sizeof(out);

	out[--i] = 0;
	do {
		out[--i] = "0123456789abcdef"[v & 15];
		v >>= 4;
	} while (v);
	out[--i] = 'x';
	out[--i] = '0';
	put(out + i);
}

/*
 * What an app that serves others does: give up root, then (as many
 * servers do to get core dumps) ask to be dumpable again. Nothing a process
 * of the same uid tries may change its memory or take its registers.
 */
/* Called by the victim's loop: a debugger's breakpoint and watchpoint target */
static volatile unsigned long victim_ticks;

static __attribute__((noinline)) void victim_tick(void)
{
	victim_ticks++;
}

static int victim(void)
{
	struct timespec ts = { .tv_sec = 0, .tv_nsec = 10000000 };
	volatile unsigned long on_stack = CANARY;
	long r;

	handle(SIGTERM, on_term);
	if (sys(__NR_setresgid, 65534, 65534, 65534) || sys(__NR_setresuid, 65534, 65534, 65534)) {
		put("# victim: cannot drop to uid 65534\n");
		return 2;
	}
	r = sys(__NR_prctl, PR_SET_DUMPABLE, 1, 0, 0, 0);
	put("# victim: PR_SET_DUMPABLE 1 gave ");
	put_num(r);
	put("\n# victim ready: ");
	put_hex((unsigned long)&victim_global);
	put(" ");
	put_hex((unsigned long)&on_stack);
	put(" ");
	put_hex((unsigned long)victim_tick);
	put(" ");
	put_hex((unsigned long)&victim_ticks);
	put("\n");
	while (!terms) {
		sys(__NR_nanosleep, &ts, 0);
		sys(__NR_getppid);
		victim_tick();
	}
	if (victim_global != CANARY || on_stack != CANARY) {
		put("# victim: a canary was overwritten\n");
		return 1;
	}
	put("# victim: canaries intact\n");
	return 0;
}

/*
 * Where this run's stack, heap and first mapping are: with address-space
 * randomization two runs print different lines.
 */
static int addresses(void)
{
	volatile int on_stack = 0;

	put("addresses: ");
	put_hex((unsigned long)&on_stack);
	put(" ");
	put_hex((unsigned long)sys(__NR_brk, 0));
	put(" ");
	put_hex((unsigned long)sys(__NR_mmap, 0, 4096, PROT_READ | PROT_WRITE,
				   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
	put("\n");
	return on_stack;
}

/* ---- soak: what guest/ukl/soak.sh runs many times over ---- */

/*
 * System calls without end, so that a SIGKILL from outside lands in the
 * middle of one as often as not: a pipe round trip, a fresh mapping
 * touched and unmapped, a yield through nanosleep.
 */
static int churn(void)
{
	struct timespec zero = { 0, 0 };
	int fds[2];
	char c = 'x';

	if (sys(__NR_pipe, fds))
		return 2;
	for (;;) {
		long m = sys(__NR_mmap, 0, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		sys(__NR_getppid);
		sys(__NR_write, fds[1], &c, 1);
		sys(__NR_read, fds[0], &c, 1);
		if ((unsigned long)m < -4096UL) {
			((volatile char *)m)[4096] = 1;
			sys(__NR_munmap, m, 65536);
		}
		sys(__NR_nanosleep, &zero, 0);
	}
}

static char fuzz_global[8192];

static unsigned long next_random(unsigned long *state)
{
	unsigned long x = *state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*state = x;
	return x;
}

/*
 * What a random system call is given: anything, small numbers (fds, flags,
 * sizes), pointers into its own mapping or its own globals, negative
 * numbers, zero, kernel-half addresses.
 */
static unsigned long fuzz_arg(unsigned long *state, char *mapping)
{
	switch (next_random(state) % 7) {
	case 0:
		return next_random(state);
	case 1:
		return next_random(state) % 64;
	case 2:
		return (unsigned long)mapping + next_random(state) % 65536;
	case 3:
		return (unsigned long)fuzz_global + next_random(state) % sizeof(fuzz_global);
	case 4:
		return -(next_random(state) % 4096);
	case 5:
		return 0;
	default:
		return 0xffffffff80000000UL + next_random(state) % (1UL << 30);
	}
}

/*
 * The calls a fuzzer leaves out: those that end it or make children on
 * purpose (exit, fork, exec, a CPU-time limit of zero), that would stop
 * the timer that bounds every call (signal masks and handlers, itimers,
 * sigsuspend and the waits that take a signal mask), or that hand the
 * process to a tracer. Everything
 * else, with random arguments, may only fail or do what it says.
 */
static int fuzz_excluded(long nr)
{
	switch (nr) {
	case __NR_rt_sigaction: case __NR_rt_sigprocmask: case __NR_rt_sigreturn:
	case __NR_alarm: case __NR_setitimer: case __NR_clone: case __NR_fork:
	case __NR_vfork: case __NR_execve: case __NR_exit: case __NR_kill:
	case __NR_ptrace: case __NR_rt_sigtimedwait: case __NR_rt_sigsuspend:
	case __NR_tkill: case __NR_exit_group: case __NR_tgkill: case __NR_pselect6:
	case __NR_ppoll: case __NR_epoll_pwait: case __NR_execveat: case __NR_seccomp:
	case __NR_io_pgetevents: case __NR_clone3: case __NR_epoll_pwait2:
	case __NR_setrlimit: case __NR_prlimit64:
		return 1;
	default:
		return 0;
	}
}

/* Calls that change mappings: given only the fuzzer's own mapping to change. */
static int fuzz_maps(long nr)
{
	switch (nr) {
	case __NR_mmap: case __NR_mprotect: case __NR_munmap: case __NR_mremap:
	case __NR_madvise: case __NR_remap_file_pages: case __NR_pkey_mprotect:
	case __NR_process_madvise: case __NR_mlock: case __NR_munlock:
	case __NR_mlock2: case __NR_msync: case __NR_mincore:
		return 1;
	default:
		return 0;
	}
}

static void on_fuzz_alarm(int sig)
{
}

/*
 * n random system calls (numbers 0 to 449, random arguments) from seed, as
 * uid 65534, with a 2 ms interval timer that interrupts any call that
 * would block. The kernel must stay alive and quiet, whatever they do to
 * this process. Prints how many calls it made (n less the left-out ones)
 * and how many succeeded.
 */
static int fuzz(long n, long seed)
{
	struct ktimerval every_2ms = { { 0, 2000 }, { 0, 2000 } };
	unsigned long state = (unsigned long)seed * 2654435761UL + 88172645463325252UL;
	char *mapping;

	if (sys(__NR_setresgid, 65534, 65534, 65534) || sys(__NR_setresuid, 65534, 65534, 65534))
		return 2;
	mapping = (char *)sys(__NR_mmap, 0, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if ((unsigned long)mapping > -4096UL || handle(SIGALRM, on_fuzz_alarm) ||
	    sys(__NR_setitimer, 0, &every_2ms, 0))
		return 2;
	long calls = 0, succeeded = 0;

	for (long i = 0; i < n; i++) {
		long nr = next_random(&state) % 450;
		unsigned long a[6];

		if (fuzz_excluded(nr))
			continue;
		for (int j = 0; j < 6; j++)
			a[j] = fuzz_arg(&state, mapping);
		if (fuzz_maps(nr)) {
			/* its own mapping only: not its code, its stack or everything */
			a[0] = (unsigned long)mapping + next_random(&state) % 65536;
			a[1] = next_random(&state) % 65536;
		}
		calls++;
		succeeded += (unsigned long)sys(nr, a[0], a[1], a[2], a[3], a[4], a[5]) < -4095UL;
	}
	/* on its standard output, if a call did not close it */
	put("fuzz: ");
	put_num(calls);
	put(" calls, ");
	put_num(succeeded);
	put(" succeeded\n");
	return 0;
}

static volatile int forever = 1;
/* ---- the fast system-call path keeps Linux's guarantees ---- */

/*
 * Whatever fast path the kernel gives the app's system calls: a signal
 * that arrives while the app spins on cheap calls is delivered at once; a
 * second process spinning the same way on the same CPU is scheduled (the
 * timer's rescheduling request is honoured on the way back); a read
 * interrupted by a handler with SA_RESTART restarts and completes.
 */
static int test_fast_calls(void)
{
	struct ktimerval in_20ms = { { 0, 0 }, { 0, 20000 } };
	struct ksigaction sa = { .handler = on_alarm, .flags = SA_RESTORER | SA_RESTART, .restorer = restore_rt };
	volatile long *shared;
	long calls = 0, pid;
	int fds[2], status = 0;
	char c = 0;

	plan(4);
	alarms = 0;
	handle(SIGALRM, on_alarm);
	sys(__NR_setitimer, 0, &in_20ms, 0);
	while (!alarms && calls < 20000000)
		calls += sys(__NR_getppid) > 0;
	put("# getppid calls until SIGALRM: ");
	put_num(calls);
	put("\n");
	check(alarms == 1, "signal_while_spinning_on_system_calls");

	shared = (volatile long *)sys(__NR_mmap, 0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if ((unsigned long)shared > -4096UL)
		return 2;
	pid = sys(__NR_clone, SIGCHLD, 0, 0, 0, 0);
	if (pid == 0) {
		while (!shared[2])
			shared[1] += sys(__NR_getppid) > 0;
		sys(__NR_exit_group, 0);
	}
	while (shared[1] < 1000 && shared[0] < 20000000)
		shared[0] += sys(__NR_getppid) > 0;
	shared[2] = 1;
	put("# parent calls ");
	put_num(shared[0]);
	put(", child calls ");
	put_num(shared[1]);
	put("\n");
	check(pid > 0 && shared[1] >= 1000 && sys(__NR_wait4, pid, &status, 0, 0) == pid && status == 0,
	      "two_spinners_on_one_cpu_both_progress");

	alarms = 0;
	if (sys(__NR_pipe2, fds, 0) || sys(__NR_rt_sigaction, SIGALRM, &sa, 0, 8))
		return 2;
	pid = sys(__NR_clone, SIGCHLD, 0, 0, 0, 0);
	if (pid == 0) {
		pause_ms(200);
		sys(__NR_write, fds[1], "x", 1);
		sys(__NR_exit_group, 0);
	}
	sys(__NR_setitimer, 0, &in_20ms, 0);
	check(sys(__NR_read, fds[0], &c, 1) == 1 && c == 'x' && alarms == 1, "sa_restart_read_restarts");
	check(sys(__NR_wait4, pid, &status, 0, 0) == pid && status == 0, "writer_exits");
	return done();
}

/* ---- a seccomp filter the app installs still applies ---- */

#define EPERM 1
#define EACCES 13
#define SIGSYS 31

/*
 * Installs a filter on the calling process: a number that is not x86-64's
 * kills; getppid fails with EPERM, read with EACCES, gettid kills the
 * process; everything else is allowed. Root needs no no_new_privs for it.
 */
static long install_filter(void)
{
	static struct sock_filter code[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 4),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_getppid, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_read, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EACCES),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_gettid, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	static struct sock_fprog prog = { sizeof(code) / sizeof(code[0]), code };

	return sys(__NR_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
}

/*
 * Children install the filter (the parent stays free of it): the calls
 * the filter denies fail with its errors whichever entry the app uses,
 * allowed ones work, and a call it kills ends the child by SIGSYS; the
 * parent's calls are untouched. Exit codes say which check failed.
 */
static int test_seccomp(void)
{
	int fds[2], status = 0;
	long pid, ppid = sys(__NR_getppid);
	char c = 0;

	plan(5);
	if (sys(__NR_pipe2, fds, 0))
		return 2;
	pid = sys(__NR_clone, SIGCHLD, 0, 0, 0, 0);
	if (pid == 0) {
		if (install_filter())
			sys(__NR_exit_group, 10);
		if (sys(__NR_getppid) != -EPERM)
			sys(__NR_exit_group, 11);
		if (sys(__NR_write, fds[1], "y", 1) != 1)
			sys(__NR_exit_group, 12);
		if (sys(__NR_read, fds[0], &c, 1) != -EACCES)
			sys(__NR_exit_group, 13);
		if (sys(__NR_getpid) <= 0)
			sys(__NR_exit_group, 14);
		sys(__NR_exit_group, 0);
	}
	check(pid > 0 && sys(__NR_wait4, pid, &status, 0, 0) == pid && status == 0,
	      "filter_denies_with_its_errors_and_allows_the_rest");
	if (status) {
		put("# denying child's status ");
		put_num(status);
		put("\n");
	}
	check(sys(__NR_read, fds[0], &c, 1) == 1 && c == 'y', "allowed_write_went_through");

	pid = sys(__NR_clone, SIGCHLD, 0, 0, 0, 0);
	if (pid == 0) {
		if (install_filter())
			sys(__NR_exit_group, 10);
		sys(__NR_gettid);
		sys(__NR_exit_group, 20);
	}
	status = 0;
	check(pid > 0 && sys(__NR_wait4, pid, &status, 0, 0) == pid && (status & 0x7f) == SIGSYS,
	      "filter_kills_by_sigsys");
	put("# killed child's status ");
	put_num(status);
	put("\n");
	check(sys(__NR_getppid) == ppid && ppid > 0, "parent_unfiltered");
	check(sys(__NR_gettid) > 0, "parent_gettid_works");
	return done();
}

static char global_stack[8192] __attribute__((aligned(16)));

static int overflow(int depth)
{
	volatile char frame[4096];

	frame[0] = (char)depth;
	if (forever)
		return overflow(depth + 1) + frame[0];
	return frame[0];
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : "";

	if (equal(cmd, "cpl", 4))
		return test_cpl(argc > 2 ? parse(argv[2]) : 0);
	if (equal(cmd, "syscalls", 9))
		return test_syscalls();
	if (equal(cmd, "recurse", 8))
		return test_recurse();
	if (equal(cmd, "signals", 8))
		return test_signals();
	if (equal(cmd, "usr1", 5))
		return test_usr1();
	if (equal(cmd, "segv_null", 10))
		return *(volatile int *)0;
	if (equal(cmd, "segv_unmapped", 14))
		return *(volatile int *)0x10000000UL;
	if (equal(cmd, "segv_kernel", 12)) {
		*(volatile unsigned long *)-8UL = 1;
		return 0;
	}
	if (equal(cmd, "threads", 8))
		return test_threads(argc > 2 ? argv[2] : "mmap");
	if (equal(cmd, "churn", 6))
		return churn();
	if (equal(cmd, "fuzz", 5))
		return fuzz(argc > 2 ? parse(argv[2]) : 1000, argc > 3 ? parse(argv[3]) : 1);
	if (equal(cmd, "stack_dropped", 14))
		return test_stack_dropped();
	if (equal(cmd, "fork", 5))
		return test_fork(argc > 2 ? parse(argv[2]) : 0);
	if (equal(cmd, "orphan", 7) && argc > 2)
		return orphan(argv[2]);
	if (equal(cmd, "serve", 6) && argc > 3)
		return serve(parse(argv[2]), parse(argv[3]));
	if (equal(cmd, "overflow", 9))
		return overflow(0);
	if (equal(cmd, "fast_calls", 11))
		return test_fast_calls();
	if (equal(cmd, "seccomp", 8))
		return test_seccomp();
	if (equal(cmd, "victim", 7))
		return victim();
	if (equal(cmd, "addresses", 10))
		return addresses();
	if (equal(cmd, "int80", 6)) {
		extern char int80_hidden[];
		/* no 32-bit system call has this number: ENOSYS where one is made */
		long ret = 0xffff;

		/* below the red zone: the call pushes its return address */
		__asm__ volatile("sub $128, %%rsp\n\tcall *%1\n\tadd $128, %%rsp"
				 : "+a"(ret)
				 : "r"(int80_hidden + 1)
				 : "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11", "memory", "cc");
		put("# int80: still running\n");
		return ret == -ENOSYS ? 0 : 1;
	}
	if (equal(cmd, "blocked_read", 13))
		return blocked_read();
	if (equal(cmd, "hot", 4))
		return hot();
	if (equal(cmd, "return_slot", 12))
		return return_slot(argc > 2 ? argv[2] : "shortcut");
	if (equal(cmd, "bad_restorer", 13))
		return bad_restorer(0);
	if (equal(cmd, "wild_call_user", 15))
		return wild_call(0x10000000UL);
	if (equal(cmd, "wild_call_data", 15))
		return wild_call((unsigned long)global_stack);
	if (equal(cmd, "wild_call_kernel", 17))
		return wild_call(-4096UL);
	if (equal(cmd, "traps", 6))
		return test_traps();
	if (equal(cmd, "resume_flag", 12))
		return test_resume_flag();
	if (equal(cmd, "int3", 5)) {
		__asm__ volatile("int3" : : : "memory");
		return 0;
	}
	if (equal(cmd, "trap_flag", 10)) {
		set_trap_flag();
		return 0;
	}
	if (equal(cmd, "bad_sigreturn", 14))
		return bad_sigreturn();
	if (equal(cmd, "bad_handler", 12))
		return bad_handler();
	if (equal(cmd, "bad_stack_spin", 15))
		__asm__ volatile("mov %0, %%rsp; 1: jmp 1b" : : "r"(0x10000000UL));
	if (equal(cmd, "wild_stack_spin", 16))
		__asm__ volatile("mov %0, %%rsp; 1: jmp 1b" : : "r"(NON_CANONICAL));
	if (equal(cmd, "dumpable_crash", 15)) {
		if (sys(__NR_setresgid, 65534, 65534, 65534) || sys(__NR_setresuid, 65534, 65534, 65534) ||
		    sys(__NR_prctl, PR_SET_DUMPABLE, 1, 0, 0, 0))
			return 2;
		return *(volatile int *)0;
	}
	if (equal(cmd, "ac_clear", 9)) {
		volatile unsigned long on_user_stack = 1;
		unsigned long v;

		__asm__ volatile("mov %%rsp, %%rbx; mov %2, %%rsp; clac; movq (%1), %0; stac; mov %%rbx, %%rsp"
				 : "=r"(v) : "r"(&on_user_stack), "r"(global_stack + sizeof(global_stack))
				 : "rbx", "memory");
		return (int)v;
	}
	if (equal(cmd, "spin", 5)) {
		put("# spinning\n");
		for (;;)
			;
	}
	put("usage: ukl_tests cpl|syscalls|recurse|signals|usr1|segv_null|segv_unmapped|segv_kernel|spin|overflow|fork|orphan|serve|threads|victim|traps|trap_flag|bad_sigreturn|bad_handler|ac_clear|bad_stack_spin|wild_stack_spin|dumpable_crash|fast_calls|seccomp|resume_flag|addresses|bad_restorer|wild_call_user|wild_call_data|wild_call_kernel|blocked_read|int80\n");
	return 2;
}
