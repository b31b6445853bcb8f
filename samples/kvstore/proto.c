/* Parses request lines and answers them; counts requests per thread. */
#include <string.h>
#include "proto.h"
#include "store.h"

static __thread unsigned long requests;

static void answer(FILE *out, char *line)
{
	char *cmd = strtok(line, " \r\n");
	char *key = strtok(NULL, " \r\n");
	char *value = strtok(NULL, "\r\n");
	char buf[512];

	requests++;
	if (!cmd) {
		fputs("ERR empty\n", out);
	} else if (!strcmp(cmd, "SET") && key && value) {
		store_set(key, value);
		fputs("OK\n", out);
	} else if (!strcmp(cmd, "GET") && key) {
		if (store_get(key, buf, sizeof(buf)))
			fprintf(out, "VALUE %s\n", buf);
		else
			fputs("NOTFOUND\n", out);
	} else if (!strcmp(cmd, "DEL") && key) {
		fputs(store_del(key) ? "DELETED\n" : "NOTFOUND\n", out);
	} else if (!strcmp(cmd, "STATS")) {
		fprintf(out, "KEYS %zu REQUESTS %lu\n", store_count(), requests);
	} else {
		fprintf(out, "ERR unknown command %s\n", cmd);
	}
}

void serve_client(FILE *in, FILE *out)
{
	char line[1024];

	requests = 0;
	while (fgets(line, sizeof(line), in)) {
		if (!strncmp(line, "QUIT", 4))
			break;
		answer(out, line);
		fflush(out);
	}
}
