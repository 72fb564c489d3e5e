#ifndef KITH_TESTDB_H
#define KITH_TESTDB_H

/* A temporary database for unit tests: testdb_open() / testdb_close(). */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kith/kith.h"
#include "kith/person.h"

static char testdb_path[256];

static inline struct kith *testdb_open(kith_day today)
{
	struct kith *k = NULL;
	char err[256];
	int fd;
	snprintf(testdb_path, sizeof(testdb_path), "%s/kith-unit-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	fd = mkstemp(testdb_path);
	if (fd < 0) {
		perror("mkstemp");
		exit(1);
	}
	close(fd);
	unlink(testdb_path);
	if (kith_open(testdb_path, today, &k, err, sizeof(err)) != KITH_OK) {
		fprintf(stderr, "cannot open test db: %s\n", err);
		exit(1);
	}
	return k;
}

static inline void testdb_close(struct kith *k)
{
	char p[300];
	kith_close(k);
	unlink(testdb_path);
	snprintf(p, sizeof(p), "%s-wal", testdb_path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", testdb_path);
	unlink(p);
}

/* Add a person with a name, a circle (-1 default) and optional tag. */
static inline int64_t testdb_add(struct kith *k, const char *name, int circle, const char *tag)
{
	struct kith_person_change ch;
	int64_t id = 0;
	kith_person_change_init(&ch);
	ch.name = name;
	ch.circle = circle;
	if (tag)
		kith_strlist_push(&ch.add_tags, tag);
	if (kith_person_add(k, &ch, &id) != KITH_OK) {
		fprintf(stderr, "cannot add %s: %s\n", name, kith_errmsg(k));
		exit(1);
	}
	kith_person_change_release(&ch);
	return id;
}

#endif
