/* The table: a chained hash table under one mutex. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "store.h"

#define BUCKETS 1024

struct entry {
	struct entry *next;
	char *key, *value;
};

static struct entry *table[BUCKETS];
static size_t entries;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static unsigned hash(const char *s)
{
	unsigned h = 2166136261u;
	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h % BUCKETS;
}

static struct entry **find(const char *key)
{
	struct entry **e = &table[hash(key)];
	while (*e && strcmp((*e)->key, key))
		e = &(*e)->next;
	return e;
}

void store_set(const char *key, const char *value)
{
	pthread_mutex_lock(&lock);
	struct entry **e = find(key);
	if (*e) {
		free((*e)->value);
	} else {
		*e = calloc(1, sizeof(**e));
		(*e)->key = strdup(key);
		entries++;
	}
	(*e)->value = strdup(value);
	pthread_mutex_unlock(&lock);
}

int store_get(const char *key, char *buf, size_t len)
{
	pthread_mutex_lock(&lock);
	struct entry *e = *find(key);
	if (e) {
		strncpy(buf, e->value, len - 1);
		buf[len - 1] = 0;
	}
	pthread_mutex_unlock(&lock);
	return e != NULL;
}

int store_del(const char *key)
{
	pthread_mutex_lock(&lock);
	struct entry **e = find(key), *gone = *e;
	if (gone) {
		*e = gone->next;
		free(gone->key);
		free(gone->value);
		free(gone);
		entries--;
	}
	pthread_mutex_unlock(&lock);
	return gone != NULL;
}

size_t store_count(void)
{
	pthread_mutex_lock(&lock);
	size_t n = entries;
	pthread_mutex_unlock(&lock);
	return n;
}
