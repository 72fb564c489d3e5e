#ifndef KITH_INTERNAL_H
#define KITH_INTERNAL_H

/*
 * What libkith's modules share and the outside does not see: the context
 * struct and small SQLite helpers. Only lib/ includes this.
 */

#include <sqlite3.h>

#include "kith/kith.h"
#include "kith/strbuf.h"

struct kith {
	sqlite3 *db;
	kith_day today;
	char *path;
	char errmsg[512];
	int in_txn; /* a kith_begin() transaction is open */
	int fk_off; /* kith_begin_import turned foreign key enforcement off */
	int rollback_journal; /* kith_begin_import left WAL for a rollback journal */
};

/* Set the error to SQLite's current message; returns KITH_ERR. */
enum kith_rc kith_fail_db(struct kith *k, const char *what);

/*
 * Prepare sql; on failure sets the error and returns NULL. The caller
 * finalizes the statement.
 */
sqlite3_stmt *kith_prepare(struct kith *k, const char *sql);

/* Run SQL without results (several statements allowed). 0 or -1 (error set). */
int kith_exec(struct kith *k, const char *sql);

/*
 * Run a statement that takes one id (?1) and returns no rows, such as
 * "DELETE FROM goal WHERE id = ?1". *changes (may be NULL) is the number of
 * rows it changed. On failure the error is "WHAT: sqlite's message".
 */
enum kith_rc kith_exec_id(struct kith *k, const char *sql, int64_t id, const char *what, int *changes);

/*
 * Whether sql (taking ?1 = id) returns a row: KITH_OK; else KITH_ENOTFOUND,
 * "no WHAT #ID" followed by hint (may be NULL); KITH_ERR on a database error.
 */
enum kith_rc kith_exists(struct kith *k, const char *sql, int64_t id, const char *what, const char *hint);

/* qsort/bsearch order of int64_t ids. */
int kith_cmp_id(const void *a, const void *b);

/* kith_exists for person id: KITH_ENOTFOUND "no person #ID". */
enum kith_rc kith_person_exists(struct kith *k, int64_t id);

/*
 * A person's name_token rows, each word of their folded name (words end at
 * a space or a hyphen), inserted with ins, a statement prepared from
 * KITH_NAME_TOKEN_INSERT (lib/person.c; the backup's restore uses it too).
 */
#define KITH_NAME_TOKEN_INSERT "INSERT OR IGNORE INTO name_token(token, person_id, name_key) VALUES (?2, ?1, ?3)"
enum kith_rc kith_name_tokens_insert(struct kith *k, sqlite3_stmt *ins, int64_t id, const char *name_key);

/* Bind text that may be NULL; an empty string binds as NULL when empty_null. */
int kith_bind_text(sqlite3_stmt *st, int idx, const char *s, int empty_null);

/* Bind a date as YYYY-MM-DD text (NULL when d is KITH_NO_DAY). */
int kith_bind_day(sqlite3_stmt *st, int idx, kith_day d);

/* Read a YYYY-MM-DD column as a day number; KITH_NO_DAY when NULL or invalid. */
kith_day kith_column_day(sqlite3_stmt *st, int col);

/* Copy a text column into a new string (NULL when the column is NULL). */
char *kith_column_strdup(sqlite3_stmt *st, int col);

/*
 * Savepoints let a library call be atomic whether or not the caller opened
 * a transaction: kith_sp_begin before the first write, then kith_sp_end
 * with the call's result (releases on KITH_OK, rolls back otherwise).
 */
enum kith_rc kith_sp_begin(struct kith *k);
enum kith_rc kith_sp_end(struct kith *k, enum kith_rc rc);

/* Store a setting without checking or side effects (value NULL removes). */
enum kith_rc kith_setting_store(struct kith *k, const char *key, const char *value);

struct kith_interaction;
/*
 * Call fn for each interaction that sql selects, with the people in it.
 * sql returns (id, date, kind, note) and takes ?1 = key and ?2 = limit
 * (-1 for all when limit is 0). fn returning non-zero stops.
 */
enum kith_rc kith_interactions_each(struct kith *k, const char *sql, int64_t key, size_t limit,
				    int (*fn)(void *ctx, const struct kith_interaction *i), void *ctx);

#endif
