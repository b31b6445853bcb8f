/* sscanf and strtol/strtod parsing. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	int a, b;
	char word[16];
	double d;
	int n = sscanf("12 -7 hello 2.5e3", "%d %d %15s %lf", &a, &b, word, &d);
	printf("n=%d a=%d b=%d word=%s d=%.1f\n", n, a, b, word, d);
	char *end;
	printf("%ld %ld %ld\n", strtol("0x1f", &end, 0), strtol("0755", &end, 0), strtol("-99z", &end, 10));
	printf("rest=%s\n", end);
	printf("%.3f %lu\n", strtod("  -12.125", NULL), strtoul("4294967295", NULL, 10));
	printf("%d\n", sscanf("abc", "%d", &a));
	return 0;
}
