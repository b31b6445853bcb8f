/* corpus-status: 3 */
/* dlopen cannot work in a static program: a clear error, not a hang or crash. */
#include <stdio.h>
#include <dlfcn.h>

int main(void)
{
	void *h = dlopen("libm.so.6", RTLD_NOW);
	if (!h) {
		printf("dlopen failed: %s\n", dlerror());
		return 3;
	}
	printf("dlopen worked\n");
	return 0;
}
