#ifndef KITH_ZIPUTIL_H
#define KITH_ZIPUTIL_H

/*
 * Reading the files of a .zip (libzip) with limits that a hostile archive
 * cannot get past: a number of entries, and bytes read from one entry
 * counted as they are inflated, whatever its header claims (a zip bomb is
 * refused after at most `max` bytes, not after it filled the memory).
 *
 *   struct kith_zip *z = kith_zip_open(path, 10000, err, sizeof(err));
 *   for (i = 0; i < kith_zip_count(z); i++)
 *           if (wanted(kith_zip_name(z, i)))
 *                   kith_zip_read(z, i, max, &sb, err, sizeof(err));
 *   kith_zip_close(z);
 */

#include <stddef.h>

#include "kith/strbuf.h"

struct kith_zip;

/* Open the archive at path: NULL with a reason in err when it cannot be
 * read, or has more than max_entries entries. */
struct kith_zip *kith_zip_open(const char *path, size_t max_entries, char *err, size_t errlen);

/* The number of entries, and entry i's name (valid until kith_zip_close). */
size_t kith_zip_count(const struct kith_zip *z);
const char *kith_zip_name(const struct kith_zip *z, size_t i);

/* Append entry i's bytes to out: 0, or -1 with a reason in err (larger
 * than max bytes, or damaged). */
int kith_zip_read(struct kith_zip *z, size_t i, size_t max, struct strbuf *out, char *err, size_t errlen);

/* Close the archive. NULL is accepted. */
void kith_zip_close(struct kith_zip *z);

#endif
