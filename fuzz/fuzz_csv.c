/*
 * Fuzz target: the RFC 4180 reader (lib/csv.c) on any bytes, then the CSV
 * importers (lib/csvimport.c) on the same bytes in a transaction that is
 * rolled back: recognized by header (Connections, messages old and new,
 * Invitations, Google), with and without --skip-bad, and as a generic CSV
 * with every header column mapped to a field. An import either succeeds or
 * fails with KITH_EINPUT and a one-line message; nothing crashes or reads
 * past its input.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kith/csv.h"
#include "kith/csvimport.h"
#include "kith/kith.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct kith *db;
static char db_path[256];

static void db_close(void)
{
	char p[300];
	kith_close(db);
	unlink(db_path);
	snprintf(p, sizeof(p), "%s-wal", db_path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", db_path);
	unlink(p);
}

static struct kith *db_get(void)
{
	int fd;
	if (db)
		return db;
	snprintf(db_path, sizeof(db_path), "%s/kith-fuzz-csv-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	fd = mkstemp(db_path);
	if (fd < 0)
		abort();
	close(fd);
	unlink(db_path);
	if (kith_open(db_path, kith_day_from_civil(2026, 11, 26), &db, NULL, 0) != KITH_OK)
		abort();
	atexit(db_close);
	return db;
}

static void skipped(void *ctx, const char *msg)
{
	(void)ctx;
	if (!*msg || strchr(msg, '\n'))
		abort();
}

/* Import data with o; the result must be OK or EINPUT with a one-line message. */
static void import(const char *data, size_t size, const struct kith_csv_import *o)
{
	struct kith *k = db_get();
	struct kith_import_stats st = { 0, 0, 0, 0, 0, 0 };
	enum kith_rc rc;

	if (kith_begin(k) != KITH_OK)
		abort();
	rc = kith_csv_import_data(k, o, data, size, "fuzz.csv", &st, NULL);
	if (rc != KITH_OK) {
		const char *msg = kith_errmsg(k);
		if (rc != KITH_EINPUT || strncmp(msg, "fuzz.csv:", 9) || strchr(msg, '\n'))
			abort();
	}
	kith_rollback(k);
}

/* Each column of the first record mapped to a field, in turn. */
static void map_header(const char *data, size_t size, struct kith_csv_map *m)
{
	struct kith_csv c;
	char err[128];
	if (kith_csv_init(&c, data, size, err, sizeof(err)) < 0)
		return;
	if (kith_csv_next(&c, err, sizeof(err)) > 0) {
		m->v = calloc(c.n, sizeof(*m->v));
		for (size_t i = 0; i < c.n; i++) {
			m->v[i].column = strdup(c.fields[i]);
			m->v[i].field = (enum kith_csv_field)(i % KITH_CSV_N_FIELDS);
		}
		m->n = m->alloc = c.n;
	}
	kith_csv_release(&c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kith_csv c;
	struct kith_csv_import o = KITH_CSV_IMPORT_INIT;
	struct kith_csv_map map = KITH_CSV_MAP_INIT;
	char err[128];
	char *copy;
	int r;
	size_t records = 0;

	if (size > (1 << 20))
		return 0;
	if (kith_csv_init(&c, (const char *)data, size, err, sizeof(err)) < 0)
		return 0;
	while ((r = kith_csv_next(&c, err, sizeof(err))) > 0) {
		/* every field is a NUL-terminated string inside the buffer */
		for (size_t i = 0; i < c.n; i++)
			if (strlen(c.fields[i]) > c.len)
				abort();
		if (c.n == 0 || c.line == 0)
			abort();
		if (++records > size + 1)
			abort(); /* progress: a record consumes input */
	}
	if (r < 0 && !strstr(err, "line "))
		abort();
	kith_csv_release(&c);

	/* the importers, on a copy of exactly size bytes */
	copy = malloc(size ? size : 1);
	if (size)
		memcpy(copy, data, size);
	o.skipped = skipped;
	import(copy, size, &o);
	o.skip_bad = 1;
	import(copy, size, &o);
	map_header(copy, size, &map);
	if (map.n) {
		o.map = &map;
		import(copy, size, &o);
	}
	kith_csv_map_release(&map);
	free(copy);
	return 0;
}
