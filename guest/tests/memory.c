// SPDX-License-Identifier: GPL-2.0
/* Anonymous mappings, first touches of fresh pages, and a deep stack. */
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "ktap.h"

#define PAGES 256

static int recurse(int depth)
{
	volatile char frame[1024];

	frame[0] = (char)depth;
	if (depth == 0)
		return frame[0];
	return recurse(depth - 1) + frame[0] - (char)depth;
}

int main(void)
{
	long page = sysconf(_SC_PAGESIZE);
	char *p;
	int ok = 1;

	ktap_plan(4);
	p = mmap(NULL, PAGES * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ktap_result(p != MAP_FAILED, "mmap_anonymous");
	for (int i = 0; p != MAP_FAILED && i < PAGES; i++) {
		ok = ok && p[i * page] == 0;
		p[i * page] = (char)i;
	}
	for (int i = 0; p != MAP_FAILED && i < PAGES; i++)
		ok = ok && p[i * page] == (char)i;
	ktap_result(p != MAP_FAILED && ok, "first_touch_zeroed_pages");
	ktap_result(p != MAP_FAILED && munmap(p, PAGES * page) == 0, "munmap");
	/* About 4 MiB of stack in 1 KiB frames. */
	ktap_result(recurse(4000) == 0, "deep_recursion_4MiB");
	return ktap_done();
}
