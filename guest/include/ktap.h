/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal KTAP output for guest test programs: a version line, a plan, one
 * result line per case. ktap_done() returns the process exit status, non-zero
 * when any case failed, so the runner's verdict and the report agree.
 */
#ifndef UKL_GUEST_KTAP_H
#define UKL_GUEST_KTAP_H

#include <stdarg.h>
#include <stdio.h>

static int ktap_planned, ktap_number, ktap_failures;

static inline void ktap_plan(int n)
{
	ktap_planned = n;
	printf("KTAP version 1\n1..%d\n", n);
	fflush(stdout);
}

static inline void ktap_diag(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	printf("# ");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
}

/* Records one case; returns cond so callers can stop early on failure. */
static inline int ktap_result(int cond, const char *name)
{
	ktap_number++;
	if (!cond)
		ktap_failures++;
	printf("%s %d %s\n", cond ? "ok" : "not ok", ktap_number, name);
	fflush(stdout);
	return cond;
}

static inline void ktap_skip(const char *name, const char *why)
{
	printf("ok %d %s # SKIP %s\n", ++ktap_number, name, why);
	fflush(stdout);
}

static inline int ktap_done(void)
{
	if (ktap_number != ktap_planned)
		ktap_diag("planned %d cases, ran %d", ktap_planned, ktap_number);
	return ktap_failures || ktap_number != ktap_planned;
}

#endif
