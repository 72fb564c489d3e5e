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

#endif
