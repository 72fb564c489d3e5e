#ifndef KITH_FOLD_H
#define KITH_FOLD_H

/*
 * Folding text for matching: "Zoë  ÅNGSTRÖM" -> "zoe angstrom".
 *
 * Lowercases ASCII, maps the accented Latin letters of Latin-1 and Latin
 * Extended-A to their base letters (ß -> ss, æ -> ae, œ -> oe, ø -> o,
 * ł -> l, ...), collapses runs of whitespace into one space and trims the
 * ends. Other characters are copied unchanged; invalid UTF-8 bytes are
 * copied as they are. Names are matched on this form, so "zoe" finds
 * "Zoë" and "ZOE".
 */

#include "kith/strbuf.h"

/* Append the folded form of s to out. */
void kith_fold(const char *s, struct strbuf *out);

/* A new folded copy of s (free() it). */
char *kith_fold_dup(const char *s);

/*
 * How well a folded query q names a folded name key: 3 the whole name, 2
 * whole words ("ada" in "ada lovelace"), 1 a prefix of the name or of a
 * word in it (words split at spaces and hyphens), 0 not at all. The best
 * level wins when names are matched, so "ada" picks Ada Lovelace over Adam.
 */
int kith_name_level(const char *key, const char *q);

/* A copy of s without leading and trailing spaces, tabs, CRs and LFs (inner
 * ones kept, for notes); NULL when s is NULL or nothing is left. */
char *kith_trim_dup(const char *s);

/* Append the first line of s, cut to max bytes on a UTF-8 boundary and
 * ended with "…" when cut. */
void kith_add_short(struct strbuf *sb, const char *s, size_t max);

#endif
