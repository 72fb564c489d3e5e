#ifndef KITH_ROWS_H
#define KITH_ROWS_H

/*
 * What the listing (filter.c) and the search (search.c) share: the person
 * columns behind a struct kith_row and how to read them, and quoting user
 * text into a one-line message. Only lib/ includes this, after internal.h.
 */

#include <stddef.h>

#include "kith/query.h"

/*
 * The columns of a struct kith_row, in the order kith_row_read expects
 * them, for "SELECT " KITH_ROW_COLUMNS " FROM person p ...".
 */
#define KITH_ROW_COLUMNS \
	"p.id, p.name, p.org, p.title, p.circle, p.created, p.last_touch," \
	" p.last_kind, p.cadence_days, p.due_on, p.overdue_on"

/*
 * Fill row from the current row of st, whose first columns are
 * KITH_ROW_COLUMNS. The strings point into st: they are valid until st is
 * stepped, reset or finalized. score is 0 and match NULL.
 */
void kith_row_read(sqlite3_stmt *st, kith_day today, struct kith_row *row);

/*
 * Write s into buf (len bytes, NUL-terminated) for quoting in a message:
 * at most about 60 bytes, cut on a character boundary with "..." added,
 * control characters as '?', so the message stays on one line. Returns buf.
 */
char *kith_quote_text(const char *s, char *buf, size_t len);

#endif
