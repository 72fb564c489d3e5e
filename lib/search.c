/*
 * `kith find`: full-text search over people (person_fts) and the notes of
 * their interactions (interaction_fts).
 *
 * The user's text never reaches FTS5's query syntax: it is cut into words
 * on whitespace and punctuation, and each word becomes a quoted prefix
 * string ("word"*), so AND, NEAR(, quotes and stars are only words. The
 * tokenizer of both tables (unicode61 remove_diacritics 2, see db.c) folds
 * case and accents on both sides, so "zoe" finds "Zoë".
 *
 * Two phases: the people whose own record matches, best BM25 first; then,
 * while there is room, the people of the newest matching interactions.
 * The second phase walks interaction_fts by rowid, newest first, which
 * FTS5 does lazily; ranking it would score every match of a common word
 * among a million notes.
 */
#include "internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kith/query.h"
#include "kith/strbuf.h"
#include "rows.h"
#include "util/xalloc.h"
#include "banned.h"

#define MAX_INPUT 1000  /* bytes of search text */
#define MAX_WORDS 32
#define DEFAULT_LIMIT 50
#define MAX_LIMIT 10000
#define MAX_MATCH 240   /* bytes of a match line, about 8 words around the hits */

/*
 * Non-ASCII code points taken as separators, like ASCII punctuation: the
 * common punctuation, symbols and emoji. The tokenizer drops them too, and
 * a query word made only of them would be a phrase without tokens, which
 * FTS5 matches with nothing, emptying the whole AND. Erring towards
 * separators is harmless: a dropped character only widens the search.
 */
static const struct range {
	uint32_t lo, hi;
} separators[] = {
	{ 0x0080, 0x00A9 }, { 0x00AB, 0x00B1 }, { 0x00B4, 0x00B4 }, { 0x00B6, 0x00B8 },
	{ 0x00BB, 0x00BB }, { 0x00BF, 0x00BF }, { 0x00D7, 0x00D7 }, { 0x00F7, 0x00F7 },
	{ 0x0300, 0x036F }, /* combining diacritics */
	{ 0x2000, 0x206F }, /* general punctuation, spaces, joiners */
	{ 0x20A0, 0x214F }, /* currency, combining marks for symbols, letterlike */
	{ 0x2190, 0x2BFF }, /* arrows, maths, technical, boxes, shapes, dingbats */
	{ 0x2E00, 0x2E7F }, /* supplemental punctuation */
	{ 0x3000, 0x3004 }, { 0x3008, 0x3020 }, { 0x302A, 0x3030 }, { 0x3036, 0x3037 },
	{ 0x303D, 0x303F }, { 0x30FB, 0x30FB }, /* CJK punctuation */
	{ 0xFE00, 0xFE1F }, /* variation selectors, vertical forms */
	{ 0xFE30, 0xFE6F }, { 0xFEFF, 0xFEFF },
	{ 0xFF01, 0xFF0F }, { 0xFF1A, 0xFF20 }, { 0xFF3B, 0xFF40 }, { 0xFF5B, 0xFF65 },
	{ 0xFFF0, 0xFFFF },
	{ 0x1F000, 0x1FAFF }, /* emoji and pictographs */
	{ 0xE0000, 0xE01EF }, /* tags, variation selectors supplement */
};

static int is_separator(uint32_t cp)
{
	if (cp < 0x80)
		return !((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'));
	for (size_t i = 0; i < sizeof(separators) / sizeof(separators[0]); i++)
		if (cp >= separators[i].lo && cp <= separators[i].hi)
			return 1;
	return 0;
}

/*
 * Decode the UTF-8 character at s (NUL-terminated). Returns its length, or
 * 0 when s does not start a valid, shortest-form character.
 */
static size_t utf8_next(const unsigned char *s, uint32_t *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF && (s[1] & 0xC0) == 0x80) {
		*cp = ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
		return 2;
	}
	if ((s[0] & 0xF0) == 0xE0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
		*cp = ((uint32_t)(s[0] & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
		return *cp >= 0x800 && (*cp < 0xD800 || *cp > 0xDFFF) ? 3 : 0;
	}
	if (s[0] >= 0xF0 && s[0] <= 0xF4 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 &&
	    (s[3] & 0xC0) == 0x80) {
		*cp = ((uint32_t)(s[0] & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
		      ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
		return *cp >= 0x10000 && *cp <= 0x10FFFF ? 4 : 0;
	}
	return 0;
}

/*
 * End a word of the FTS5 query: a prefix ("word"*), except a single letter,
 * which as a prefix would match most of the index and rank it all (BM25 for
 * every match): "a" alone is a word, not every word starting with a.
 */
static void close_word(struct strbuf *q, size_t start)
{
	strbuf_addstr(q, q->len - start <= 1 ? "\"" : "\"*");
}

/*
 * The FTS5 query for text into q: "word"* for each word, separated by
 * spaces (all must match). KITH_EINPUT with the error set when there is no
 * word or too many.
 */
static enum kith_rc build_match(struct kith *k, const char *text, struct strbuf *q)
{
	const unsigned char *p = (const unsigned char *)text;
	char quoted[80];
	int words = 0, in_word = 0;
	size_t start = 0;

	if (strlen(text) > MAX_INPUT)
		return kith_fail(k, KITH_EINPUT, "the search is too long (%d bytes at most)", MAX_INPUT);
	while (*p) {
		uint32_t cp = 0;
		size_t n = utf8_next(p, &cp);
		int sep = !n || is_separator(cp);

		if (!n)
			n = 1; /* an invalid byte separates words */
		if (sep) {
			if (in_word)
				close_word(q, start);
			in_word = 0;
		} else {
			if (!in_word) {
				if (++words > MAX_WORDS)
					return kith_fail(k, KITH_EINPUT, "too many words in the search (%d at most)",
							 MAX_WORDS);
				if (q->len)
					strbuf_addch(q, ' ');
				strbuf_addch(q, '"');
				start = q->len;
				in_word = 1;
			}
			/* a quote is a separator already; doubled all the same, as FTS5 wants */
			if (*p == '"')
				strbuf_addch(q, '"');
			strbuf_add(q, p, n);
		}
		p += n;
	}
	if (in_word)
		close_word(q, start);
	if (!words)
		return kith_fail(k, KITH_EINPUT, "nothing to search for in '%s'",
				 kith_quote_text(text, quoted, sizeof(quoted)));
	return KITH_OK;
}

static int is_blank(unsigned char c)
{
	return c == ' ' || (c && c < 0x20 && c != 1 && c != 2) || c == 0x7F;
}

/*
 * Append a snippet made with the markers \1 and \2 as one line: the
 * markers become [ and ], neighbouring highlights merge ("[school
 * project]" rather than "[school] [project]"), runs of whitespace and
 * control characters become one space, and it stops once out holds
 * MAX_MATCH bytes.
 */
static void add_snippet(struct strbuf *out, const char *s)
{
	size_t start = out->len;
	int space = 0, open = 0;

	for (size_t i = 0; s[i]; i++) {
		unsigned char c = (unsigned char)s[i];

		if (is_blank(c)) {
			space = 1;
			continue;
		}
		if (c == 2) {
			size_t j = i + 1;
			while (is_blank((unsigned char)s[j]))
				j++;
			if (s[j] == 1) {
				if (j > i + 1)
					strbuf_addch(out, ' ');
				i = j;
				continue;
			}
			if (open)
				strbuf_addch(out, ']');
			open = 0;
			continue;
		}
		if ((c & 0xC0) != 0x80 && out->len >= MAX_MATCH) {
			if (open)
				strbuf_addch(out, ']');
			strbuf_addstr(out, "…");
			return;
		}
		if (space && out->len > start)
			strbuf_addch(out, ' ');
		space = 0;
		if (c == 1) {
			if (!open)
				strbuf_addch(out, '[');
			open = 1;
		} else {
			strbuf_addch(out, (char)c);
		}
	}
	if (open)
		strbuf_addch(out, ']');
}

static int count_marks(const char *s)
{
	int n = 0;
	for (; s && *s; s++)
		n += *s == 1;
	return n;
}

struct hit {
	int64_t id;
	double score;
	kith_day date; /* of the interaction that matched */
	size_t seq;    /* order found, to keep sorting stable */
	char *match;
};

/* The people found so far, with a set of their ids (open addressing). */
struct hits {
	struct hit *v;
	size_t n, max;
	int64_t *set;
	size_t mask;
};

#define NO_ID INT64_MIN

static void hits_init(struct hits *h, size_t max)
{
	size_t cap = 16;

	while (cap < 2 * max)
		cap *= 2;
	h->v = xcalloc(max, sizeof(*h->v));
	h->n = 0;
	h->max = max;
	h->set = xmalloc(cap * sizeof(*h->set));
	for (size_t i = 0; i < cap; i++)
		h->set[i] = NO_ID;
	h->mask = cap - 1;
}

static void hits_release(struct hits *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->v[i].match);
	free(h->v);
	free(h->set);
	memset(h, 0, sizeof(*h));
}

/* Add id unless it is there already or the list is full; 1 when added. */
static int hits_add(struct hits *h, int64_t id, double score, kith_day date, char *match)
{
	size_t i = (size_t)(((uint64_t)id * 0x9E3779B97F4A7C15ULL) >> 32) & h->mask;

	if (h->n == h->max || id == NO_ID)
		return 0;
	for (; h->set[i] != NO_ID; i = (i + 1) & h->mask)
		if (h->set[i] == id)
			return 0;
	h->set[i] = id;
	h->v[h->n].id = id;
	h->v[h->n].score = score;
	h->v[h->n].date = date;
	h->v[h->n].seq = h->n;
	h->v[h->n].match = xstrdup(match);
	h->n++;
	return 1;
}

static int hits_contains(const struct hits *h, int64_t id)
{
	size_t i = (size_t)(((uint64_t)id * 0x9E3779B97F4A7C15ULL) >> 32) & h->mask;

	for (; h->set[i] != NO_ID; i = (i + 1) & h->mask)
		if (h->set[i] == id)
			return 1;
	return 0;
}

/* Newest interaction first; in the order found on the same day. */
static int by_date_desc(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;

	if (x->date != y->date)
		return x->date > y->date ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Phase 1: people whose own record matches, best first. */
static enum kith_rc find_people(struct kith *k, const char *match, struct hits *h)
{
	static const char *const labels[] = { "name", "org", "tags", "notes" };
	struct strbuf line = STRBUF_INIT;
	sqlite3_stmt *st;
	enum kith_rc rc = KITH_OK;
	int step;

	st = kith_prepare(k, "SELECT rowid, -rank,"
			     " snippet(person_fts, 0, char(1), char(2), '…', 8),"
			     " snippet(person_fts, 1, char(1), char(2), '…', 8),"
			     " snippet(person_fts, 2, char(1), char(2), '…', 8),"
			     " snippet(person_fts, 3, char(1), char(2), '…', 8)"
			     " FROM person_fts WHERE person_fts MATCH ?1 ORDER BY rank LIMIT ?2");
	if (!st)
		return KITH_ERR;
	sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, (int64_t)h->max);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		int marks[4], cols[3], n = 0;

		for (int col = 0; col < 4; col++)
			marks[col] = count_marks((const char *)sqlite3_column_text(st, 2 + col));
		/*
		 * Every other field that matched, most hits first: the words of
		 * a query may match in different fields. The name only when
		 * nothing else matched, as it is shown anyway.
		 */
		for (int col = 1; col < 4; col++) {
			int at;
			if (!marks[col])
				continue;
			for (at = n++; at > 0 && marks[cols[at - 1]] < marks[col]; at--)
				cols[at] = cols[at - 1];
			cols[at] = col;
		}
		strbuf_reset(&line);
		if (!n && marks[0])
			cols[n++] = 0;
		for (int i = 0; i < n && line.len < MAX_MATCH; i++) {
			strbuf_addf(&line, "%s%s: ", i ? "; " : "", labels[cols[i]]);
			add_snippet(&line, (const char *)sqlite3_column_text(st, 2 + cols[i]));
		}
		hits_add(h, sqlite3_column_int64(st, 0), sqlite3_column_double(st, 1), KITH_NO_DAY, line.buf);
	}
	if (step != SQLITE_DONE)
		rc = kith_fail_db(k, "cannot search people");
	sqlite3_finalize(st);
	strbuf_release(&line);
	return rc;
}

/* Phase 2: the people of the newest matching interactions, until h is full. */
static enum kith_rc find_interactions(struct kith *k, const char *match, struct hits *h)
{
	struct strbuf line = STRBUF_INIT;
	sqlite3_stmt *st = NULL, *people = NULL;
	size_t first = h->n;
	enum kith_rc rc = KITH_OK;
	int step = SQLITE_DONE;

	st = kith_prepare(k, "SELECT interaction_fts.rowid, i.date, i.kind,"
			     " snippet(interaction_fts, 0, char(1), char(2), '…', 8)"
			     " FROM interaction_fts JOIN interaction i ON i.id = interaction_fts.rowid"
			     " WHERE interaction_fts MATCH ?1 ORDER BY interaction_fts.rowid DESC LIMIT ?2");
	people = kith_prepare(k, "SELECT person_id FROM interaction_person WHERE interaction_id = ?1"
				 " ORDER BY person_id");
	if (!st || !people) {
		rc = KITH_ERR;
		goto cleanup;
	}
	sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
	/*
	 * Enough interactions to fill the list when people have several
	 * matching ones, and a bound when one person has thousands.
	 */
	sqlite3_bind_int64(st, 2, (int64_t)(4 * (h->max - first) + 64));
	while (h->n < h->max && (step = sqlite3_step(st)) == SQLITE_ROW) {
		int pstep;

		sqlite3_reset(people);
		sqlite3_bind_int64(people, 1, sqlite3_column_int64(st, 0));
		strbuf_reset(&line);
		while ((pstep = sqlite3_step(people)) == SQLITE_ROW) {
			int64_t id = sqlite3_column_int64(people, 0);
			if (hits_contains(h, id))
				continue;
			if (!line.len) {
				const char *date = (const char *)sqlite3_column_text(st, 1);
				const char *kind = (const char *)sqlite3_column_text(st, 2);
				strbuf_addf(&line, "%s %s: ", kind ? kind : "", date ? date : "");
				add_snippet(&line, (const char *)sqlite3_column_text(st, 3));
			}
			hits_add(h, id, 0, kith_column_day(st, 1), line.buf);
		}
		if (pstep != SQLITE_DONE) {
			rc = kith_fail_db(k, "cannot search interactions");
			goto cleanup;
		}
	}
	if (h->n < h->max && step != SQLITE_DONE) {
		rc = kith_fail_db(k, "cannot search interactions");
		goto cleanup;
	}
	/* logged order is nearly always date order; make it exact among those found */
	qsort(h->v + first, h->n - first, sizeof(*h->v), by_date_desc);
	for (size_t i = first; i < h->n; i++)
		h->v[i].score = -(double)(i - first + 1); /* below every BM25 score */
cleanup:
	sqlite3_finalize(st);
	sqlite3_finalize(people);
	strbuf_release(&line);
	return rc;
}

/* Call fn for each hit with its person's row. */
static enum kith_rc deliver(struct kith *k, const struct hits *h, kith_row_fn fn, void *ctx)
{
	sqlite3_stmt *st = kith_prepare(k, "SELECT " KITH_ROW_COLUMNS " FROM person p WHERE p.id = ?1");
	kith_day today = kith_get_today(k);
	enum kith_rc rc = KITH_OK;

	if (!st)
		return KITH_ERR;
	for (size_t i = 0; i < h->n; i++) {
		struct kith_row row;
		int step;

		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, h->v[i].id);
		step = sqlite3_step(st);
		if (step == SQLITE_DONE)
			continue; /* removed since it was indexed */
		if (step != SQLITE_ROW) {
			rc = kith_fail_db(k, "cannot read a person found");
			break;
		}
		kith_row_read(st, today, &row);
		row.score = h->v[i].score;
		row.match = h->v[i].match;
		if (fn(ctx, &row))
			break;
	}
	sqlite3_finalize(st);
	return rc;
}

enum kith_rc kith_find(struct kith *k, const char *text, size_t limit, kith_row_fn fn, void *ctx)
{
	struct strbuf match = STRBUF_INIT;
	struct hits h = { NULL, 0, 0, NULL, 0 };
	enum kith_rc rc;

	rc = build_match(k, text ? text : "", &match);
	if (rc != KITH_OK)
		goto cleanup;
	if (limit == 0)
		limit = DEFAULT_LIMIT;
	if (limit > MAX_LIMIT)
		limit = MAX_LIMIT;
	hits_init(&h, limit);
	rc = find_people(k, match.buf, &h);
	if (rc == KITH_OK && h.n < h.max)
		rc = find_interactions(k, match.buf, &h);
	if (rc == KITH_OK)
		rc = deliver(k, &h, fn, ctx);
cleanup:
	hits_release(&h);
	strbuf_release(&match);
	return rc;
}
