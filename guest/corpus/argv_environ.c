/* corpus-args: alpha "two words" 3 */
/* argv and the environment: getenv, setenv, unsetenv, environ. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

int main(int argc, char **argv)
{
	printf("argc %d\n", argc);
	for (int i = 1; i < argc; i++)
		printf("argv[%d] = %s\n", i, argv[i]);
	printf("argv[argc] is NULL: %d\n", argv[argc] == NULL);
	printf("PATH set: %d\n", getenv("PATH") != NULL);
	setenv("CORPUS_VAR", "one", 0);
	setenv("CORPUS_VAR", "two", 0);
	printf("CORPUS_VAR=%s\n", getenv("CORPUS_VAR"));
	setenv("CORPUS_VAR", "three", 1);
	int found = 0;
	for (char **e = environ; *e; e++)
		found += strcmp(*e, "CORPUS_VAR=three") == 0;
	printf("in environ: %d\n", found);
	unsetenv("CORPUS_VAR");
	printf("after unset: %s\n", getenv("CORPUS_VAR") ? "set" : "unset");
	return 0;
}
