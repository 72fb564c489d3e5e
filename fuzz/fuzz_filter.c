/*
 * libFuzzer target for the `ls` filter parser and the `find` query builder
 * (lib/filter.c, lib/search.c).
 *
 * The input, cut on newlines, is a list of filter terms. Whatever parses
 * must list without a database error under every sort: the SQL is built
 * from fixed fragments, so no term may break it. The whole input is also a
 * search: bad input is KITH_EINPUT, never a database error (an FTS5 syntax
 * error would be one). Rejections must leave a one-line message.
 *
 * The database is a small temporary one, made on the first call and
 * removed at exit.
 */
#include "kith/interaction.h"
#include "kith/kith.h"
#include "kith/person.h"
#include "kith/query.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define INPUT_MAX 4096
#define TERMS_MAX 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct kith *k;
static char db_path[64];

static void remove_db(void)
{
	char side[80];

	kith_close(k);
	k = NULL;
	unlink(db_path);
	snprintf(side, sizeof(side), "%s-wal", db_path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", db_path);
	unlink(side);
}

static int64_t add(const char *name, const char *org, const char *title, const char *tag,
		   const char *notes, int circle)
{
	struct kith_person_change c;
	int64_t id = 0;

	kith_person_change_init(&c);
	c.name = name;
	c.org = org;
	c.title = title;
	c.notes = notes;
	c.circle = circle;
	if (tag)
		kith_strlist_push(&c.add_tags, tag);
	if (kith_person_add(k, &c, &id) != KITH_OK)
		abort();
	kith_person_change_release(&c);
	return id;
}

static void make_db(void)
{
	kith_day today = kith_day_from_civil(2026, 11, 26);
	char err[512];
	int64_t ids[3];
	int fd;

	snprintf(db_path, sizeof(db_path), "/tmp/kith-fuzz-filter-XXXXXX");
	fd = mkstemp(db_path);
	if (fd < 0)
		abort();
	close(fd);
	if (kith_open(db_path, today, &k, err, sizeof(err)) != KITH_OK) {
		fprintf(stderr, "fuzz_filter: %s\n", err);
		abort();
	}
	atexit(remove_db);
	ids[0] = add("Ada Lovelace", "Analytical Engines", "Mathematician", "mentor", "loves poetry", 0);
	ids[1] = add("Zoë Ångström", "Société Générale", "CTO", "friend", NULL, 1);
	ids[2] = add("Bob 100% _Under\\score", "Acme_Corp", NULL, "work", "\"quoted\" NEAR(notes) *", 3);
	add("Grace Hopper", "US Navy", "Rear Admiral", NULL, NULL, 2);
	if (kith_log(k, ids, 2, "coffee", today - 3, "talked about her school project", NULL) != KITH_OK ||
	    kith_log(k, ids + 2, 1, "email", today - 60, "sent the deck; AND OR NOT", NULL) != KITH_OK ||
	    kith_person_snooze(k, ids[1], today + 10) != KITH_OK)
		abort();
}

/* A message: non-empty, one line, NUL-terminated in its buffer. */
static void check_msg(const char *msg, size_t len)
{
	size_t n = strnlen(msg, len);

	if (n == 0 || n == len)
		abort();
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)msg[i] < 0x20)
			abort();
}

static int valid_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		int n = *p < 0x80 ? 0 : (*p & 0xE0) == 0xC0 ? 1 : (*p & 0xF0) == 0xE0 ? 2 : (*p & 0xF8) == 0xF0 ? 3 : -1;
		if (n < 0)
			return 0;
		p++;
		while (n--)
			if ((*p++ & 0xC0) != 0x80)
				return 0;
	}
	return 1;
}

static int check_row(void *ctx, const struct kith_row *r)
{
	int is_find = ctx != NULL;

	if (r->id < 1 || !r->name || r->circle < 0 || r->circle > 4 || r->status > KITH_STATUS_OVERDUE)
		abort();
	if (is_find && (!r->match || !valid_utf8(r->match)))
		abort();
	if (!is_find && (r->match || r->score != 0))
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char buf[INPUT_MAX + 1], err[256];
	const char *terms[TERMS_MAX];
	size_t n = 0;
	struct kith_filter f;
	enum kith_rc rc;
	int find_ctx = 1;

	if (!k)
		make_db();
	if (size > INPUT_MAX)
		size = INPUT_MAX;
	memcpy(buf, data, size);
	buf[size] = '\0';

	/* the search first: splitting writes NULs into buf */
	rc = kith_find(k, buf, size % 7, check_row, &find_ctx);
	if (rc == KITH_ERR)
		abort();
	if (rc != KITH_OK)
		check_msg(kith_errmsg(k), 512);

	for (char *p = buf; n < TERMS_MAX;) {
		char *nl = memchr(p, '\n', (size_t)(buf + size - p));
		terms[n++] = p;
		if (!nl)
			break;
		*nl = '\0';
		p = nl + 1;
	}
	kith_filter_init(&f);
	memset(err, 0, sizeof(err));
	if (kith_filter_parse(&f, terms, n, err, sizeof(err)) < 0) {
		check_msg(err, sizeof(err));
	} else {
		for (int sort = KITH_SORT_NAME; sort <= KITH_SORT_CIRCLE; sort++)
			if (kith_list(k, &f, (enum kith_sort)sort, size % 4, check_row, NULL) == KITH_ERR) {
				fprintf(stderr, "fuzz_filter: %s\n", kith_errmsg(k));
				abort();
			}
	}
	kith_filter_release(&f);
	return 0;
}
