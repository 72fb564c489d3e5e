/* Likely duplicates (see include/kith/dupes.h). */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/dupes.h"
#include "kith/strbuf.h"
#include "util/xalloc.h"
#include "banned.h"

/* The pairs told already: an open-addressing set of (a, b), a < b, 0 free. */
struct seen_pairs {
	uint64_t *v;
	size_t n, alloc;
};

static size_t slot(const struct seen_pairs *s, uint64_t key)
{
	size_t i = (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 20) & (s->alloc - 1);
	while (s->v[i] && s->v[i] != key)
		i = (i + 1) & (s->alloc - 1);
	return i;
}

static int pair_seen(struct seen_pairs *s, int64_t a, int64_t b)
{
	uint64_t key = ((uint64_t)a << 32) ^ (uint64_t)b ^ 0x8000000000000000ULL;
	if (2 * (s->n + 1) > s->alloc) {
		uint64_t *old = s->v;
		size_t old_n = s->alloc;
		s->alloc = old_n ? old_n * 2 : 256;
		s->v = xcalloc(s->alloc, sizeof(*s->v));
		for (size_t i = 0; i < old_n; i++)
			if (old[i])
				s->v[slot(s, old[i])] = old[i];
		free(old);
	}
	{
		size_t i = slot(s, key);
		if (s->v[i] == key)
			return 1;
		s->v[i] = key;
		s->n++;
	}
	return 0;
}

/*
 * Each query returns (a, b, name a, name b, evidence) with a < b; `what`
 * says what the evidence is. The name query reads the folded names through
 * a GROUP BY, so it is one pass over the people, not a join of all pairs.
 */
static const struct {
	const char *what;
	const char *sql;
} rules[] = {
	{ "same link", "SELECT x.person_id, y.person_id, pa.name, pb.name, x.url FROM person_link x"
		       " JOIN person_link y ON y.url = x.url AND y.person_id > x.person_id"
		       " JOIN person pa ON pa.id = x.person_id JOIN person pb ON pb.id = y.person_id"
		       " ORDER BY x.person_id, y.person_id" },
	{ "same email", "SELECT x.person_id, y.person_id, pa.name, pb.name, x.email FROM person_email x"
			" JOIN person_email y ON y.email_key = x.email_key AND y.person_id > x.person_id"
			" JOIN person pa ON pa.id = x.person_id JOIN person pb ON pb.id = y.person_id"
			" ORDER BY x.person_id, y.person_id" },
	/* phones by their last 9 digits, so +1 555 123 4567 is (555) 123-4567 */
	{ "same phone", "WITH twins AS (SELECT substr(phone_key, -9) AS tail FROM person_phone"
			"   WHERE length(phone_key) >= 9 GROUP BY tail HAVING count(DISTINCT person_id) > 1),"
			" tagged AS (SELECT person_id, phone, substr(phone_key, -9) AS tail FROM person_phone"
			"   WHERE length(phone_key) >= 9 AND substr(phone_key, -9) IN (SELECT tail FROM twins))"
			" SELECT x.person_id, y.person_id, pa.name, pb.name, x.phone FROM tagged x"
			" JOIN tagged y ON y.tail = x.tail AND y.person_id > x.person_id"
			" JOIN person pa ON pa.id = x.person_id JOIN person pb ON pb.id = y.person_id"
			" ORDER BY x.person_id, y.person_id" },
	{ "same name", "WITH twins AS (SELECT name_key FROM person GROUP BY name_key HAVING count(*) > 1)"
		       " SELECT a.id, b.id, a.name, b.name, a.name FROM twins t"
		       " JOIN person a ON a.name_key = t.name_key JOIN person b ON b.name_key = t.name_key AND b.id > a.id"
		       " ORDER BY a.id, b.id" },
	/* "ada l." and "ada lovelace": the same first word, and a last word of
	   one or two letters (with or without a dot) that starts the other's */
	{ "a name with an initial",
	  "WITH short AS (SELECT id, name, name_key,"
	  "   substr(name_key, 1, instr(name_key, ' ') - 1) AS first,"
	  "   rtrim(substr(name_key, instr(name_key, ' ') + 1), '.') AS initial"
	  "   FROM person WHERE instr(name_key, ' ') > 0"
	  "   AND length(rtrim(substr(name_key, instr(name_key, ' ') + 1), '.')) BETWEEN 1 AND 2)"
	  " SELECT min(s.id, p.id), max(s.id, p.id), CASE WHEN s.id < p.id THEN s.name ELSE p.name END,"
	  "   CASE WHEN s.id < p.id THEN p.name ELSE s.name END, s.name FROM short s"
	  " JOIN name_token t ON t.token = s.first JOIN person p ON p.id = t.person_id AND p.id != s.id"
	  " WHERE p.name_key LIKE s.first || ' ' || s.initial || '%' AND p.name_key != s.name_key"
	  " ORDER BY 1, 2" },
};

enum kith_rc kith_dupes(struct kith *k, int (*fn)(void *ctx, const struct kith_dupe *d), void *ctx)
{
	struct seen_pairs seen = { NULL, 0, 0 };
	enum kith_rc rc = KITH_OK;
	int stop = 0;

	for (size_t r = 0; r < sizeof(rules) / sizeof(rules[0]) && !stop && rc == KITH_OK; r++) {
		sqlite3_stmt *st = kith_prepare(k, rules[r].sql);
		int s;
		if (!st)
			return KITH_ERR;
		while (!stop && (s = sqlite3_step(st)) == SQLITE_ROW) {
			struct kith_dupe d;
			struct strbuf why = STRBUF_INIT;
			d.a = sqlite3_column_int64(st, 0);
			d.b = sqlite3_column_int64(st, 1);
			if (pair_seen(&seen, d.a, d.b))
				continue;
			d.name_a = (const char *)sqlite3_column_text(st, 2);
			d.name_b = (const char *)sqlite3_column_text(st, 3);
			if (r < 3)
				strbuf_addf(&why, "%s %s", rules[r].what, (const char *)sqlite3_column_text(st, 4));
			else
				strbuf_addstr(&why, rules[r].what);
			d.why = why.buf;
			stop = fn(ctx, &d);
			strbuf_release(&why);
		}
		if (!stop && s != SQLITE_DONE)
			rc = kith_fail_db(k, "cannot look for duplicates");
		sqlite3_finalize(st);
	}
	free(seen.v);
	return rc;
}
