/* Directories: mkdir, readdir (sorted), rename, rmdir, chdir/getcwd. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>

static int cmp(const struct dirent **a, const struct dirent **b) { return strcmp((*a)->d_name, (*b)->d_name); }

int main(void)
{
	mkdir("/tmp/corpus_dir", 0755);
	const char *names[] = { "zeta", "alpha", "mid" };
	char path[300];
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "/tmp/corpus_dir/%s", names[i]);
		close(open(path, O_CREAT | O_WRONLY, 0600));
	}
	mkdir("/tmp/corpus_dir/sub", 0700);
	rename("/tmp/corpus_dir/mid", "/tmp/corpus_dir/middle");
	struct dirent **list;
	int n = scandir("/tmp/corpus_dir", &list, NULL, cmp);
	for (int i = 0; i < n; i++)
		printf("%s%s", list[i]->d_name, i + 1 < n ? " " : "\n");
	chdir("/tmp/corpus_dir/sub");
	char cwd[128];
	printf("cwd %s\n", getcwd(cwd, sizeof(cwd)));
	chdir("/");
	printf("rmdir non-empty: %d\n", rmdir("/tmp/corpus_dir"));
	for (int i = 0; i < n; i++) {
		if (list[i]->d_name[0] != '.') {
			snprintf(path, sizeof(path), "/tmp/corpus_dir/%s", list[i]->d_name);
			if (remove(path))
				perror(path);
		}
	}
	printf("rmdir empty: %d\n", rmdir("/tmp/corpus_dir"));
	return 0;
}
