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

/* A new database at a fresh temporary path, written into path[len]
 * (for tests with more than one database). */
static inline struct kith *testdb_open_at(char *path, size_t len, kith_day today)
{
	struct kith *k = NULL;
	char err[256];
	int fd;
	snprintf(path, len, "%s/kith-unit-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	fd = mkstemp(path);
	if (fd < 0) {
		perror("mkstemp");
		exit(1);
	}
	close(fd);
	unlink(path);
	if (kith_open(path, today, &k, err, sizeof(err)) != KITH_OK) {
		fprintf(stderr, "cannot open test db %s: %s\n", path, err);
		exit(1);
	}
	return k;
}

/* Close k and remove its files. */
static inline void testdb_close_at(struct kith *k, const char *path)
{
	char p[300];
	kith_close(k);
	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
}

static inline struct kith *testdb_open(kith_day today)
{
	return testdb_open_at(testdb_path, sizeof(testdb_path), today);
}

static inline void testdb_close(struct kith *k)
{
	testdb_close_at(k, testdb_path);
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
