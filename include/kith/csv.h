#ifndef KITH_CSV_H
#define KITH_CSV_H

/*
 * A careful RFC 4180 reader: fields separated by commas, records by CRLF
 * or LF, fields in double quotes may hold commas, line breaks and doubled
 * quotes. A UTF-8 byte order mark is skipped; UTF-16 (with its BOM, as
 * Google's legacy export) is converted to UTF-8 by kith_csv_init. Lenient
 * where real files are: a quote inside an unquoted field is kept as it is;
 * blank lines are records of one empty field (callers skip them).
 *
 *   struct kith_csv c;
 *   if (kith_csv_init(&c, data, len, err, sizeof(err)) < 0) ...
 *   while ((r = kith_csv_next(&c, err, sizeof(err))) > 0)
 *           use c.fields[0 .. c.n - 1], c.line
 *   kith_csv_release(&c);
 *
 * Limits: a field of at most 1 MiB, a record of at most 1,000 fields.
 */

#include <stddef.h>

struct kith_csv {
	char *data;        /* the input as UTF-8 (owned) */
	size_t len, pos;
	size_t line;       /* the line the current record starts on (1-based) */
	size_t next_line;
	char **fields;     /* the current record's fields (owned, valid until the next call) */
	size_t n, alloc;
	char *buf;         /* the fields' bytes */
	size_t buf_len, buf_alloc;
};

/* Take a copy of data. Returns 0, or -1 with a reason in err. */
int kith_csv_init(struct kith_csv *c, const char *data, size_t len, char *err, size_t errlen);

/* The next record: 1, 0 at the end, -1 with "line N: reason" in err. */
int kith_csv_next(struct kith_csv *c, char *err, size_t errlen);

void kith_csv_release(struct kith_csv *c);

#endif
