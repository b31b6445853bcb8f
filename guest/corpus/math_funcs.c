/* libm: elementary functions, rounding and classification. */
#include <stdio.h>
#include <math.h>

int main(void)
{
	printf("%.6f %.6f %.6f %.6f\n", sqrt(2.0), sin(1.0), cos(1.0), tan(0.5));
	printf("%.6f %.6f %.6f %.6f\n", exp(1.0), log(10.0), pow(2.0, 0.5), atan2(1.0, 1.0));
	printf("%.1f %.1f %.1f %.1f\n", floor(-2.5), ceil(-2.5), round(2.5), trunc(-2.7));
	printf("%d %d %d\n", isnan(NAN), isinf(INFINITY), fpclassify(0.0) == FP_ZERO);
	printf("%.10Lf\n", sqrtl(3.0L));
	printf("%g %g\n", fmod(10.0, 3.0), hypot(3.0, 4.0));
	return 0;
}
