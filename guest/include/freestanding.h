/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Output for guest programs without a C library (the UKL test app and
 * the benchmark): every system call goes through sys() in guest/ukl/shim.S.
 */
#ifndef UKL_GUEST_FREESTANDING_H
#define UKL_GUEST_FREESTANDING_H

#include <asm/unistd.h>

long sys(long nr, ...);

static inline unsigned long length(const char *s)
{
	unsigned long n = 0;

	while (s[n])
		n++;
	return n;
}

static inline void put(const char *s)
{
	sys(__NR_write, 1, s, length(s));
}

static inline void put_num(long long v)
{
	char out[24];
	int i = sizeof(out);
	unsigned long long u = v < 0 ? -(unsigned long long)v : (unsigned long long)v;

	out[--i] = 0;
	do {
		out[--i] = '0' + u % 10;
		u /= 10;
	} while (u);
	if (v < 0)
		out[--i] = '-';
	put(out + i);
}

#endif
