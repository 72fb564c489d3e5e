#ifndef KITH_KITH_H
#define KITH_KITH_H

/*
 * libkith: the library behind the kith command line and web app.
 *
 * Everything kith knows lives in one SQLite file. A `struct kith` is an open
 * database plus the context every call needs: the day that counts as today
 * and the message of the last error. The library never prints and never
 * exits: a call returns a `kith_rc` and, when it is not KITH_OK, leaves a
 * one-line message (lowercase, no trailing period) in kith_errmsg(), the way
 * SQLite keeps sqlite3_errmsg(). The front ends choose what to print and
 * which exit code or HTTP status to use.
 *
 * Writes: every call that changes data runs inside the caller's transaction
 * when one is open (kith_begin), else inside its own. Either way a failing
 * call changes nothing once the caller rolls back.
 */

#include <stddef.h>
#include <stdint.h>

#include "kith/date.h"

/* "No day": a date that is not set (never in touch, not snoozed, no cadence). */
#define KITH_NO_DAY (-2147483647L)

struct sqlite3;

enum kith_rc {
	KITH_OK = 0,
	KITH_ERR,       /* failure: database, file system, out of range */
	KITH_EINPUT,    /* bad input from the user: invalid date, unknown kind */
	KITH_ENOTFOUND, /* no such person or thing */
	KITH_EAMBIG,    /* a name matches several people */
};

/*
 * Exit status for a result: 0 for KITH_OK, 2 for bad input (EINPUT,
 * ENOTFOUND, EAMBIG), 1 for anything else.
 */
int kith_rc_exit(enum kith_rc rc);

struct kith;

/*
 * Set-up for a process that uses kith, called once before anything else
 * touches SQLite (a program's main): SQLite's memory statistics off. Debian
 * builds SQLite without its lookaside allocator, so every small allocation
 * of a statement goes to malloc, and with statistics on each one also
 * takes a global mutex to count itself; kith reads no statistics (an
 * import's writer thread runs 2.4% fewer instructions, and no mutex).
 * Called after SQLite's first use, it changes nothing.
 */
void kith_process_init(void);

/*
 * Open (creating when missing, with its folder) the database at path and
 * bring its schema up to date. `today` is the day plans and relative dates
 * are computed for. On success *out owns a new context, freed with
 * kith_close(). On failure *out is NULL and the message is written to err
 * (errlen bytes) when err is non-NULL.
 */
enum kith_rc kith_open(const char *path, kith_day today, struct kith **out,
		       char *err, size_t errlen);

/* Close the database and free the context. NULL is accepted. */
void kith_close(struct kith *k);

/* The message of the last failed call ("" when none). Owned by k. */
const char *kith_errmsg(const struct kith *k);

/* Set the message of the current failure; returns rc, for `return kith_fail(...)`. */
enum kith_rc kith_fail(struct kith *k, enum kith_rc rc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The day that counts as today for this context. */
kith_day kith_get_today(const struct kith *k);

/* The underlying SQLite handle (owned by k), for the library's own modules. */
struct sqlite3 *kith_db(struct kith *k);

/* The path the database was opened from (owned by k). */
const char *kith_path(const struct kith *k);

/*
 * Transactions. kith_begin starts an IMMEDIATE transaction (taking the write
 * lock at once, so a concurrent writer waits up to the busy timeout rather
 * than failing half way). kith_commit commits; kith_rollback undoes. The
 * command line wraps each writing command in one.
 */
enum kith_rc kith_begin(struct kith *k);
/*
 * kith_begin for an import: the transaction runs without SQLite's foreign
 * key enforcement, which costs a lookup of the person for every email,
 * tag and name token written (a tenth of a large import). The imports
 * write rows only of people they added or found in the same transaction,
 * and a restored backup checks every reference itself (PRAGMA
 * foreign_key_check). kith_commit and kith_rollback turn enforcement on
 * again.
 *
 * Into a network with no people, the transaction also runs with a
 * rollback journal instead of the write-ahead log, when no other
 * connection has the database open: each page is then written once, to
 * the database, instead of to the log and copied again by the
 * checkpoint (a fifth of a 100,000-card import). Other processes read
 * the network as it was until the commit. kith_commit and kith_rollback
 * return to WAL.
 */
enum kith_rc kith_begin_import(struct kith *k);
enum kith_rc kith_commit(struct kith *k);
void kith_rollback(struct kith *k);

/* The schema version this library writes (PRAGMA user_version). */
int kith_schema_version(void);

/*
 * The database path to use when none is given: $KITH_DB, else
 * $XDG_DATA_HOME/kith/kith.db, else $HOME/.local/share/kith/kith.db.
 * Returns a new string (free() it), or NULL when no home can be found.
 */
char *kith_default_db_path(void);

#endif
