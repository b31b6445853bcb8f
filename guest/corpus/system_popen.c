/* system() and popen() start /bin/sh; the UKL app itself stays what it is. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

int main(void)
{
	int st = system("exit 5");
	printf("system status %d\n", WEXITSTATUS(st));
	FILE *p = popen("echo from a shell; echo second line", "r");
	char line[64];
	while (fgets(line, sizeof(line), p))
		printf("popen: %s", line);
	printf("pclose %d\n", pclose(p));
	return 0;
}
