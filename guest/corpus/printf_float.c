/* printf of floating point: fixed, exponent, shortest and hex forms. */
#include <stdio.h>
#include <math.h>

int main(void)
{
	double v[] = { 0.0, -0.0, 1.5, 3.14159265358979, 1e-10, 6.02214076e23, 1.0 / 3.0 };
	for (unsigned i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		printf("%f %e %g %.10g %a\n", v[i], v[i], v[i], v[i], v[i]);
	printf("%.2f %8.3f %-8.1f| %+.0f\n", 2.675, 1.0005, 9.99, 2.5);
	printf("%f %f %f\n", INFINITY, -INFINITY, NAN);
	printf("%.20f\n", 0.1);
	return 0;
}
