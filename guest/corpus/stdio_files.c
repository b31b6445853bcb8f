/* stdio on a tmpfs file: write, seek, read back, line reading, append. */
#include <stdio.h>
#include <string.h>

int main(void)
{
	const char *path = "/tmp/corpus_stdio.txt";
	FILE *f = fopen(path, "w+");
	if (!f) { perror("fopen"); return 1; }
	for (int i = 0; i < 5; i++)
		fprintf(f, "line %d of %s\n", i, "five");
	printf("tell after write: %ld\n", ftell(f));
	rewind(f);
	char buf[64];
	int lines = 0;
	while (fgets(buf, sizeof(buf), f))
		lines++;
	printf("lines: %d, last: %s", lines, buf);
	fseek(f, 5, SEEK_SET);
	printf("char at 5: %c\n", fgetc(f));
	fclose(f);
	f = fopen(path, "a");
	fputs("appended\n", f);
	fclose(f);
	f = fopen(path, "r");
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = 0;
	printf("first read %zu bytes: %.12s\n", n, buf);
	fclose(f);
	remove(path);
	printf("exists after remove: %s\n", fopen(path, "r") ? "yes" : "no");
	return 0;
}
