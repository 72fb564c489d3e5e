#ifndef KITH_TESTDB_H
#define KITH_TESTDB_H

/* A temporary database for unit tests: testdb_open() / testdb_close(). */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

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

/*
 * How far person_fts's index is from the text of the view it indexes:
 * the entries (term, person, column, position, and how many times) in one
 * and not the other, counted both ways, from an index of person_search built afresh. 0 when
 * every change removed and wrote its search row in the right order; -1 if
 * the check cannot run.
 */
static inline int64_t testdb_fts_drift(struct kith *k)
{
	static const char *const setup =
		"CREATE VIRTUAL TABLE temp.fts_fresh USING fts5(name, org, tags, notes, content = '',"
		"  tokenize = 'unicode61 remove_diacritics 2');"
		"INSERT INTO temp.fts_fresh(rowid, name, org, tags, notes)"
		"  SELECT id, name, org, tags, notes FROM main.person_search;"
		"CREATE VIRTUAL TABLE temp.fts_have USING fts5vocab(main, person_fts, instance);"
		"CREATE VIRTUAL TABLE temp.fts_want USING fts5vocab(temp, fts_fresh, instance);";
	sqlite3 *db = kith_db(k);
	sqlite3_stmt *st = NULL;
	int64_t n = -1;

	if (sqlite3_exec(db, setup, NULL, NULL, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, "WITH have AS (SELECT *, count(*) FROM temp.fts_have GROUP BY 1, 2, 3, 4),"
				   " want AS (SELECT *, count(*) FROM temp.fts_want GROUP BY 1, 2, 3, 4)"
				   " SELECT (SELECT count(*) FROM (SELECT * FROM have EXCEPT SELECT * FROM want))"
				   " + (SELECT count(*) FROM (SELECT * FROM want EXCEPT SELECT * FROM have))",
			       -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	else
		fprintf(stderr, "testdb_fts_drift: %s\n", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	sqlite3_exec(db, "DROP TABLE IF EXISTS temp.fts_have; DROP TABLE IF EXISTS temp.fts_want;"
			 " DROP TABLE IF EXISTS temp.fts_fresh;", NULL, NULL, NULL);
	return n;
}

#endif
