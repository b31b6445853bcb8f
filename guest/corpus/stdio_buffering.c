/* stdio buffering modes, ungetc and writes mixed with fflush. */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	static char buf[256];
	setvbuf(stdout, buf, _IOFBF, sizeof(buf));
	printf("buffered ");
	fflush(stdout);
	write(1, "direct\n", 7);
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("line buffered\n");
	FILE *f = fopen("/tmp/corpus_unget", "w+");
	fputs("xyz", f);
	rewind(f);
	int c = fgetc(f);
	ungetc('Q', f);
	printf("got %c then %c then %c\n", c, fgetc(f), fgetc(f));
	fclose(f);
	unlink("/tmp/corpus_unget");
	fprintf(stderr, "to stderr\n");
	return 0;
}
