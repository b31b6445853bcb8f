// SPDX-License-Identifier: GPL-2.0
/*
 * What ukl run hands a command-line program: it prints its arguments, the
 * variable GREETING and the file named by INPUT, says goodbye on stderr and
 * exits with STATUS (default 3). "args segv" dies of SIGSEGV instead;
 * "args resources" prints the memory and CPUs the guest has.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int resources(void)
{
	char line[256];
	FILE *f = fopen("/proc/meminfo", "r");

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "MemTotal:", 9))
			printf("%s", line);
	if (f)
		fclose(f);
	printf("cpus online: %ld\n", sysconf(_SC_NPROCESSORS_ONLN));
	return 0;
}

int main(int argc, char **argv)
{
	const char *greeting = getenv("GREETING");
	const char *input = getenv("INPUT");
	const char *status = getenv("STATUS");

	if (argc > 1 && !strcmp(argv[1], "segv")) {
		int *volatile nowhere = NULL;

		fflush(stdout);
		*nowhere = 1;
	}
	if (argc > 1 && !strcmp(argv[1], "resources"))
		return resources();
	printf("argc %d\n", argc);
	for (int i = 1; i < argc; i++)
		printf("argv[%d] = '%s'\n", i, argv[i]);
	printf("GREETING = '%s'\n", greeting ? greeting : "(unset)");
	if (input) {
		char buf[4096];
		size_t n;
		FILE *f = fopen(input, "r");

		if (!f) {
			perror(input);
			return 2;
		}
		printf("%s:\n", input);
		while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
			fwrite(buf, 1, n, stdout);
		fclose(f);
	}
	fprintf(stderr, "args: goodbye on stderr\n");
	return status ? atoi(status) : 3;
}
