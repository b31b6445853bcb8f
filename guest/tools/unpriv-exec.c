// SPDX-License-Identifier: GPL-2.0
/*
 * unpriv-exec [--no-new-privs|--seccomp] PATH: drop to nobody, then exec
 * PATH. Starting the UKL app needs CAP_SYS_ADMIN, so this must fail with
 * EPERM; exits 0 if it did. With --no-new-privs it stays root but sets
 * no_new_privs first; with --seccomp it stays root but puts itself under a
 * seccomp filter that allows everything. The app runs at CPL 0 and would
 * escape either promise, so those execs must fail with EPERM too.
 */
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

static int allow_all_filter(void)
{
	struct sock_filter code[] = { BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW) };
	struct sock_fprog prog = { 1, code };

	/* root (CAP_SYS_ADMIN) needs no no_new_privs for a filter */
	return syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
}

int main(int argc, char **argv)
{
	const char *opt = argc > 1 && argv[1][0] == '-' ? argv[1] : "";
	int nnp = !strcmp(opt, "--no-new-privs"), filtered = !strcmp(opt, "--seccomp");
	char *path = argc > 1 + !!*opt ? argv[1 + !!*opt] : "/UKL";
	char *args[] = { path, "cpl", "0", NULL };

	if (*opt && !nnp && !filtered) {
		fprintf(stderr, "usage: unpriv-exec [--no-new-privs|--seccomp] PATH\n");
		return 2;
	}
	if (nnp) {
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) {
			perror("unpriv-exec: PR_SET_NO_NEW_PRIVS");
			return 2;
		}
	} else if (filtered) {
		if (allow_all_filter()) {
			perror("unpriv-exec: seccomp");
			return 2;
		}
	} else if (setgid(65534) || setuid(65534)) {
		perror("unpriv-exec: setuid");
		return 2;
	}
	execv(args[0], args);
	printf("unpriv-exec: exec of %s as uid %d%s: %s\n", args[0], (int)getuid(),
	       nnp ? " with no_new_privs" : filtered ? " under a seccomp filter" : "", strerror(errno));
	return errno == EPERM ? 0 : 1;
}
