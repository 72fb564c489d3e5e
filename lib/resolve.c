/*
 * Naming people: by id, by email, or by a case- and accent-insensitive
 * prefix of their name or of a word in it.
 *
 * The lookup is indexed: the first word of the folded query finds
 * candidates in name_token by range (token >= q AND token < q || 0xFF),
 * then each candidate's folded name is checked against the whole query.
 */
#include "internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/person.h"
#include "kith/strbuf.h"
#include "util/fold.h"
#include "util/xalloc.h"
#include "banned.h"

#define MAX_SHOWN 5

struct candidate {
	int64_t id;
	char *name;
	int level;
};

static int parse_id(const char *s, int64_t *id)
{
	const char *p = s;
	int64_t v = 0;
	if (*p == '#')
		p++;
	if (!*p)
		return -1;
	for (; *p; p++) {
		if (!isdigit((unsigned char)*p) || v > (INT64_MAX - 9) / 10)
			return -1;
		v = v * 10 + (*p - '0');
	}
	*id = v;
	return 0;
}

static enum kith_rc by_id(struct kith *k, const char *ref, int64_t id, int64_t *out)
{
	sqlite3_stmt *st = kith_prepare(k, "SELECT 1 FROM person WHERE id = ?1");
	enum kith_rc rc;
	if (!st)
		return KITH_ERR;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*out = id;
		rc = KITH_OK;
	} else {
		rc = kith_fail(k, KITH_ENOTFOUND, "no person has the id '%s'", ref);
	}
	sqlite3_finalize(st);
	return rc;
}

static enum kith_rc by_email(struct kith *k, const char *ref, int64_t exclude, int64_t *out)
{
	sqlite3_stmt *st = kith_prepare(k, "SELECT person_id FROM person_email WHERE email_key = lower(?1)"
					   " AND person_id != ?2 ORDER BY person_id");
	enum kith_rc rc = KITH_OK;
	int n = 0;
	if (!st)
		return KITH_ERR;
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, exclude);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n++ == 0)
			*out = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (n == 0)
		rc = kith_fail(k, KITH_ENOTFOUND, "no person has the email '%.200s'", ref);
	else if (n > 1)
		rc = kith_fail(k, KITH_EAMBIG, "several people have the email '%.200s' (use an id)", ref);
	return rc;
}

static void list_candidates(struct strbuf *sb, struct candidate *c, size_t n)
{
	for (size_t i = 0; i < n && i < MAX_SHOWN; i++)
		strbuf_addf(sb, "%s'%s' #%lld", i ? (i + 1 == n ? " or " : ", ") : "", c[i].name,
			    (long long)c[i].id);
	if (n > MAX_SHOWN)
		strbuf_addf(sb, " and %zu more", n - MAX_SHOWN);
}

/*
 * Bind ?1 and ?3 to the range of tokens starting with prefix (len bytes):
 * [prefix, prefix + U+10FFFF). Bound values, not an expression, so SQLite
 * uses both ends of the range on the index.
 */
static void bind_prefix(sqlite3_stmt *st, const char *prefix, size_t len)
{
	char hi[1100];
	if (len > sizeof(hi) - 5)
		len = sizeof(hi) - 5;
	memcpy(hi, prefix, len);
	memcpy(hi + len, "\xF4\x8F\xBF\xBF", 4);
	sqlite3_bind_text(st, 1, prefix, (int)len, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, hi, (int)len + 4, SQLITE_TRANSIENT);
}

/* A few names that start like ref, for "did you mean". */
static void suggest(struct kith *k, const char *q, struct strbuf *sb)
{
	sqlite3_stmt *st;
	char pre[3] = { 0 };
	size_t n = 0;

	if (!q[0])
		return;
	pre[0] = q[0];
	pre[1] = q[1] && q[1] != ' ' ? q[1] : '\0';
	st = kith_prepare(k, "SELECT DISTINCT p.id, p.name FROM name_token t JOIN person p ON p.id = t.person_id"
			     " WHERE t.token >= ?1 AND t.token < ?3 ORDER BY p.name LIMIT 3");
	if (!st)
		return;
	bind_prefix(st, pre, strlen(pre));
	while (sqlite3_step(st) == SQLITE_ROW) {
		strbuf_addf(sb, "%s'%s' #%lld", n ? ", " : " (did you mean ", sqlite3_column_text(st, 1),
			    (long long)sqlite3_column_int64(st, 0));
		n++;
	}
	if (n)
		strbuf_addstr(sb, "?)");
	sqlite3_finalize(st);
}

/*
 * The word of the folded query that fewest name tokens start with: every
 * match has a token starting with each word, so any word finds a superset
 * of the matches, and the rarest finds the smallest ("alejandro zuk" looks
 * up "zuk", not the hundreds of Alejandros). Counting reads the index only.
 * Returns a new string.
 */
static char *rarest_word(struct kith *k, const char *q)
{
	sqlite3_stmt *st = kith_prepare(k, "SELECT count(*) FROM name_token"
					   " WHERE token >= ?1 AND token < ?3");
	char *best = NULL;
	int64_t best_n = -1;
	const char *p = q;

	for (int words = 0; *p && words < 4; words++) {
		size_t n = strcspn(p, " -");
		if (n && st) {
			int64_t count = -1;
			sqlite3_reset(st);
			bind_prefix(st, p, n);
			if (sqlite3_step(st) == SQLITE_ROW)
				count = sqlite3_column_int64(st, 0);
			if (count >= 0 && (best_n < 0 || count < best_n)) {
				free(best);
				best = xstrndup(p, n);
				best_n = count;
			}
		}
		p += n;
		while (*p == ' ' || *p == '-')
			p++;
	}
	sqlite3_finalize(st);
	return best ? best : xstrndup(q, strcspn(q, " -"));
}

enum kith_rc kith_resolve(struct kith *k, const char *ref, int64_t exclude, int64_t *out)
{
	struct candidate *cands = NULL;
	size_t n = 0, alloc = 0, n_best = 0;
	int best = 0;
	char *q = NULL, *first = NULL;
	sqlite3_stmt *st = NULL;
	enum kith_rc rc = KITH_OK;
	int64_t id;

	while (*ref == ' ')
		ref++;
	if (!*ref)
		return kith_fail(k, KITH_EINPUT, "empty person name");
	if (strlen(ref) > 1024)
		return kith_fail(k, KITH_EINPUT, "person name too long");
	if (parse_id(ref, &id) == 0)
		return by_id(k, ref, id, out);
	if (strchr(ref, '@'))
		return by_email(k, ref, exclude, out);

	q = kith_fold_dup(ref);
	first = rarest_word(k, q);
	/* the name comes from the person row only for names that match */
	st = kith_prepare(k, "SELECT t.person_id, NULL, t.name_key FROM name_token t"
			     " WHERE t.token >= ?1 AND t.token < ?3 AND t.person_id != ?2"
			     " ORDER BY t.person_id");
	if (!st) {
		rc = KITH_ERR;
		goto cleanup;
	}
	bind_prefix(st, first, strlen(first));
	sqlite3_bind_int64(st, 2, exclude);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(st, 2);
		int level = key ? kith_name_level(key, q) : 0;
		if (!level || (n && cands[n - 1].id == sqlite3_column_int64(st, 0)))
			continue; /* no match, or a second word of the same name */
		if (n == alloc) {
			alloc = alloc ? alloc * 2 : 8;
			cands = xrealloc(cands, alloc * sizeof(*cands));
		}
		cands[n].id = sqlite3_column_int64(st, 0);
		cands[n].name = NULL; /* read only for the ones listed */
		cands[n].level = level;
		if (level > best) {
			best = level;
			n_best = 0;
		}
		n_best += level == best;
		n++;
	}

	if (n && n_best == 1) {
		for (size_t i = 0; i < n; i++)
			if (cands[i].level == best)
				*out = cands[i].id;
	} else if (n == 0) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "no person matches '%.200s'", ref);
		suggest(k, q, &sb);
		rc = kith_fail(k, KITH_ENOTFOUND, "%s", sb.buf);
		strbuf_release(&sb);
	} else {
		struct strbuf sb = STRBUF_INIT;
		size_t shown = n_best;
		struct candidate *list = cands;
		/* list the best matches first: they are the ones in doubt */
		{
			size_t j = 0;
			for (size_t i = 0; i < n; i++)
				if (cands[i].level == best) {
					struct candidate t = cands[j];
					cands[j++] = cands[i];
					cands[i] = t;
				}
		}
		for (size_t i = 0; i < shown && i < MAX_SHOWN; i++) {
			char name[256];
			cands[i].name = xstrdup(kith_person_name(k, cands[i].id, name, sizeof(name)));
		}
		strbuf_addf(&sb, "'%.200s' matches %zu people: ", ref, shown);
		list_candidates(&sb, list, shown);
		strbuf_addstr(&sb, " (use the id or more of the name)");
		rc = kith_fail(k, KITH_EAMBIG, "%s", sb.buf);
		strbuf_release(&sb);
	}
cleanup:
	for (size_t i = 0; i < n; i++)
		free(cands[i].name);
	free(cands);
	free(q);
	free(first);
	sqlite3_finalize(st);
	return rc;
}

enum kith_rc kith_resolve_list(struct kith *k, const char *refs, int64_t **ids, size_t *n)
{
	int64_t *v = NULL;
	size_t count = 0, alloc = 0;
	const char *p = refs;
	enum kith_rc rc = KITH_OK;

	*ids = NULL;
	*n = 0;
	while (*p) {
		size_t len = strcspn(p, ",");
		char *one = xstrndup(p, len);
		char *s = one;
		int64_t id;
		size_t l;

		while (*s == ' ')
			s++;
		l = strlen(s);
		while (l && s[l - 1] == ' ')
			s[--l] = '\0';
		if (*s) {
			rc = kith_resolve(k, s, 0, &id);
			if (rc != KITH_OK) {
				free(one);
				free(v);
				return rc;
			}
			{
				int dup = 0;
				for (size_t i = 0; i < count; i++)
					dup |= v[i] == id;
				if (!dup) {
					if (count == alloc) {
						alloc = alloc ? alloc * 2 : 4;
						v = xrealloc(v, alloc * sizeof(*v));
					}
					v[count++] = id;
				}
			}
		}
		free(one);
		p += len;
		if (*p == ',')
			p++;
	}
	if (!count) {
		free(v);
		return kith_fail(k, KITH_EINPUT, "no person named in '%.200s'", refs);
	}
	*ids = v;
	*n = count;
	return KITH_OK;
}
