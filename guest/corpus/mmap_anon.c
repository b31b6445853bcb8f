/* Anonymous and file mappings: write, read back, partial munmap, mremap. */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/mman.h>

int main(void)
{
	size_t sz = 16 * 4096;
	unsigned char *p = mmap(NULL, sz, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) { perror("mmap"); return 1; }
	int zero = 1;
	for (size_t i = 0; i < sz; i++)
		zero &= p[i] == 0;
	memset(p, 0xab, sz);
	printf("fresh pages zero %d, wrote %d\n", zero, p[sz - 1] == 0xab);
	printf("munmap middle: %d\n", munmap(p + 4 * 4096, 4096));
	p = mremap(p, 4 * 4096, 8 * 4096, MREMAP_MAYMOVE);
	printf("mremap kept data: %d\n", p != MAP_FAILED && p[100] == 0xab);
	int fd = open("/tmp/corpus_map", O_CREAT | O_RDWR | O_TRUNC, 0600);
	ftruncate(fd, 4096);
	char *f = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	strcpy(f, "written through a mapping");
	msync(f, 4096, MS_SYNC);
	char back[32] = {0};
	pread(fd, back, 25, 0);
	printf("file reads: %s\n", back);
	munmap(f, 4096);
	close(fd);
	unlink("/tmp/corpus_map");
	return 0;
}
