/* SPDX-License-Identifier: GPL-2.0 */
/*
 * System calls for the UKL test app, built both ways: a call of the kernel's
 * UKL entry (-DUKL) or the syscall instruction.
 */
#ifdef UKL
#define SYSCALL	call entry_SYSCALL_64
#else
#define SYSCALL	syscall
#endif

	.text
/* long sys(long nr, long a1, long a2, long a3, long a4, long a5, long a6) */
	.globl	sys
	.type	sys, @function
sys:
	movq	%rdi, %rax
	movq	%rsi, %rdi
	movq	%rdx, %rsi
	movq	%rcx, %rdx
	movq	%r8, %r10
	movq	%r9, %r8
	movq	8(%rsp), %r9
	SYSCALL
	ret
	.size	sys, .-sys

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
