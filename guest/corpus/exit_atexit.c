/* corpus-status: 42 */
/* exit runs atexit handlers in reverse order, flushes stdio, and sets the status. */
#include <stdio.h>
#include <stdlib.h>

static void first(void) { printf("handler registered first\n"); }
static void second(void) { printf("handler registered second\n"); }

int main(void)
{
	atexit(first);
	atexit(second);
	printf("unflushed line without newline... ");
	exit(42);
}
