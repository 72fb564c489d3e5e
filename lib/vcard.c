/*
 * vCard reader (2.1, 3.0, 4.0): a cursor over a file's bytes that gives one
 * struct kith_contact per card. See include/kith/vcard.h.
 *
 * Reading happens in three steps: physical lines are joined into logical
 * lines (folds, quoted-printable soft breaks, stray lines without a colon),
 * as bytes, so a fold through a UTF-8 sequence rejoins it; a logical line is
 * split into group, name, parameters and value; the value is decoded
 * (quoted-printable, charset, escapes) only for the properties kith keeps.
 */
#define _GNU_SOURCE /* memmem */
#include "kith/vcard.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kith/person.h"
#include "kith/strbuf.h"
#include "util/fold.h"
#include "util/xalloc.h"

#include "banned.h"

/* ---- encodings ---- */

/* Windows-1252 0x80..0x9F (0 where undefined: kept as U+FFFD). */
static const uint16_t cp1252_hi[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

static void put_utf8(struct strbuf *sb, uint32_t cp)
{
	char b[4];
	if (cp < 0x80) {
		strbuf_addch(sb, (int)cp);
	} else if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3F));
		strbuf_add(sb, b, 2);
	} else if (cp < 0x10000) {
		b[0] = (char)(0xE0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		strbuf_add(sb, b, 3);
	} else {
		b[0] = (char)(0xF0 | (cp >> 18));
		b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[3] = (char)(0x80 | (cp & 0x3F));
		strbuf_add(sb, b, 4);
	}
}

/* Length of the valid UTF-8 sequence at s (n bytes left), or 0. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	size_t len, i;
	uint32_t cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		len = 2, cp = s[0] & 0x1F;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		len = 3, cp = s[0] & 0x0F;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
		return 0;
	return len;
}

static int valid_utf8(const char *s, size_t n)
{
	size_t i = 0, l;
	while (i < n) {
		if (!(l = utf8_seq((const unsigned char *)s + i, n - i)))
			return 0;
		i += l;
	}
	return 1;
}

static void from_cp1252(const char *s, size_t n, struct strbuf *out, int latin1)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch < 0x80)
			strbuf_addch(out, ch);
		else if (ch < 0xA0 && !latin1)
			put_utf8(out, cp1252_hi[ch - 0x80] ? cp1252_hi[ch - 0x80] : 0xFFFD);
		else
			put_utf8(out, ch);
	}
}

/* Windows-1253 (Greek) 0xA0..0xFF; 0 where it is Latin-1's character. */
static uint32_t cp1253_hi(unsigned char ch)
{
	if (ch == 0xA1)
		return 0x0385;
	if (ch == 0xA2)
		return 0x0386;
	if (ch == 0xB4)
		return 0x0384;
	if (ch >= 0xB8 && ch <= 0xBA)
		return 0x0388 + (ch - 0xB8);
	if (ch == 0xBC)
		return 0x038C;
	if (ch == 0xBE || ch == 0xBF)
		return 0x038E + (ch - 0xBE);
	if (ch >= 0xC0 && ch <= 0xFE && ch != 0xD2)
		return 0x0390 + (ch - 0xC0);
	if (ch == 0xD2 || ch == 0xFF)
		return 0xFFFD;
	return 0;
}

static void from_cp1253(const char *s, size_t n, struct strbuf *out)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch >= 0xA0 && cp1253_hi(ch))
			put_utf8(out, cp1253_hi(ch));
		else
			from_cp1252(s + i, 1, out, 0);
	}
}

/* UTF-16 (le or be) to UTF-8 into out; lone surrogates become U+FFFD. */
static void from_utf16(const unsigned char *s, size_t n, int le, struct strbuf *out)
{
	for (size_t i = 0; i + 1 < n; i += 2) {
		uint32_t u = le ? (uint32_t)(s[i] | s[i + 1] << 8) : (uint32_t)(s[i] << 8 | s[i + 1]);
		if (u >= 0xD800 && u <= 0xDBFF && i + 3 < n) {
			uint32_t lo = le ? (uint32_t)(s[i + 2] | s[i + 3] << 8) : (uint32_t)(s[i + 2] << 8 | s[i + 3]);
			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				put_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00));
				i += 2;
				continue;
			}
		}
		if (u >= 0xD800 && u <= 0xDFFF)
			u = 0xFFFD;
		if (u == 0)
			u = 0xFFFD;
		put_utf8(out, u);
	}
}

/* ---- the reader ---- */

static void set_err(struct kith_vcard_reader *r, size_t line, size_t col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void set_err(struct kith_vcard_reader *r, size_t line, size_t col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->err, sizeof(r->err), fmt, ap);
	va_end(ap);
	r->err_line = line;
	r->err_col = col;
}

static int ci_contains(const char *s, size_t n, const char *needle);

/*
 * Does the input declare CHARSET=WINDOWS-1253 anywhere? This runs over
 * whole files, so the digits are found with memmem() and only what
 * precedes them is compared: 7 instructions a byte became a fraction.
 */
static int declares_1253(const char *s, size_t n)
{
	static const char pre[] = "CHARSET=WINDOWS";
	const size_t pl = sizeof(pre) - 1;
	const char *p = s, *end = s + n;

	while ((p = memmem(p, (size_t)(end - p), "-1253", 5))) {
		if ((size_t)(p - s) >= pl && ci_contains(p - pl, pl, pre))
			return 1;
		p += 5;
	}
	return 0;
}

int kith_vcard_reader_init(struct kith_vcard_reader *r, const void *data, size_t len)
{
	const unsigned char *d = data;

	memset(r, 0, sizeof(*r));
	r->line = 1;
	if (len > KITH_VCARD_MAX_FILE) {
		set_err(r, 0, 0, "the file is too large (%u MiB at most)", KITH_VCARD_MAX_FILE >> 20);
		return -1;
	}
	if (len >= 2 && ((d[0] == 0xFF && d[1] == 0xFE) || (d[0] == 0xFE && d[1] == 0xFF))) {
		struct strbuf sb = STRBUF_INIT;
		from_utf16(d + 2, len - 2, d[0] == 0xFF, &sb);
		r->p = r->owned = strbuf_detach(&sb);
		r->end = r->p + strlen(r->owned);
		return 0;
	}
	if (len >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF)
		d += 3, len -= 3;
	r->p = (const char *)d;
	r->end = r->p + len;
	r->greek = declares_1253(r->p, len) && !valid_utf8(r->p, len);
	return 0;
}

/* One physical line at r->p without its line end; advances the cursor. */
static int phys_line(struct kith_vcard_reader *r, const char **s, size_t *n)
{
	const char *nl;
	size_t len;

	if (r->p >= r->end)
		return 0;
	nl = memchr(r->p, '\n', (size_t)(r->end - r->p));
	len = nl ? (size_t)(nl - r->p) : (size_t)(r->end - r->p);
	*s = r->p;
	while (len && (*s)[len - 1] == '\r')
		len--;
	*n = len;
	r->p = nl ? nl + 1 : r->end;
	r->line++;
	return 1;
}

/* Case-insensitive search for needle (upper case) in s[0..n). It runs over
 * whole files: the first character is compared without toupper() (a byte
 * with bit 5 cleared is an upper-case letter only if it was a letter). */
static int ci_contains(const char *s, size_t n, const char *needle)
{
	size_t m = strlen(needle);
	unsigned char first = (unsigned char)needle[0];
	unsigned char mask = first >= 'A' && first <= 'Z' ? 0xDF : 0xFF;
	for (size_t i = 0; i + m <= n; i++) {
		size_t j = 1;
		if (((unsigned char)s[i] & mask) != first)
			continue;
		while (j < m && toupper((unsigned char)s[i + j]) == needle[j])
			j++;
		if (j == m)
			return 1;
	}
	return 0;
}

/* Offset of the ':' that ends the name and parameters (quotes respected), or n. */
static size_t colon_at(const char *s, size_t n)
{
	int q = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			q = !q;
		else if (s[i] == ':' && !q)
			return i;
	}
	return n;
}

struct logical {
	struct strbuf sb;
	size_t line;   /* where it starts */
	int overflow;  /* longer than the limit: the rest was dropped */
};

/*
 * A value split into parts (split_text): each part NUL-terminated in sb,
 * starting at off[i]. No allocation per part.
 */
struct parts {
	struct strbuf sb;
	size_t *off;
	size_t n, alloc;
};

/*
 * What the parser writes into as it goes, kept by the reader from card to
 * card and property to property: a card of ten properties allocated its
 * buffers some forty times before.
 */
struct kith_vcard_scratch {
	struct logical lg;  /* the logical line */
	struct strbuf val;  /* a property's decoded value */
	struct parts parts; /* the value split */
	struct strbuf tmp;  /* a value assembled from parts (N, ADR) */
};

int kith_vcard_reader_restart(struct kith_vcard_reader *r, const void *data, size_t len)
{
	struct kith_vcard_scratch *sc = r->scratch;
	int rc;

	free(r->owned);
	rc = kith_vcard_reader_init(r, data, len);
	r->scratch = sc;
	return rc;
}

void kith_vcard_reader_release(struct kith_vcard_reader *r)
{
	if (!r)
		return;
	free(r->owned);
	r->owned = NULL;
	r->p = r->end = NULL;
	if (r->scratch) {
		strbuf_release(&r->scratch->lg.sb);
		strbuf_release(&r->scratch->val);
		strbuf_release(&r->scratch->parts.sb);
		free(r->scratch->parts.off);
		strbuf_release(&r->scratch->tmp);
		free(r->scratch);
		r->scratch = NULL;
	}
}

static void lg_add(struct logical *lg, const char *s, size_t n)
{
	if (lg->overflow)
		return;
	if (lg->sb.len + n > KITH_VCARD_MAX_LINE) {
		/* keep what fits: the name still tells what the line was */
		strbuf_add(&lg->sb, s, KITH_VCARD_MAX_LINE - lg->sb.len);
		lg->overflow = 1;
		return;
	}
	strbuf_add(&lg->sb, s, n);
}

/* After an empty line: is the next non-empty line text without a colon? */
static int blank_then_text(const struct kith_vcard_reader *r)
{
	const char *p = r->p, *nl;
	while (p < r->end && (*p == '\r' || *p == '\n'))
		p++;
	if (p >= r->end || *p == ' ' || *p == '\t')
		return 0;
	nl = memchr(p, '\n', (size_t)(r->end - p));
	return !memchr(p, ':', nl ? (size_t)(nl - p) : (size_t)(r->end - p));
}

/*
 * The next logical line into lg. Continuations: a line starting with a
 * space or tab (fold); any line after a quoted-printable value ending in
 * '=' (soft break); a line without a colon (a raw line break inside a
 * value, or the body of an unindented base64 block).
 */
static int logical_line(struct kith_vcard_reader *r, struct logical *lg)
{
	const char *s;
	size_t n;
	int qp = -1;

	strbuf_reset(&lg->sb);
	lg->overflow = 0;
	lg->line = r->line;
	if (!phys_line(r, &s, &n))
		return 0;
	lg_add(lg, s, n);
	if ((n >= 6 && !strncasecmp(s, "BEGIN:", 6)) || (n >= 4 && !strncasecmp(s, "END:", 4)))
		return 1; /* a card's edges never continue */
	while (r->p < r->end) {
		const char *save = r->p;
		size_t save_line = r->line;
		if (qp < 0) {
			size_t c = colon_at(lg->sb.buf, lg->sb.len);
			if (c < lg->sb.len)
				qp = ci_contains(lg->sb.buf, c, "QUOTED-PRINTABLE");
		}
		phys_line(r, &s, &n);
		if (qp > 0 && lg->sb.len && lg->sb.buf[lg->sb.len - 1] == '=' && !lg->overflow) {
			strbuf_setlen(&lg->sb, lg->sb.len - 1);
			lg_add(lg, s, n);
		} else if (n && (s[0] == ' ' || s[0] == '\t')) {
			lg_add(lg, s + 1, n - 1);
		} else if (!n && blank_then_text(r)) {
			lg_add(lg, "\n", 1);
		} else if (n && !memchr(s, ':', n)) {
			lg_add(lg, "\n", 1);
			lg_add(lg, s, n);
		} else {
			r->p = save;
			r->line = save_line;
			break;
		}
	}
	return 1;
}

/* ---- properties ---- */

struct prop {
	const char *group, *name; /* NUL-terminated inside the line buffer */
	char *value;
	size_t vlen;
	int qp, b64;
	char charset[32];
	char vtype[16];           /* VALUE=... */
	int linkedin;             /* a TYPE=linkedin parameter */
	char label[128];          /* LABEL=... (kith's X-KITH-DATE) */
	int greek;                /* the reader's guess for undeclared 8-bit text */
};

/* RFC 6868: ^n newline, ^' double quote, ^^ caret. In place. */
static size_t caret_decode(char *s, size_t n)
{
	size_t i, o = 0;
	for (i = 0; i < n; i++) {
		if (s[i] == '^' && i + 1 < n && (s[i + 1] == 'n' || s[i + 1] == 'N' || s[i + 1] == '\'' || s[i + 1] == '^')) {
			char c = s[i + 1];
			s[o++] = c == '\'' ? '"' : c == '^' ? '^' : '\n';
			i++;
		} else {
			s[o++] = s[i];
		}
	}
	return o;
}

static void copy_param(char *dst, size_t len, const char *s, size_t n)
{
	if (n >= len)
		n = len - 1;
	memcpy(dst, s, n);
	dst[n] = '\0';
}

static void note_param(struct prop *pr, char *pn, size_t pnl, char *pv, size_t pvl)
{
	if (!pv) {
		/* 2.1 bare parameter */
		if (pnl == 16 && ci_contains(pn, pnl, "QUOTED-PRINTABLE"))
			pr->qp = 1;
		else if ((pnl == 6 && ci_contains(pn, pnl, "BASE64")) || (pnl == 1 && toupper((unsigned char)pn[0]) == 'B'))
			pr->b64 = 1;
		else if (pnl == 8 && ci_contains(pn, pnl, "LINKEDIN"))
			pr->linkedin = 1;
		return;
	}
	pvl = caret_decode(pv, pvl);
	if (pnl == 8 && ci_contains(pn, pnl, "ENCODING")) {
		if (ci_contains(pv, pvl, "QUOTED-PRINTABLE"))
			pr->qp = 1;
		else
			pr->b64 = 1;
	} else if (pnl == 7 && ci_contains(pn, pnl, "CHARSET")) {
		copy_param(pr->charset, sizeof(pr->charset), pv, pvl);
	} else if (pnl == 5 && ci_contains(pn, pnl, "LABEL")) {
		copy_param(pr->label, sizeof(pr->label), pv, pvl);
	} else if (pnl == 5 && ci_contains(pn, pnl, "VALUE")) {
		copy_param(pr->vtype, sizeof(pr->vtype), pv, pvl);
	} else if (pnl == 4 && ci_contains(pn, pnl, "TYPE")) {
		if (ci_contains(pv, pvl, "LINKEDIN"))
			pr->linkedin = 1;
		if (ci_contains(pv, pvl, "QUOTED-PRINTABLE"))
			pr->qp = 1;
	}
}

/* Split a logical line (modified in place). -1 when it has no name or colon. */
static int parse_prop(char *s, size_t n, struct prop *pr)
{
	size_t c = colon_at(s, n), i, start;
	char *dot;

	memset(pr, 0, sizeof(*pr));
	if (c == n)
		return -1;
	for (i = 0; i < c && s[i] != ';'; i++)
		if (s[i] >= 'a' && s[i] <= 'z')
			s[i] = (char)(s[i] - 'a' + 'A'); /* names are case-insensitive: compared as upper case */
	if (i == 0)
		return -1;
	pr->name = s;
	start = i;
	while (start < c) {
		/* s[start] == ';' */
		size_t pn = ++start, eq = 0;
		int q = 0;
		for (i = pn; i < c && (q || s[i] != ';'); i++) {
			if (s[i] == '"')
				q = !q;
			else if (s[i] == '=' && !eq && !q)
				eq = i;
		}
		if (i > pn) {
			if (eq) {
				char *pv = s + eq + 1;
				size_t pvl = i - eq - 1;
				if (pvl >= 2 && pv[0] == '"' && pv[pvl - 1] == '"')
					pv++, pvl -= 2;
				note_param(pr, s + pn, eq - pn, pv, pvl);
			} else {
				note_param(pr, s + pn, i - pn, NULL, 0);
			}
		}
		start = i;
	}
	for (i = 0; i < c && s[i] != ';'; i++)
		;
	s[i] = '\0';
	s[c] = '\0';
	dot = strrchr(s, '.');
	if (dot) {
		*dot = '\0';
		pr->group = s;
		pr->name = dot + 1;
	}
	pr->value = s + c + 1;
	pr->vlen = n - c - 1;
	return 0;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = toupper(c);
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * The value as UTF-8 text (quoted-printable and charset decoded), NUL
 * terminated: *text, *len. Most values are UTF-8 as they stand; then it is
 * the value itself, in the line, not a copy in out.
 */
static void decode_value(const struct prop *pr, struct strbuf *out, const char **text, size_t *len)
{
	struct strbuf raw = STRBUF_INIT;
	const char *v = pr->value;
	size_t n = pr->vlen;
	int latin;

	strbuf_reset(out);
	if (!pr->qp && !pr->charset[0] && !pr->greek && valid_utf8(v, n)) {
		*text = v;
		*len = n;
		return;
	}
	if (pr->qp) {
		for (size_t i = 0; i < n; i++) {
			int h, l;
			if (v[i] == '=' && i + 2 < n && (h = hexval((unsigned char)v[i + 1])) >= 0 &&
			    (l = hexval((unsigned char)v[i + 2])) >= 0) {
				strbuf_addch(&raw, h * 16 + l);
				i += 2;
			} else if (v[i] == '=' && (i + 1 == n || v[i + 1] == '\n')) {
				if (i + 1 < n)
					i++;
			} else {
				strbuf_addch(&raw, (unsigned char)v[i]);
			}
		}
		v = raw.buf;
		n = raw.len;
	}
	latin = pr->charset[0] && (ci_contains(pr->charset, strlen(pr->charset), "1252") ||
				   ci_contains(pr->charset, strlen(pr->charset), "8859-1") ||
				   ci_contains(pr->charset, strlen(pr->charset), "LATIN1"));
	if (pr->charset[0] ? ci_contains(pr->charset, strlen(pr->charset), "1253")
			   : pr->greek && !valid_utf8(v, n))
		from_cp1253(v, n, out);
	else if (!latin && valid_utf8(v, n))
		strbuf_add(out, v, n);
	else
		from_cp1252(v, n, out, 0);
	strbuf_release(&raw);
	*text = out->buf;
	*len = out->len;
}

/* A new part starts at the end of ps->sb. */
static void parts_mark(struct parts *ps)
{
	if (ps->n == ps->alloc) {
		ps->alloc = ps->alloc ? 2 * ps->alloc : 8;
		ps->off = xrealloc(ps->off, ps->alloc * sizeof(*ps->off));
	}
	ps->off[ps->n++] = ps->sb.len;
}

/* Part i (i < ps->n). */
static const char *part(const struct parts *ps, size_t i)
{
	return ps->sb.buf + ps->off[i];
}

/*
 * Split text on unescaped sep (0: no split) and unescape each part
 * (\n \N newline, \, \; \\ and any other escaped character as itself).
 * With also_escaped, an escaped sep splits too. There is always a part.
 */
static void split_text(const char *s, size_t n, char sep, int also_escaped, struct parts *out)
{
	size_t i = 0;

	strbuf_reset(&out->sb);
	out->n = 0;
	parts_mark(out);
	for (;;) {
		/* a run of plain bytes at once */
		size_t j = i;
		while (j < n && s[j] != '\\' && !(sep && s[j] == sep))
			j++;
		strbuf_add(&out->sb, s + i, j - i);
		i = j;
		if (i == n)
			break;
		if (sep && s[i] == sep) {
			strbuf_addch(&out->sb, '\0');
			parts_mark(out);
			i++;
		} else if (i + 1 < n) { /* a backslash */
			char c = s[++i];
			if (c == 'n' || c == 'N') {
				strbuf_addch(&out->sb, '\n');
			} else if (sep && c == sep && also_escaped) {
				strbuf_addch(&out->sb, '\0');
				parts_mark(out);
			} else {
				strbuf_addch(&out->sb, c);
			}
			i++;
		} else { /* a backslash at the end */
			strbuf_addch(&out->sb, s[i]);
			i++;
		}
	}
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Trim and collapse runs of whitespace (also newlines) into one space;
 * NULL when nothing is left. One allocation, of the input's size. */
static char *one_line(const char *s)
{
	char *out, *w;

	while (is_space(*s))
		s++;
	if (!*s)
		return NULL;
	out = w = xmalloc(strlen(s) + 1);
	for (;;) {
		while (*s && !is_space(*s))
			*w++ = *s++;
		while (is_space(*s))
			s++;
		if (!*s)
			break;
		*w++ = ' ';
	}
	*w = '\0';
	return out;
}

/* The first part of a value split on sep (0: no split), unescaped, on one
 * line: the text of most properties. NULL when nothing is left. */
static char *first_part(const char *v, size_t n, char sep, struct parts *ps)
{
	split_text(v, n, sep, 0, ps);
	return one_line(part(ps, 0));
}

static int digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/* A BDAY value into "YYYY-MM-DD" or "--MM-DD"; NULL when it is no date. */
static char *parse_bday(const char *v)
{
	char tmp[16], out[16];
	size_t n;
	int md;

	while (*v == ' ')
		v++;
	n = strcspn(v, "T ");
	if (n >= sizeof(tmp))
		return NULL;
	memcpy(tmp, v, n);
	tmp[n] = '\0';
	/* into "YYYY-MM-DD" or "--MM-DD", by hand (snprintf() is costly for it) */
	if (n == 6 && !memcmp(tmp, "--", 2) && digits(tmp + 2, 4)) {
		memcpy(out, tmp, 4);
		out[4] = '-';
		memcpy(out + 5, tmp + 4, 3);
	} else if (n == 7 && !memcmp(tmp, "--", 2) && digits(tmp + 2, 2) && tmp[4] == '-' && digits(tmp + 5, 2)) {
		memcpy(out, tmp, 8);
	} else if (n == 8 && digits(tmp, 8)) {
		memcpy(out, tmp, 4);
		out[4] = '-';
		memcpy(out + 5, tmp + 4, 2);
		out[7] = '-';
		memcpy(out + 8, tmp + 6, 3);
	} else if (n == 10 && digits(tmp, 4) && tmp[4] == '-' && digits(tmp + 5, 2) && tmp[7] == '-' && digits(tmp + 8, 2)) {
		memcpy(out, tmp, 11);
	} else {
		return NULL;
	}
	if (!memcmp(out, "1604-", 5)) { /* Apple/CardBook: no year */
		memmove(out + 2, out + 5, 6);
		out[0] = out[1] = '-';
	}
	if (kith_birthday_parse(out, tmp, &md))
		return NULL;
	return xstrdup(tmp);
}

/* The properties kith reads; P_SKIP: binary ones, never decoded. */
enum prop_kind {
	P_OTHER, P_SKIP, P_FN, P_N, P_NICKNAME, P_ORG, P_TITLE, P_NOTE, P_EMAIL, P_TEL, P_URL,
	P_CATEGORIES, P_BDAY, P_UID, P_ADR, P_KITH_CIRCLE, P_KITH_CADENCE, P_KITH_ROLE, P_KITH_MET,
	P_KITH_LOCATION, P_KITH_GOAL, P_KITH_DATE
};

static const struct {
	const char *name;
	enum prop_kind kind;
} prop_names[] = {
	{ "FN", P_FN }, { "N", P_N }, { "EMAIL", P_EMAIL }, { "TEL", P_TEL }, { "ORG", P_ORG },
	{ "TITLE", P_TITLE }, { "NOTE", P_NOTE }, { "URL", P_URL }, { "X-SOCIALPROFILE", P_URL },
	{ "CATEGORIES", P_CATEGORIES }, { "BDAY", P_BDAY }, { "UID", P_UID }, { "ADR", P_ADR },
	{ "NICKNAME", P_NICKNAME }, { "PHOTO", P_SKIP }, { "LOGO", P_SKIP }, { "SOUND", P_SKIP },
	{ "KEY", P_SKIP }, { "X-KITH-CIRCLE", P_KITH_CIRCLE }, { "X-KITH-CADENCE", P_KITH_CADENCE },
	{ "X-KITH-ROLE", P_KITH_ROLE }, { "X-KITH-MET", P_KITH_MET }, { "X-KITH-LOCATION", P_KITH_LOCATION },
	{ "X-KITH-GOAL", P_KITH_GOAL }, { "X-KITH-DATE", P_KITH_DATE },
};

/*
 * What the property name (upper-cased by parse_prop) is to kith. The
 * first byte is compared before the rest: a card's dozen properties took
 * 190 calls of strcmp() as a chain of tests.
 */
static enum prop_kind prop_kind(const char *name)
{
	for (size_t i = 0; i < sizeof(prop_names) / sizeof(prop_names[0]); i++)
		if (prop_names[i].name[0] == name[0] && !strcmp(prop_names[i].name, name))
			return prop_names[i].kind;
	return P_OTHER;
}

struct card {
	char *fn, *n_name, *nick, *org_first;
	int props;
};

static void set_once(char **field, char *v)
{
	if (!*field)
		*field = v;
	else
		free(v);
}

/* t (malloc'd, may be NULL) from its offset on, at the end of l; else freed. */
static void take_from(struct kith_strlist *l, char *t, size_t off)
{
	if (!t)
		return;
	if (off)
		memmove(t, t + off, strlen(t + off) + 1);
	kith_strlist_take(l, t);
}

/* Take what kith keeps from one property into c. */
static void take_prop(struct prop *pr, struct card *cd, struct kith_contact *c, struct kith_vcard_scratch *sc)
{
	struct strbuf *val = &sc->val, *tmp = &sc->tmp;
	const char *v;
	size_t vlen;
	struct parts *parts = &sc->parts;
	enum prop_kind kind = prop_kind(pr->name);

	if (pr->b64 || kind == P_SKIP)
		return;
	decode_value(pr, val, &v, &vlen);
	switch (kind) {
	case P_FN:
		set_once(&cd->fn, first_part(v, vlen, 0, parts));
		break;
	case P_N: {
		static const int order[] = { 1, 2, 0 };
		split_text(v, vlen, ';', 0, parts);
		strbuf_reset(tmp);
		for (size_t i = 0; i < 3; i++) {
			if ((size_t)order[i] < parts->n && part(parts, order[i])[0]) {
				if (tmp->len)
					strbuf_addch(tmp, ' ');
				strbuf_addstr(tmp, part(parts, order[i]));
			}
		}
		set_once(&cd->n_name, one_line(tmp->buf));
		break;
	}
	case P_NICKNAME:
		set_once(&cd->nick, first_part(v, vlen, ',', parts));
		break;
	case P_ORG:
		set_once(&c->org, first_part(v, vlen, ';', parts));
		break;
	case P_TITLE:
		set_once(&c->title, first_part(v, vlen, 0, parts));
		break;
	case P_NOTE: {
		char *t;
		split_text(v, vlen, 0, 0, parts);
		t = kith_trim_dup(part(parts, 0));
		if (t) {
			char *w = t;
			for (char *p = t; *p; p++)
				if (*p != '\r' || p[1] != '\n')
					*w++ = *p;
			*w = '\0';
		}
		if (t && c->notes) {
			struct strbuf sb = STRBUF_INIT;
			strbuf_addstr(&sb, c->notes);
			strbuf_addch(&sb, '\n');
			strbuf_addstr(&sb, t);
			free(c->notes);
			free(t);
			c->notes = strbuf_detach(&sb);
		} else if (t) {
			c->notes = t;
		}
		break;
	}
	case P_EMAIL: {
		char *t;
		t = first_part(v, vlen, 0, parts);
		if (t && strchr(t, '@') && !strchr(t, ' '))
			take_from(&c->emails, t, !strncmp(t, "mailto:", 7) ? 7 : 0);
		else
			free(t);
		break;
	}
	case P_TEL: {
		char *t = one_line(v);
		if (t) {
			size_t off = !strncmp(t, "tel:", 4) ? 4 : 0;
			const char *d = t + off;
			while (*d && !isdigit((unsigned char)*d))
				d++;
			if (*d && strlen(t + off) <= 64) {
				take_from(&c->phones, t, off);
				t = NULL;
			}
		}
		free(t);
		break;
	}
	case P_URL: {
		char *t;
		t = first_part(v, vlen, 0, parts);
		if (t && !strchr(t, ' ') && strlen(t) <= 2048)
			take_from(&c->links, t, 0);
		else
			free(t);
		break;
	}
	case P_CATEGORIES:
		split_text(v, vlen, ',', 1, parts);
		for (size_t i = 0; i < parts->n; i++)
			take_from(&c->tags, kith_tag_normalize(part(parts, i)), 0);
		break;
	case P_BDAY: {
		char *t = one_line(v);
		char *b = t ? parse_bday(t) : NULL;
		if (b)
			set_once(&c->birthday, b);
		free(t);
		break;
	}
	case P_KITH_CIRCLE: {
		char *t = one_line(v);
		if (t)
			c->circle = kith_circle_parse(t);
		free(t);
		break;
	}
	case P_KITH_CADENCE:
		set_once(&c->cadence, one_line(v));
		break;
	case P_KITH_ROLE:
		set_once(&c->role, one_line(v));
		break;
	case P_KITH_MET:
		set_once(&c->met, first_part(v, vlen, 0, parts));
		break;
	case P_KITH_LOCATION: {
		char *t;
		t = first_part(v, vlen, 0, parts);
		if (t) {
			free(c->location); /* kith's own word beats one read from ADR */
			c->location = t;
		}
		break;
	}
	case P_KITH_GOAL:
		take_from(&c->goals, first_part(v, vlen, 0, parts), 0);
		break;
	case P_KITH_DATE: {
		char *t = one_line(v);
		char *b = t ? parse_bday(t) : NULL;
		if (b && pr->label[0]) {
			struct strbuf sb = STRBUF_INIT;
			strbuf_addf(&sb, "%s=%s", pr->label, b);
			kith_strlist_take(&c->dates, strbuf_detach(&sb));
		}
		free(b);
		free(t);
		break;
	}
	case P_UID:
		set_once(&c->uid, first_part(v, vlen, 0, parts));
		break;
	case P_ADR:
		if (c->location)
			break;
		split_text(v, vlen, ';', 0, parts);
		strbuf_reset(tmp);
		for (size_t i = 3; i < parts->n && i <= 6; i += 3) {
			char *t = one_line(part(parts, i));
			if (t) {
				if (tmp->len)
					strbuf_addstr(tmp, ", ");
				strbuf_addstr(tmp, t);
			}
			free(t);
		}
		if (tmp->len)
			c->location = xstrdup(tmp->buf);
		break;
	case P_SKIP:
	case P_OTHER:
		break;
	}
}

static void card_release(struct card *cd)
{
	free(cd->fn);
	free(cd->n_name);
	free(cd->nick);
	free(cd->org_first);
	memset(cd, 0, sizeof(*cd));
}

/* Is the logical line "BEGIN:VCARD" / "END:VCARD" (any case, spaces around)? */
static int is_marker(const char *s, size_t n, const char *want)
{
	size_t m = strlen(want);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n != m)
		return 0;
	for (size_t i = 0; i < m; i++)
		if (toupper((unsigned char)s[i]) != want[i])
			return 0;
	return 1;
}

int kith_vcard_next(struct kith_vcard_reader *r, struct kith_contact *c)
{
	struct kith_vcard_scratch *sc;
	struct card cd = { 0 };
	int ret = -1, bad = 0;

	kith_contact_release(c);
	r->err[0] = '\0';
	if (!r->scratch) {
		r->scratch = xcalloc(1, sizeof(*r->scratch));
		r->scratch->lg.sb = (struct strbuf)STRBUF_INIT;
		r->scratch->val = (struct strbuf)STRBUF_INIT;
		r->scratch->parts.sb = (struct strbuf)STRBUF_INIT;
		r->scratch->tmp = (struct strbuf)STRBUF_INIT;
	}
	sc = r->scratch;
	/* find BEGIN:VCARD */
	for (;;) {
		if (!logical_line(r, &sc->lg)) {
			ret = 0;
			goto cleanup;
		}
		if (is_marker(sc->lg.sb.buf, sc->lg.sb.len, "BEGIN:VCARD"))
			break;
	}
	r->card_line = sc->lg.line;
	for (;;) {
		const char *save = r->p;
		size_t save_line = r->line;
		struct prop pr;

		if (!logical_line(r, &sc->lg)) {
			if (!bad)
				set_err(r, r->card_line, 0, "the card has no END:VCARD");
			goto cleanup;
		}
		if (is_marker(sc->lg.sb.buf, sc->lg.sb.len, "END:VCARD"))
			break;
		if (is_marker(sc->lg.sb.buf, sc->lg.sb.len, "BEGIN:VCARD")) {
			/* the card never ended: report it, read this one next time */
			r->p = save;
			r->line = save_line;
			if (!bad)
				set_err(r, r->card_line, 0, "the card has no END:VCARD");
			goto cleanup;
		}
		if (bad || !sc->lg.sb.len)
			continue;
		if (++cd.props > KITH_VCARD_MAX_PROPS) {
			set_err(r, sc->lg.line, 0, "the card has more than %d properties", KITH_VCARD_MAX_PROPS);
			bad = 1;
			continue;
		}
		if (parse_prop(sc->lg.sb.buf, sc->lg.sb.len, &pr))
			continue; /* not a property: ignored */
		if (sc->lg.overflow) {
			if (pr.b64 || prop_kind(pr.name) == P_SKIP || !strncmp(pr.name, "X-", 2))
				continue;
			set_err(r, sc->lg.line, KITH_VCARD_MAX_LINE, "the line is longer than %u KiB",
				KITH_VCARD_MAX_LINE >> 10);
			bad = 1;
			continue;
		}
		pr.greek = r->greek;
		take_prop(&pr, &cd, c, sc);
	}
	if (bad)
		goto cleanup;
	c->name = cd.fn ? cd.fn : cd.n_name ? cd.n_name : cd.nick;
	if (c->name) {
		if (c->name == cd.fn)
			cd.fn = NULL;
		else if (c->name == cd.n_name)
			cd.n_name = NULL;
		else
			cd.nick = NULL;
	} else if (c->org) {
		c->name = xstrdup(c->org);
	} else if (c->emails.n) {
		/* an address-book entry of only an email (Android, SOGo): shown by it */
		c->name = xstrdup(c->emails.v[0]);
	} else if (c->phones.n) {
		c->name = xstrdup(c->phones.v[0]);
	} else {
		set_err(r, r->card_line, 0, "the card has no name (FN, N, ORG, EMAIL or TEL)");
		goto cleanup;
	}
	ret = 1;
cleanup:
	if (ret < 0)
		kith_contact_release(c);
	card_release(&cd);
	return ret;
}
