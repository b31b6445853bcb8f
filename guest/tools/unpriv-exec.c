// SPDX-License-Identifier: GPL-2.0
/*
 * unpriv-exec PATH: drop to nobody, then exec PATH. Starting the UKL app
 * needs CAP_SYS_ADMIN, so this must fail with EPERM; exits 0 if it did.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char *args[] = { argc > 1 ? argv[1] : "/UKL", "cpl", "0", NULL };

	if (setgid(65534) || setuid(65534)) {
		perror("unpriv-exec: setuid");
		return 2;
	}
	execv(args[0], args);
	printf("unpriv-exec: exec of %s as uid %d: %s\n", args[0], (int)getuid(), strerror(errno));
	return errno == EPERM ? 0 : 1;
}
