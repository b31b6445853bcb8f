/* The line protocol: SET key value, GET key, DEL key, STATS, QUIT. */
#ifndef KVSTORE_PROTO_H
#define KVSTORE_PROTO_H

#include <stdio.h>

/* Serves one client until it quits or hangs up. */
void serve_client(FILE *in, FILE *out);

#endif
