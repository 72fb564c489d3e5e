#ifndef KITH_VCARD_H
#define KITH_VCARD_H

/*
 * Reading vCards (2.1, 3.0, 4.0) into struct kith_contact values.
 *
 * A reader is a cursor over one file's bytes: kith_vcard_reader_init takes
 * the bytes (it does not copy them when they are UTF-8; UTF-16 with a BOM
 * is converted into a buffer the reader owns), then kith_vcard_next reads
 * one card at a time. Line ends may be CRLF, LF, mixed or "\r\r\n"; folds,
 * quoted-printable soft breaks, CHARSET (UTF-8, Windows-1252, ISO-8859-1,
 * Windows-1253), undeclared Windows-1252 bytes (Windows-1253 when the file
 * declares that charset anywhere and is not UTF-8), escapes and RFC 6868 caret escapes are
 * handled. Photos and other binary properties are skipped.
 *
 * Limits: a file of at most KITH_VCARD_MAX_FILE bytes, a line of at most
 * KITH_VCARD_MAX_LINE bytes after unfolding, at most KITH_VCARD_MAX_PROPS
 * properties per card.
 */

#include <stddef.h>

#include "kith/contact.h"

#define KITH_VCARD_MAX_FILE (64u << 20)
#define KITH_VCARD_MAX_LINE (64u << 10)
#define KITH_VCARD_MAX_PROPS 1000

struct kith_vcard_reader {
	const char *p, *end;     /* the cursor and the end of the input */
	char *owned;             /* converted input (UTF-16), or NULL */
	int greek;               /* undeclared 8-bit text is Windows-1253, not -1252 */
	size_t line;             /* 1-based line number of the cursor */
	size_t card_line;        /* the line of the last card's BEGIN */
	size_t err_line;         /* the line an error refers to */
	size_t err_col;          /* its column (1-based; 0 when unknown) */
	char err[256];           /* the last error, "" when none */
	struct kith_vcard_scratch *scratch; /* the parser's buffers, kept from card to card */
};

/*
 * Start reading data[0..len). Returns 0, or -1 (with r->err) when the
 * input is too large or its encoding cannot be read; release either way.
 */
int kith_vcard_reader_init(struct kith_vcard_reader *r, const void *data, size_t len);

/*
 * Start reading other data with r (initialized or restarted before, or
 * all zero), keeping the buffers its parser grew: a folder of one-card
 * files is read with one reader. Returns as kith_vcard_reader_init; release
 * r once, at the end.
 */
int kith_vcard_reader_restart(struct kith_vcard_reader *r, const void *data, size_t len);

/* Free what the reader owns. NULL is accepted. */
void kith_vcard_reader_release(struct kith_vcard_reader *r);

/*
 * Read the next card into c (which is released and re-initialized first).
 * Returns 1 with a card, 0 at the end of the input, -1 for a card that
 * cannot be read (r->err says why, r->err_line where); the cursor is then
 * past that card, so reading can go on to the next one.
 */
int kith_vcard_next(struct kith_vcard_reader *r, struct kith_contact *c);

#endif
