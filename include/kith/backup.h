#ifndef KITH_BACKUP_H
#define KITH_BACKUP_H

/*
 * Backups: a JSON document of everything in the database (export/import),
 * and a binary copy through SQLite's online backup API.
 *
 * The JSON form is {"kith_backup": 1, "schema": N, "exported": "YYYY-MM-DD",
 * "people": [...], "person_emails": [...], ...}: one array per table, one
 * object per row with the table's own columns, rows in primary-key order,
 * so two exports of the same data are byte-identical. Derived data (a
 * person's name_key, last touch, cadence and due dates, bday_md, the name
 * tokens and full-text indexes) is not written; import recomputes it.
 */

#include <stdint.h>
#include <stdio.h>

#include "kith/kith.h"

/* The largest backup import reads (bytes). */
#define KITH_BACKUP_MAX ((size_t)1 << 30)

/* The version of the JSON backup format ("kith_backup"). */
#define KITH_BACKUP_FORMAT 1

/*
 * Write the whole database as JSON to fp (not closed). KITH_ERR on a
 * database or write error.
 */
enum kith_rc kith_backup_export(struct kith *k, FILE *fp);

/*
 * Export to path atomically: written to a temporary file beside it, then
 * renamed over path. KITH_ERR (message set) on failure; path is untouched.
 */
enum kith_rc kith_backup_export_path(struct kith *k, const char *path);

/*
 * Restore a JSON backup of len bytes (need not be NUL-terminated) into an
 * empty database, keeping every id, then rebuild the derived data. Bad
 * input (not JSON, not a backup, a missing or mistyped field, a bad date, a
 * duplicate id, a reference to a missing row) is KITH_EINPUT with a
 * message naming what and where ("people[3].birthday: ..."); a database
 * that already holds data is KITH_EINPUT too. Atomic: on failure nothing
 * is written. *n_people (may be NULL) gets the people restored.
 */
enum kith_rc kith_backup_import(struct kith *k, const char *data, size_t len, int64_t *n_people);

/*
 * Copy the open database to dest with SQLite's online backup API (a
 * consistent snapshot, even while another process writes). Written to
 * "dest.tmp" then renamed. An existing dest is refused (KITH_EINPUT)
 * unless force. *n_people (may be NULL) gets the people in the copy.
 */
enum kith_rc kith_backup_copy(struct kith *k, const char *dest, int force, int64_t *n_people);

#endif
