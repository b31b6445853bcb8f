/* String functions: tokenizing, searching, copying, comparing. */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>

int main(void)
{
	char s[] = "the quick,brown fox;jumps";
	for (char *t = strtok(s, " ,;"); t; t = strtok(NULL, " ,;"))
		printf("[%s]", t);
	printf("\n");
	const char *h = "unikernel linux";
	printf("%s|%s|%zu|%zu\n", strstr(h, "linux"), strchr(h, 'k'), strlen(h), strspn(h, "nuik"));
	char m[16] = "abcdefgh";
	memmove(m + 2, m, 6);
	printf("%s %d %d %d\n", m, strcmp("a", "b") < 0, strncmp("abc", "abd", 2), strcasecmp("UKL", "ukl"));
	char up[8];
	for (int i = 0; i < 3; i++)
		up[i] = toupper("ukl"[i]);
	up[3] = 0;
	char *dup = strdup(up);
	printf("%s %s\n", dup, strerror(2));
	return 0;
}
