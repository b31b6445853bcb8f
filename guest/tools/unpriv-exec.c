// SPDX-License-Identifier: GPL-2.0
/*
 * unpriv-exec [--no-new-privs] PATH: drop to nobody, then exec PATH. Starting
 * the UKL app needs CAP_SYS_ADMIN, so this must fail with EPERM; exits 0 if
 * it did. With --no-new-privs it stays root but sets no_new_privs first: the
 * app runs at CPL 0 and would escape that promise (and any seccomp filter,
 * which needs no_new_privs or CAP_SYS_ADMIN), so that exec must fail with
 * EPERM too.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int nnp = argc > 1 && !strcmp(argv[1], "--no-new-privs");
	char *path = argc > 1 + nnp ? argv[1 + nnp] : "/UKL";
	char *args[] = { path, "cpl", "0", NULL };

	if (nnp) {
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) {
			perror("unpriv-exec: PR_SET_NO_NEW_PRIVS");
			return 2;
		}
	} else if (setgid(65534) || setuid(65534)) {
		perror("unpriv-exec: setuid");
		return 2;
	}
	execv(args[0], args);
	printf("unpriv-exec: exec of %s as uid %d%s: %s\n", args[0], (int)getuid(),
	       nnp ? " with no_new_privs" : "", strerror(errno));
	return errno == EPERM ? 0 : 1;
}
