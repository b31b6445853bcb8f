/*
 * fork and globals: a normal program's child changes its own copy of a
 * global; a UKL app's globals are in the kernel image and shared, so the
 * parent sees the child's change (Documentation/ukl/ukl.rst). Stack and
 * heap are copied in both forms.
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
