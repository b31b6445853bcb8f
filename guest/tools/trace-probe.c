// SPDX-License-Identifier: GPL-2.0
/*
 * trace-probe MODE PID GLOBAL STACK CODE COUNTER: what a tracer can do to a
 * running "ukl_tests victim" (guest/ukl), whose canaries (CANARY) live at
 * the addresses GLOBAL (an app global) and STACK (a variable on its stack),
 * and whose loop calls the function at CODE, which adds 1 to COUNTER.
 * Prints KTAP; exits 0 if every check passed.
 *
 *   refused     as uid 65534 without capabilities (the victim's own uid):
 *               ptrace attach, /proc/PID/mem and process_vm_readv/writev
 *               must all be refused; the writes try to change a canary
 *   allowed     the same as an ordinary process of that uid may do it: each
 *               must succeed (the writes put back the value that is there).
 *               This is the control that shows the "refused" checks would
 *               see an open door
 *   privileged  as root (CAP_SYS_ADMIN), a debugger: attach, read the
 *               registers and the stack canary, write both back unchanged,
 *               try to point rip outside the app's code (a non-canonical
 *               address, the stack): refused with EIO, single-step (STEPS
 *               steps, each a SIGTRAP stop, through the victim's loop and
 *               over its calls), a hardware breakpoint on CODE and a write
 *               watchpoint on COUNTER (each a SIGTRAP stop there, its bit in
 *               DR6), stop at the victim's next system call's
 *               entry and exit (nanosleep, then getppid, which the kernel
 *               may run as a shortcut), detach
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#define CANARY 0x5afe5afe5afe5afeUL
#define BAD 0xbadbadbadbadbad0UL
#define STEPS 40

static int number, failures;

static void check(int ok, const char *name, const char *detail)
{
	number++;
	failures += !ok;
	printf("%sok %d %s # %s\n", ok ? "" : "not ", number, name, detail);
	fflush(stdout);
}

static const char *outcome(long r)
{
	static char buf[64];

	if (r < 0)
		snprintf(buf, sizeof(buf), "failed: %s", strerrorname_np(errno) ? strerrorname_np(errno) : "?");
	else
		snprintf(buf, sizeof(buf), "succeeded (%ld)", r);
	return buf;
}

static int refused(long r)
{
	return r < 0 && (errno == EPERM || errno == EACCES);
}

/* Attaches and waits until the tracee stops; 0 or -1 with errno. */
static long attach(pid_t pid)
{
	int status;

	if (ptrace(PTRACE_ATTACH, pid, 0, 0) < 0)
		return -1;
	if (waitpid(pid, &status, __WALL) != pid || !WIFSTOPPED(status)) {
		errno = ECHILD;
		return -1;
	}
	return 0;
}

static long vm_rw(pid_t pid, unsigned long addr, unsigned long *value, int write)
{
	struct iovec local = { value, sizeof(*value) }, remote = { (void *)addr, sizeof(*value) };

	return write ? process_vm_writev(pid, &local, 1, &remote, 1, 0)
		     : process_vm_readv(pid, &local, 1, &remote, 1, 0);
}

static void unprivileged(pid_t pid, unsigned long global, unsigned long stack, int allowed)
{
	char path[64];
	unsigned long v = 0;
	long r;
	int fd;

	if (setgid(65534) || setuid(65534)) {
		perror("trace-probe: setuid");
		exit(2);
	}
	r = attach(pid);
	check(allowed ? r == 0 : refused(r), "ptrace_attach", outcome(r));
	if (r == 0)
		ptrace(PTRACE_DETACH, pid, 0, 0);

	snprintf(path, sizeof(path), "/proc/%d/mem", pid);
	fd = open(path, O_RDWR);
	r = fd;
	if (fd >= 0) {
		r = pread(fd, &v, sizeof(v), stack);
		if (!allowed)
			v = BAD;
		if (r == sizeof(v))
			r = pwrite(fd, &v, sizeof(v), stack);
		close(fd);
	}
	check(allowed ? r == sizeof(v) : refused(fd), "proc_pid_mem_write", outcome(r));

	v = 0;
	r = vm_rw(pid, stack, &v, 0);
	check(allowed ? r == sizeof(v) && v == CANARY : refused(r), "process_vm_readv", outcome(r));

	v = allowed ? CANARY : BAD;
	r = vm_rw(pid, stack, &v, 1);
	check(allowed ? r == sizeof(v) : refused(r), "process_vm_writev_stack", outcome(r));
	v = BAD;
	r = vm_rw(pid, global, &v, 1);
	/* an ordinary process's global is its own memory; a UKL app's must never be written */
	if (allowed) {
		v = CANARY;
		r = vm_rw(pid, global, &v, 1);
	}
	check(allowed ? r == sizeof(v) : r < 0, "process_vm_writev_global", outcome(r));
}

/* Resumes to the next system-call stop; its orig_rax and rax, or -1. */
static long syscall_stop(pid_t pid, struct user_regs_struct *regs)
{
	int status;

	if (ptrace(PTRACE_SYSCALL, pid, 0, 0) < 0)
		return -1;
	if (waitpid(pid, &status, __WALL) != pid || !WIFSTOPPED(status) ||
	    WSTOPSIG(status) != (SIGTRAP | 0x80))
		return -1;
	return ptrace(PTRACE_GETREGS, pid, 0, regs);
}

/*
 * The victim sleeps in nanosleep in a loop: the tracer sees its system
 * calls, entry then exit, as for any process, whatever fast path the
 * kernel gives the app's calls (syscall tracing makes it take the
 * ordinary one). After the attach, the first call may be the restart of
 * the sleep the attach interrupted.
 */
static void syscall_stops(pid_t pid)
{
	struct user_regs_struct regs;
	char detail[96];
	long r;

	r = ptrace(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_TRACESYSGOOD);
	check(r == 0, "trace_sysgood", outcome(r));
	for (int i = 0; i < 3; i++) {
		r = syscall_stop(pid, &regs);
		snprintf(detail, sizeof(detail), "%s, orig_rax %lld", r ? "no stop" : "entry stop",
			 r ? -1LL : (long long)regs.orig_rax);
		if (r || regs.orig_rax == __NR_nanosleep)
			break;
		r = syscall_stop(pid, &regs);	/* the exit of that other call */
		if (r)
			break;
	}
	check(r == 0 && regs.orig_rax == __NR_nanosleep, "syscall_entry_stop", detail);
	r = syscall_stop(pid, &regs);
	snprintf(detail, sizeof(detail), "%s, orig_rax %lld, rax %lld", r ? "no stop" : "exit stop",
		 r ? -1LL : (long long)regs.orig_rax, r ? -1LL : (long long)regs.rax);
	check(r == 0 && regs.orig_rax == __NR_nanosleep && regs.rax == 0, "syscall_exit_stop", detail);
	/* the victim's next call is getppid, one the kernel may run as a shortcut */
	r = syscall_stop(pid, &regs);
	snprintf(detail, sizeof(detail), "%s, orig_rax %lld", r ? "no stop" : "entry stop",
		 r ? -1LL : (long long)regs.orig_rax);
	check(r == 0 && regs.orig_rax == __NR_getppid, "shortcut_call_entry_stop", detail);
	r = syscall_stop(pid, &regs);
	snprintf(detail, sizeof(detail), "%s, orig_rax %lld, rax %lld", r ? "no stop" : "exit stop",
		 r ? -1LL : (long long)regs.orig_rax, r ? -1LL : (long long)regs.rax);
	check(r == 0 && regs.orig_rax == __NR_getppid && (long long)regs.rax > 0, "shortcut_call_exit_stop", detail);
}

/* The debug registers in struct user, as a debugger reaches them */
#define DR(n) (offsetof(struct user, u_debugreg) + (n) * sizeof(long))

/*
 * Debug register N at ADDR, enabled with DR7's RW/LEN nibble KIND (0: on
 * execution; 0x9: on an 8-byte write), then PTRACE_CONT: the victim must
 * stop with SIGTRAP, at ADDR for a breakpoint, with bit N set in DR6. The
 * register is disabled again either way.
 */
static void hw_breakpoint(pid_t pid, const char *name, int n, unsigned long addr, unsigned long kind)
{
	struct user_regs_struct regs = { 0 };
	const char *why = "stopped there";
	unsigned long dr6 = 0;
	char detail[128];
	int status;
	long r;

	r = ptrace(PTRACE_POKEUSER, pid, DR(n), addr);
	if (r == 0)
		r = ptrace(PTRACE_POKEUSER, pid, DR(7), (1UL << (2 * n)) | (kind << (16 + 4 * n)));
	if (r == 0)
		r = ptrace(PTRACE_CONT, pid, 0, 0);
	if (r) {
		why = outcome(r);
	} else if (waitpid(pid, &status, __WALL) != pid || !WIFSTOPPED(status) || WSTOPSIG(status) != SIGTRAP ||
		   ptrace(PTRACE_GETREGS, pid, 0, &regs)) {
		why = "a stop other than SIGTRAP";
		r = -1;
	} else {
		dr6 = ptrace(PTRACE_PEEKUSER, pid, DR(6), 0);
		if (!(dr6 & (1UL << n)))
			why = "its bit not in DR6", r = -1;
		else if (kind == 0 && regs.rip != addr)
			why = "stopped elsewhere", r = -1;
	}
	ptrace(PTRACE_POKEUSER, pid, DR(7), 0);
	snprintf(detail, sizeof(detail), "DR%d %#lx: %s (rip %#llx, DR6 %#lx)", n, addr, why, regs.rip, dr6);
	check(r == 0, name, detail);
}

static void privileged(pid_t pid, unsigned long stack, unsigned long code, unsigned long counter)
{
	struct user_regs_struct regs;
	char detail[96];
	long r, v;
	int status;

	r = attach(pid);
	check(r == 0, "ptrace_attach", outcome(r));
	if (r)
		return;
	r = ptrace(PTRACE_GETREGS, pid, 0, &regs);
	snprintf(detail, sizeof(detail), "%s, cs %#llx", outcome(r), r ? 0ULL : regs.cs);
	check(r == 0, "getregs", detail);
	r = ptrace(PTRACE_SETREGS, pid, 0, &regs);
	check(r == 0, "setregs_unchanged", outcome(r));
	/* the UKL app resumes at CPL 0: only its own code will do */
	r = ptrace(PTRACE_POKEUSER, pid, offsetof(struct user_regs_struct, rip), BAD);
	check(r < 0 && errno == EIO, "rip_non_canonical_refused", outcome(r));
	r = ptrace(PTRACE_POKEUSER, pid, offsetof(struct user_regs_struct, rip), stack);
	check(r < 0 && errno == EIO, "rip_on_stack_refused", outcome(r));
	errno = 0;
	v = ptrace(PTRACE_PEEKDATA, pid, stack, 0);
	check(errno == 0 && (unsigned long)v == CANARY, "peek_stack_canary", errno ? outcome(-1) : "read");
	r = ptrace(PTRACE_POKEDATA, pid, stack, CANARY);
	check(r == 0, "poke_stack_unchanged", outcome(r));
	/*
	 * A debugger's stepi: every step stops with SIGTRAP, and the steps
	 * get somewhere (the loop calls nanosleep and getppid: a step over
	 * such a call stops after it, as over syscall)
	 */
	{
		unsigned long long first = regs.rip, moved = 0;
		const char *why = "done";
		int steps = 0;

		for (; steps < STEPS; steps++) {
			r = ptrace(PTRACE_SINGLESTEP, pid, 0, 0);
			if (r) {
				why = outcome(r);
				break;
			}
			if (waitpid(pid, &status, __WALL) != pid || !WIFSTOPPED(status) || WSTOPSIG(status) != SIGTRAP ||
			    ptrace(PTRACE_GETREGS, pid, 0, &regs)) {
				why = "a stop other than SIGTRAP";
				r = -1;
				break;
			}
			moved += regs.rip != first;
		}
		snprintf(detail, sizeof(detail), "%d steps, %llu of them away from %#llx: %s", steps, moved, first, why);
		check(r == 0 && steps == STEPS && moved > 0, "singlestep", detail);
	}
	hw_breakpoint(pid, "hw_breakpoint_on_code", 0, code, 0);
	hw_breakpoint(pid, "watchpoint_on_global", 1, counter, 0x9);
	syscall_stops(pid);
	r = ptrace(PTRACE_DETACH, pid, 0, 0);
	check(r == 0, "detach", outcome(r));
}

int main(int argc, char **argv)
{
	if (argc != 7) {
		fprintf(stderr, "usage: trace-probe refused|allowed|privileged PID GLOBAL STACK CODE COUNTER\n");
		return 2;
	}
	pid_t pid = atoi(argv[2]);
	unsigned long global = strtoul(argv[3], NULL, 0), stack = strtoul(argv[4], NULL, 0);
	unsigned long code = strtoul(argv[5], NULL, 0), counter = strtoul(argv[6], NULL, 0);

	/* a stop that never comes (a breakpoint not reported) ends the probe, failed */
	alarm(120);
	printf("KTAP version 1\n1..%d\n", strcmp(argv[1], "privileged") ? 5 : 16);
	if (!strcmp(argv[1], "privileged"))
		privileged(pid, stack, code, counter);
	else
		unprivileged(pid, global, stack, !strcmp(argv[1], "allowed"));
	return failures || number == 0;
}
