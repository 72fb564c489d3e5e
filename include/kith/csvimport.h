#ifndef KITH_CSVIMPORT_H
#define KITH_CSVIMPORT_H

/*
 * Importing LinkedIn's Connections.csv (current and 2018 formats) and
 * Google Contacts CSV (current and legacy UTF-16 layouts). The format is
 * recognized by the header's columns, wherever the header is in the first
 * lines (LinkedIn puts a "Notes:" preamble before it).
 */

#include <stddef.h>

#include "kith/contact.h"
#include "kith/kith.h"

/*
 * Merge every row of the CSV in data (len bytes; `source` names it in
 * messages) into the network through the contact merger: LinkedIn rows by
 * profile URL, then email, then name; Google rows by email, phone, name.
 * Labels become tags; LinkedIn's "Connected On" is the contact's
 * connected_on. Rows without a name are skipped (counted in stats). Any
 * error is "SOURCE:LINE: reason"; the caller's transaction undoes the rest.
 * *format (may be NULL) names what was recognized.
 */
enum kith_rc kith_import_csv(struct kith *k, const char *data, size_t len, const char *source, int circle,
			     struct kith_import_stats *stats, const char **format);

/* A LinkedIn date ("30 May 2024", "1/8/18, 6:14 PM", "2023-04-22 08:18:59 UTC"),
 * or KITH_NO_DAY. */
kith_day kith_linkedin_date(const char *s);

#endif
