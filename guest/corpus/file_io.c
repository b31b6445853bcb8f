/* open/read/write/lseek/ftruncate/fstat/pread/pwrite on tmpfs. */
#include <stdio.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>

int main(void)
{
	const char *p = "/tmp/corpus_file";
	int fd = open(p, O_CREAT | O_TRUNC | O_RDWR, 0640);
	if (fd < 0) { perror("open"); return 1; }
	char block[4096];
	for (int i = 0; i < 4096; i++)
		block[i] = 'a' + i % 26;
	for (int i = 0; i < 16; i++)
		write(fd, block, sizeof(block));
	struct stat st;
	fstat(fd, &st);
	printf("size %lld mode %o regular %d\n", (long long)st.st_size, st.st_mode & 0777, S_ISREG(st.st_mode));
	printf("seek end %lld\n", (long long)lseek(fd, 0, SEEK_END));
	char c[4] = {0};
	pread(fd, c, 3, 4096 + 25);
	printf("pread: %s\n", c);
	pwrite(fd, "XYZ", 3, 10);
	lseek(fd, 8, SEEK_SET);
	read(fd, c, 3);
	printf("after pwrite: %s\n", c);
	ftruncate(fd, 100);
	fstat(fd, &st);
	printf("truncated to %lld\n", (long long)st.st_size);
	close(fd);
	printf("unlink %d\n", unlink(p));
	return 0;
}
