/* SPDX-License-Identifier: GPL-2.0 */
/*
 * long raw_syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
 *
 * Returns the kernel's raw result (-errno on failure). Built as a user program
 * it uses the syscall instruction; built as a UKL app (-DUKL) it calls the
 * kernel's entry point instead, with the same registers.
 */
	.text
	.globl	raw_syscall
	.type	raw_syscall, @function
raw_syscall:
	movq	%rdi, %rax
	movq	%rsi, %rdi
	movq	%rdx, %rsi
	movq	%rcx, %rdx
	movq	%r8, %r10
	movq	%r9, %r8
	movq	8(%rsp), %r9
#ifdef UKL
	call	entry_SYSCALL_64
#else
	syscall
#endif
	ret
	.size	raw_syscall, .-raw_syscall

#ifdef UKL
/* The kernel enters a UKL app here, with the stack as exec builds it. */
	.globl	_start
	.type	_start, @function
_start:
	xorl	%ebp, %ebp
	movq	(%rsp), %rdi		/* argc */
	leaq	8(%rsp), %rsi		/* argv */
	andq	$-16, %rsp
	call	main
	movq	%rax, %rdi
	movq	$60, %rax		/* exit */
	call	entry_SYSCALL_64
	ud2
	.size	_start, .-_start
#endif

	.section .note.GNU-stack,"",@progbits
