/*
 * fork and globals: the child changes its own copy of a global, of a stack
 * variable and of heap memory; the parent sees none of it, in both forms
 * (a UKL process owns its globals, see Documentation/ukl/ukl.rst).
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

int global_counter;

int main(void)
{
	int on_stack = 1;
	int *on_heap = malloc(sizeof(int));
	*on_heap = 1;
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		global_counter = 99;
		on_stack = 99;
		*on_heap = 99;
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	printf("stack %d heap %d\n", on_stack, *on_heap);
	printf("global %d\n", global_counter);
	return 0;
}
