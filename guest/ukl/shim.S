/* SPDX-License-Identifier: GPL-2.0 */
/*
 * System calls for the UKL test app, built both ways: a call of the kernel's
 * UKL entry (-DUKL) or the syscall instruction.
 */
#ifdef UKL
#define SYSCALL	call entry_SYSCALL_64
/* sys() is a C function: it may take the kernel's shortcut entry. */
#define SYSCALL_C	call shortcut_SYSCALL_64
#else
#define SYSCALL	syscall
#define SYSCALL_C	syscall
#endif

	.text
/*
 * A C function of the system call's number and six arguments, entered by
 * INSN: sys() and sys_ordinary().
 */
.macro SYS_FUNCTION name:req, insn:vararg
	.globl	\name
	.type	\name, @function
\name:
	movq	%rdi, %rax
	movq	%rsi, %rdi
	movq	%rdx, %rsi
	movq	%rcx, %rdx
	movq	%r8, %r10
	movq	%r9, %r8
	movq	8(%rsp), %r9
	\insn
	ret
	.size	\name, .-\name
.endm

/* long sys(long nr, long a1, long a2, long a3, long a4, long a5, long a6) */
	SYS_FUNCTION sys, SYSCALL_C

/* long sys_entry(long nr): a system call from another site, by the ordinary entry */
	.globl	sys_entry
	.type	sys_entry, @function
sys_entry:
	movq	%rdi, %rax
	SYSCALL
	ret
	.size	sys_entry, .-sys_entry

/* long sys_ordinary(long nr, ...): sys() through the ordinary entry */
	SYS_FUNCTION sys_ordinary, SYSCALL

/*
 * int80_hidden: its one instruction's immediate holds the bytes of
 * "int $0x80; ret", which a call of int80_hidden + 1 executes: the stray
 * instruction that no disassembly of the archive finds.
 */
	.globl	int80_hidden
	.type	int80_hidden, @function
int80_hidden:
	movl	$0xc3c380cd, %eax
	ret
	.size	int80_hidden, .-int80_hidden

#ifdef UKL
/* A kernel without shortcuts has only the ordinary entry (see runtime/musl). */
	.weak	shortcut_SYSCALL_64
	.type	shortcut_SYSCALL_64, @function
shortcut_SYSCALL_64:
	jmp	entry_SYSCALL_64
	.size	shortcut_SYSCALL_64, .-shortcut_SYSCALL_64
#endif

/*
 * long spawn_thread(void *stack_top, void (*fn)(void *), void *arg)
 *
 * clone() a thread onto a new stack that runs fn(arg) and then exits; the
 * parent gets the thread id. The child continues after the system call on
 * its own stack, where fn and arg wait for it.
 */
	.globl	spawn_thread
	.type	spawn_thread, @function
spawn_thread:
	movq	%rsi, -8(%rdi)
	movq	%rdx, -16(%rdi)
	leaq	-16(%rdi), %rsi
	movq	$0x50f00, %rdi		/* VM|FS|FILES|SIGHAND|THREAD|SYSVSEM */
	xorl	%edx, %edx
	xorl	%r10d, %r10d
	xorl	%r8d, %r8d
	movq	$56, %rax		/* clone */
	SYSCALL
	testq	%rax, %rax
	jnz	1f
	popq	%rdi			/* the child, on its stack: arg */
	popq	%rax			/* fn */
	call	*%rax
	xorl	%edi, %edi
	movq	$60, %rax		/* exit: this thread only */
	SYSCALL
	ud2
1:	ret
	.size	spawn_thread, .-spawn_thread

/* The signal restorer: rt_sigreturn. */
	.globl	restore_rt
	.type	restore_rt, @function
restore_rt:
	movq	$15, %rax
	SYSCALL
	ud2
	.size	restore_rt, .-restore_rt

/* The code segment selector: its low two bits are the privilege level. */
	.globl	read_cs
	.type	read_cs, @function
read_cs:
	movq	%cs, %rax
	ret
	.size	read_cs, .-read_cs

/* Process entry: argc, argv on the stack as exec leaves them. */
	.globl	_start
	.type	_start, @function
_start:
	xorl	%ebp, %ebp
	movq	(%rsp), %rdi
	leaq	8(%rsp), %rsi
	andq	$-16, %rsp
	call	main
	movq	%rax, %rdi
	movq	$231, %rax		/* exit_group */
	SYSCALL
	ud2
	.size	_start, .-_start

	.section .note.GNU-stack,"",@progbits
