/* A string key-value table shared by all connections. */
#ifndef KVSTORE_STORE_H
#define KVSTORE_STORE_H

#include <stddef.h>

void store_set(const char *key, const char *value);
/* Copies the value into buf; returns 0 if the key is missing. */
int store_get(const char *key, char *buf, size_t len);
int store_del(const char *key);
size_t store_count(void);

#endif
