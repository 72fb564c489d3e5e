/*
 * libFuzzer target for the JSON backup importer (lib/backup.c): the input
 * is a backup restored into a fresh database. A rejection must be
 * KITH_EINPUT with a one-line message; an accepted backup must export,
 * restore into a second fresh database and export again to the same bytes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/backup.h"
#include "kith/kith.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define INPUT_MAX (1 << 20)

/*
 * Two in-memory databases, made once: each input is restored inside a
 * transaction that is rolled back afterwards, so every input starts from
 * the same empty database without paying for the schema each time.
 */
static struct kith *fresh(int which)
{
	static struct kith *db[2];
	if (!db[which] && kith_open(":memory:", kith_day_from_civil(2026, 11, 26), &db[which], NULL, 0) != KITH_OK)
		abort();
	if (kith_begin(db[which]) != KITH_OK)
		abort();
	return db[which];
}

static char *export_mem(struct kith *k, size_t *len)
{
	char *buf = NULL;
	FILE *fp = open_memstream(&buf, len);
	if (!fp || kith_backup_export(k, fp) != KITH_OK)
		abort();
	fclose(fp);
	return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kith *a, *b;
	enum kith_rc rc;
	char *ea, *eb;
	size_t la, lb;
	const char *msg;

	if (size > INPUT_MAX)
		return 0;
	a = fresh(0);
	rc = kith_backup_import(a, (const char *)data, size, NULL);
	if (rc != KITH_OK) {
		msg = kith_errmsg(a);
		if (rc != KITH_EINPUT || !*msg || strchr(msg, '\n'))
			abort();
		kith_rollback(a);
		return 0;
	}
	ea = export_mem(a, &la);
	b = fresh(1);
	if (kith_backup_import(b, ea, la, NULL) != KITH_OK)
		abort();
	eb = export_mem(b, &lb);
	if (la != lb || memcmp(ea, eb, la))
		abort();
	free(ea);
	free(eb);
	kith_rollback(a);
	kith_rollback(b);
	return 0;
}
