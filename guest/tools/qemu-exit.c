// SPDX-License-Identifier: GPL-2.0
/*
 * qemu-exit STATUS: end the virtual machine with a status, through QEMU's
 * isa-debug-exit device at I/O port 0xf4 (QEMU exits with STATUS*2+1).
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/io.h>

#define DEBUG_EXIT_PORT 0xf4

int main(int argc, char **argv)
{
	unsigned int status = argc > 1 ? (unsigned int)atoi(argv[1]) : 0;

	fflush(NULL);
	if (ioperm(DEBUG_EXIT_PORT, 4, 1)) {
		perror("qemu-exit: ioperm");
		return 1;
	}
	outl(status & 0x7f, DEBUG_EXIT_PORT);
	/* Only reached without the device. */
	fprintf(stderr, "qemu-exit: no isa-debug-exit device\n");
	return 1;
}
