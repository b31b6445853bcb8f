/* corpus-stdin: three\nlines of\ninput\n */
/* Reading stdin line by line with getline, counting words. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int lines = 0, words = 0;
	while ((n = getline(&line, &cap, stdin)) > 0) {
		lines++;
		for (char *t = strtok(line, " \n"); t; t = strtok(NULL, " \n"))
			words++;
	}
	free(line);
	printf("%d lines, %d words\n", lines, words);
	return 0;
}
