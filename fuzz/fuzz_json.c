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
#include <unistd.h>

#include "kith/backup.h"
#include "kith/kith.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define INPUT_MAX (1 << 20)

static struct kith *fresh(char *path, size_t len)
{
	struct kith *k = NULL;
	int fd;

	snprintf(path, len, "%s/kith-fuzz-json-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	fd = mkstemp(path);
	if (fd < 0)
		abort();
	close(fd);
	unlink(path);
	if (kith_open(path, kith_day_from_civil(2026, 11, 26), &k, NULL, 0) != KITH_OK)
		abort();
	return k;
}

static void drop(struct kith *k, const char *path)
{
	char p[300];
	kith_close(k);
	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
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
	char pa[256], pb[256];
	struct kith *a, *b;
	enum kith_rc rc;
	char *ea, *eb;
	size_t la, lb;
	const char *msg;

	if (size > INPUT_MAX)
		return 0;
	a = fresh(pa, sizeof(pa));
	rc = kith_backup_import(a, (const char *)data, size, NULL);
	if (rc != KITH_OK) {
		msg = kith_errmsg(a);
		if (rc != KITH_EINPUT || !*msg || strchr(msg, '\n'))
			abort();
		drop(a, pa);
		return 0;
	}
	ea = export_mem(a, &la);
	b = fresh(pb, sizeof(pb));
	if (kith_backup_import(b, ea, la, NULL) != KITH_OK)
		abort();
	eb = export_mem(b, &lb);
	if (la != lb || memcmp(ea, eb, la))
		abort();
	free(ea);
	free(eb);
	drop(a, pa);
	drop(b, pb);
	return 0;
}
