// SPDX-License-Identifier: GPL-2.0
/*
 * as-nobody COMMAND [ARG...]: run COMMAND as uid and gid 65534 with no
 * supplementary groups, the way an unprivileged local user would; exits
 * 126 when it cannot drop its privileges or 127 when the exec fails.
 */
#include <grp.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: as-nobody COMMAND [ARG...]\n");
		return 2;
	}
	if (setgroups(0, NULL) || setgid(65534) || setuid(65534)) {
		perror("as-nobody: dropping privileges");
		return 126;
	}
	execv(argv[1], argv + 1);
	perror("as-nobody: exec");
	return 127;
}
