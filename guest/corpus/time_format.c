/* Calendar time: gmtime, mktime, strftime for fixed instants (UTC). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	time_t t = 1664755200;
	struct tm tm;
	gmtime_r(&t, &tm);
	char buf[128];
	strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S %A %j", &tm);
	printf("%s\n", buf);
	tm.tm_mday += 100;
	time_t later = mktime(&tm);
	strftime(buf, sizeof(buf), "%c", &tm);
	printf("%lld %s\n", (long long)later, buf);
	printf("%s", asctime(gmtime(&t)));
	return 0;
}
