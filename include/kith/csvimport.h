#ifndef KITH_CSVIMPORT_H
#define KITH_CSVIMPORT_H

/*
 * Importing CSV exports: LinkedIn's Connections.csv (current and 2018
 * formats), messages.csv (the current column set with profile URLs and the
 * older one without), Invitations.csv, Google Contacts CSV (current and
 * legacy UTF-16 layouts), and any other CSV through a column mapping. The
 * format is recognized by the header's columns, wherever the header is in
 * the first lines (LinkedIn puts a "Notes:" preamble before it). A whole
 * LinkedIn export (its folder or its .zip) is read file by file.
 *
 *   struct kith_csv_import o = KITH_CSV_IMPORT_INIT;
 *   o.skip_bad = 1;
 *   rc = kith_csv_import_data(k, &o, data, len, "Connections.csv", &stats, &format);
 *
 * Every error is "SOURCE:LINE: reason" (or "SOURCE: reason" for the file as
 * a whole); the library changes what it has read so far, so the caller's
 * transaction must undo it when the result is not KITH_OK.
 */

#include <stddef.h>

#include "kith/contact.h"
#include "kith/kith.h"

/* ---- generic CSV: which column is which field ---- */

enum kith_csv_field {
	KITH_CSV_NAME, KITH_CSV_FIRST, KITH_CSV_LAST, KITH_CSV_EMAIL, KITH_CSV_PHONE, KITH_CSV_ORG,
	KITH_CSV_TITLE, KITH_CSV_LOCATION, KITH_CSV_NOTES, KITH_CSV_TAGS, KITH_CSV_BIRTHDAY, KITH_CSV_URL,
	KITH_CSV_MET, KITH_CSV_N_FIELDS
};

/* The fields' names as --map takes them, for messages: "name, first, ..." */
extern const char kith_csv_field_names[];

struct kith_csv_map_entry {
	char *column;              /* the header's column (owned) */
	enum kith_csv_field field;
};

struct kith_csv_map {
	struct kith_csv_map_entry *v; /* owned */
	size_t n, alloc;
};
#define KITH_CSV_MAP_INIT { NULL, 0, 0 }

/*
 * Add the pairs of a spec "Full Name=name,Mail=email" (columns separated by
 * commas, each COLUMN=FIELD; the last '=' splits, surrounding blanks are
 * ignored; a column in double quotes is taken as written, commas and '='
 * included, "" for a quote: "\"Last, First\"=name"). Fields: name, first, last, email, phone, org, title, location,
 * notes, tags, birthday, url (or linkedin), met. Several columns may feed
 * email, phone, tags and url; any other field is mapped at most once.
 * Returns 0, or -1 with a one-line reason in err (the map keeps the pairs
 * added before the bad one).
 */
int kith_csv_map_add(struct kith_csv_map *m, const char *spec, char *err, size_t errlen);
/* Free the pairs; the map is empty again. NULL is accepted. */
void kith_csv_map_release(struct kith_csv_map *m);

/* ---- options ---- */

struct kith_csv_import {
	int circle;   /* the circle of the people added (KITH_CIRCLE_NONE: no cadence) */
	int skip_bad; /* skip a row that cannot be read (told to `skipped`) instead of failing */
	/* a generic CSV (kith import csv): the header's columns by this map, no
	   recognition; NULL recognizes the exports above */
	const struct kith_csv_map *map;
	/* told (when not NULL) of each row skipped as bad: "SOURCE:LINE: reason" */
	void (*skipped)(void *ctx, const char *msg);
	/* told (when not NULL) of each file of an export folder or zip read, and
	   what it was recognized as ("LinkedIn connections") */
	void (*file)(void *ctx, const char *source, const char *format);
	void *ctx;
};
#define KITH_CSV_IMPORT_INIT { 4 /* KITH_CIRCLE_NONE */, 0, NULL, NULL, NULL, NULL }

/*
 * Merge the CSV in data (len bytes; `source` names it in messages) into the
 * network through the contact merger (include/kith/contact.h):
 *
 * - Connections.csv and Google rows: one contact each (LinkedIn by profile
 *   URL, then email, then name; Google by email, phone, name). Labels become
 *   tags; "Connected On" is the contact's connected_on. Rows without a name
 *   are skipped (counted in stats->skipped).
 * - messages.csv: each message becomes a "message" interaction with the
 *   other side, dated its day. The current column set names people by
 *   profile URL; the older one (From, To, Date, Content, with Direction or
 *   Folder, no URLs) by name: a name known to exactly one person is that
 *   person, an unknown name is added, a name several people share is
 *   skipped (counted in stats->skipped, told to `skipped`). HTML is reduced
 *   to text (at most 4000 bytes). A message logged before (same person,
 *   day and text) is counted in stats->known and not logged again.
 * - Invitations.csv: the other party (the sender of an INCOMING invitation,
 *   the invitee of an OUTGOING one) is merged by name and profile URL,
 *   dated from the invitation; an invitation with a message is also a
 *   "message" interaction on its day, logged once as above. An invitation
 *   without a message (most pending ones) adds or updates the person only:
 *   it is not a conversation, so nobody's clock is reset by it.
 * - With o->map: every row a contact, its fields from the mapped columns.
 *   A mapped column missing from the header is KITH_EINPUT naming the
 *   header's columns.
 *
 * A row that cannot be read (an unreadable date or birthday, an unknown
 * direction) is KITH_EINPUT "SOURCE:LINE: reason", or skipped with
 * o->skip_bad. A CSV syntax error ends the import either way. *format (may
 * be NULL) names what was recognized (a static string). o may be NULL
 * (KITH_CSV_IMPORT_INIT).
 */
enum kith_rc kith_csv_import_data(struct kith *k, const struct kith_csv_import *o, const char *data, size_t len,
				  const char *source, struct kith_import_stats *stats, const char **format);

/* The limits on a LinkedIn export folder or zip. */
#define KITH_EXPORT_MAX_ENTRIES 10000        /* entries in a zip, files visited in a folder */
#define KITH_EXPORT_MAX_FILE (256u << 20)     /* bytes of one CSV, uncompressed */
#define KITH_EXPORT_MAX_TOTAL (512u << 20)    /* bytes of all the CSVs read, uncompressed */

/*
 * A whole LinkedIn export: the folder at path, or the .zip at path. Reads
 * every Connections.csv, then every Invitations.csv, then every
 * messages.csv in it (names compared without case, at any depth up to 4
 * folders, in path order within each kind) through kith_csv_import_data;
 * other files are ignored. The zip's entries are limited in number, and
 * each CSV in size, by the KITH_EXPORT_* limits: a zip that passes them (a
 * zip bomb, a size that its header understates) is refused, KITH_EINPUT.
 * A folder or zip with none of the three files is KITH_EINPUT too.
 */
enum kith_rc kith_csv_import_export(struct kith *k, const struct kith_csv_import *o, const char *path,
				    struct kith_import_stats *stats);

/* The same as kith_csv_import_data with the options' defaults but circle. */
enum kith_rc kith_import_csv(struct kith *k, const char *data, size_t len, const char *source, int circle,
			     struct kith_import_stats *stats, const char **format);

/* A LinkedIn date ("30 May 2024", "1/8/18, 6:14 PM", "2023-04-22 08:18:59 UTC"),
 * or KITH_NO_DAY. */
kith_day kith_linkedin_date(const char *s);

#endif
