/*
 * After fork, parent and child both use the C library heavily and at the
 * same time: malloc and free of many sizes, stdio buffers, globals. Each
 * checks its own results; neither may see the other's state.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

static unsigned long checksum;
static char *kept[512];

static unsigned long work(unsigned seed, FILE *out)
{
	unsigned long sum = 0;

	for (int round = 0; round < 20; round++) {
		for (int i = 0; i < 512; i++) {
			size_t n = 1 + (seed = seed * 1103515245 + 12345) % 3000;
			kept[i] = malloc(n);
			memset(kept[i], (int)(n & 0xff), n);
		}
		for (int i = 0; i < 512; i++) {
			size_t n = 1 + (i * 7 + round) % 3000;
			sum += (unsigned char)kept[i][0];
			kept[i] = realloc(kept[i], n);
			fprintf(out, "%d:%d ", round, i);
		}
		for (int i = 0; i < 512; i++)
			free(kept[i]);
		fputc('\n', out);
	}
	return sum;
}

int main(void)
{
	FILE *sink = fopen("/dev/null", "w");
	unsigned long expected_child, expected_parent;
	int status;

	/* what each side must get, computed before the fork */
	expected_child = work(7, sink);
	expected_parent = work(11, sink);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		checksum = work(7, sink);
		printf("child: %s\n", checksum == expected_child ? "ok" : "WRONG");
		fflush(stdout);
		_exit(checksum == expected_child ? 0 : 1);
	}
	checksum = work(11, sink);
	waitpid(pid, &status, 0);
	printf("parent: %s\n", checksum == expected_parent ? "ok" : "WRONG");
	printf("child exit %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	return 0;
}
