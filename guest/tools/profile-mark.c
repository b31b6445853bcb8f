// SPDX-License-Identifier: GPL-2.0
/*
 * profile-mark group|on|off: executes one of the no-op instructions that
 * `ukl profile`'s QEMU plugin (tools/profile/ukl-profile.c) reads as a
 * window marker, so a shell script can count everything the whole guest
 * executes between two points (ukl bench echo).
 */
#include <string.h>

int main(int argc, char **argv)
{
	if (argc != 2)
		return 2;
	if (!strcmp(argv[1], "group"))
		asm volatile(".byte 0x0f, 0x1f, 0x80; .long 0x554b4c47" ::: "memory");
	else if (!strcmp(argv[1], "on"))
		asm volatile(".byte 0x0f, 0x1f, 0x80; .long 0x554b4c31" ::: "memory");
	else if (!strcmp(argv[1], "off"))
		asm volatile(".byte 0x0f, 0x1f, 0x80; .long 0x554b4c30" ::: "memory");
	else
		return 2;
	return 0;
}
