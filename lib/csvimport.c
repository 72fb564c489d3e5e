/*
 * Contacts from CSV exports: LinkedIn's Connections.csv (the current
 * format with its "Notes:" preamble and URL column, and the 2018 one
 * without either), messages.csv (with profile URLs, and the older set
 * without), Invitations.csv, Google Contacts (the current layout and the
 * legacy UTF-16 one), any CSV by a column map, and a whole LinkedIn export
 * (folder or zip). The file is recognized by its header line, found by its
 * columns (the preamble's wording changes between releases). Each row
 * becomes a struct kith_contact for the merger (include/kith/contact.h),
 * each message an interaction. See include/kith/csvimport.h.
 */
#include "internal.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "kith/cadence.h"
#include "kith/contact.h"
#include "kith/csv.h"
#include "kith/csvimport.h"
#include "kith/interaction.h"
#include "kith/strbuf.h"
#include "util/fold.h"
#include "util/hash.h"
#include "util/xalloc.h"
#include "ziputil.h"
#include "util/keymap.h"
#include "banned.h"

#define HEADER_SEARCH 20 /* records read looking for the header */

enum layout { LINKEDIN, GOOGLE, GOOGLE_LEGACY, MESSAGES, MESSAGES_OLD, INVITATIONS };

static int col(const struct kith_csv *c, const char *name)
{
	for (size_t i = 0; i < c->n; i++)
		if (!strcasecmp(c->fields[i], name))
			return (int)i;
	return -1;
}

static const char *field(const struct kith_csv *c, int i)
{
	return i >= 0 && (size_t)i < c->n ? c->fields[i] : "";
}

static const char *const months[] = { "jan", "feb", "mar", "apr", "may", "jun",
				      "jul", "aug", "sep", "oct", "nov", "dec" };

/*
 * LinkedIn's dates: "30 May 2024" (now), "1/8/18, 6:14 PM" (2018, month
 * first), "2023-04-22 08:18:59 UTC" (messages). KITH_NO_DAY when unreadable.
 */
kith_day kith_linkedin_date(const char *s)
{
	int y = 0, m = 0, d = 0;
	char mon[4] = "";
	if (sscanf(s, "%4d-%2d-%2d", &y, &m, &d) == 3 && kith_civil_valid(y, m, d))
		return kith_day_from_civil(y, m, d);
	/* month first: "%2d %3s" would read "1/8/18" as day 1 of month "/8/" */
	if (sscanf(s, "%2d/%2d/%4d", &m, &d, &y) == 3) {
		if (y < 100)
			y += 2000;
		return kith_civil_valid(y, m, d) ? kith_day_from_civil(y, m, d) : KITH_NO_DAY;
	}
	if (sscanf(s, "%2d %3s %4d", &d, mon, &y) == 3) {
		for (int i = 0; i < 12; i++)
			if (!strcasecmp(mon, months[i]) && kith_civil_valid(y, i + 1, d))
				return kith_day_from_civil(y, i + 1, d);
	}
	return KITH_NO_DAY;
}

static void trim_into(struct strbuf *sb, const char *s)
{
	size_t n;
	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	strbuf_add(sb, s, n);
}

static char *dup_or_null(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	trim_into(&sb, s);
	if (!sb.len) {
		strbuf_release(&sb);
		return NULL;
	}
	return strbuf_detach(&sb);
}

/* Google puts several values in one cell separated by " ::: ". */
static void push_values(struct kith_strlist *l, const char *cell)
{
	const char *p = cell;
	while (*p) {
		const char *sep = strstr(p, ":::");
		size_t n = sep ? (size_t)(sep - p) : strlen(p);
		struct strbuf sb = STRBUF_INIT;
		char *raw = xstrndup(p, n);
		trim_into(&sb, raw);
		free(raw);
		if (sb.len)
			kith_strlist_push(l, sb.buf);
		strbuf_release(&sb);
		p += n;
		if (sep)
			p += 3;
	}
}

/* Labels to tags: "* myContacts ::: Friends" -> "friends" (system groups dropped). */
static void push_labels(struct kith_strlist *tags, const char *cell)
{
	struct kith_strlist raw = KITH_STRLIST_INIT;
	push_values(&raw, cell);
	for (size_t i = 0; i < raw.n; i++) {
		const char *t = raw.v[i];
		if (t[0] == '*')
			continue; /* "* myContacts", "* starred": Google's own groups */
		kith_strlist_push(tags, t);
	}
	kith_strlist_release(&raw);
}

#define MAX_NUMBERED 16

struct columns {
	int first, middle, last, name, suffix, url, email, company, position, connected;
	int org, title, birthday, notes, labels;
	int emails[MAX_NUMBERED], phones[MAX_NUMBERED], webs[MAX_NUMBERED]; /* -1 ends */
};

/* The header's "<prefix> N - Value" columns (N = 1, 2, ...), -1 after the last. */
static void numbered(const struct kith_csv *c, const char *prefix, int *cols)
{
	int n;
	for (n = 0; n < MAX_NUMBERED - 1; n++) {
		char name[64];
		snprintf(name, sizeof(name), "%s %d - Value", prefix, n + 1);
		cols[n] = col(c, name);
		if (cols[n] < 0)
			break;
	}
	cols[n] = -1;
}

/* The values of a row's numbered columns into l. */
static void push_numbered(const struct kith_csv *c, const int *cols, struct kith_strlist *l)
{
	for (int i = 0; cols[i] >= 0; i++)
		push_values(l, field(c, cols[i]));
}

static void find_columns(const struct kith_csv *c, struct columns *k)
{
	k->first = col(c, "First Name") >= 0 ? col(c, "First Name") : col(c, "Given Name");
	k->middle = col(c, "Middle Name") >= 0 ? col(c, "Middle Name") : col(c, "Additional Name");
	k->last = col(c, "Last Name") >= 0 ? col(c, "Last Name") : col(c, "Family Name");
	k->name = col(c, "Name");
	k->suffix = col(c, "Name Suffix");
	k->url = col(c, "URL");
	k->email = col(c, "Email Address");
	k->company = col(c, "Company");
	k->position = col(c, "Position");
	k->connected = col(c, "Connected On");
	k->org = col(c, "Organization Name") >= 0 ? col(c, "Organization Name") : col(c, "Organization 1 - Name");
	k->title = col(c, "Organization Title") >= 0 ? col(c, "Organization Title") : col(c, "Organization 1 - Title");
	k->birthday = col(c, "Birthday");
	k->notes = col(c, "Notes");
	k->labels = col(c, "Labels") >= 0 ? col(c, "Labels") : col(c, "Group Membership");
	numbered(c, "E-mail", k->emails);
	numbered(c, "Phone", k->phones);
	numbered(c, "Website", k->webs);
}

static int detect(const struct kith_csv *c, enum layout *out)
{
	if (col(c, "First Name") >= 0 && col(c, "Last Name") >= 0 && col(c, "Connected On") >= 0) {
		*out = LINKEDIN;
		return 1;
	}
	if (col(c, "FROM") >= 0 && col(c, "SENDER PROFILE URL") >= 0 && col(c, "RECIPIENT PROFILE URLS") >= 0 &&
	    col(c, "DATE") >= 0 && col(c, "CONTENT") >= 0) {
		*out = MESSAGES;
		return 1;
	}
	if (col(c, "From") >= 0 && col(c, "To") >= 0 && col(c, "Sent At") >= 0 && col(c, "Direction") >= 0) {
		*out = INVITATIONS;
		return 1;
	}
	/* the older messages.csv: names, no profile URLs */
	if (col(c, "FROM") >= 0 && col(c, "TO") >= 0 && col(c, "DATE") >= 0 && col(c, "CONTENT") >= 0 &&
	    col(c, "SENDER PROFILE URL") < 0) {
		*out = MESSAGES_OLD;
		return 1;
	}
	if (col(c, "First Name") >= 0 && col(c, "E-mail 1 - Value") >= 0) {
		*out = GOOGLE;
		return 1;
	}
	if (col(c, "Given Name") >= 0 && col(c, "Family Name") >= 0 && col(c, "E-mail 1 - Value") >= 0) {
		*out = GOOGLE_LEGACY;
		return 1;
	}
	return 0;
}

static void full_name(const struct kith_csv *c, const struct columns *k, struct strbuf *sb)
{
	const int parts[] = { k->first, k->middle, k->last, k->suffix };
	if (k->name >= 0 && *field(c, k->name)) {
		trim_into(sb, field(c, k->name));
		return;
	}
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		struct strbuf p = STRBUF_INIT;
		trim_into(&p, field(c, parts[i]));
		if (p.len) {
			if (sb->len)
				strbuf_addstr(sb, i == 3 ? ", " : " ");
			strbuf_addstr(sb, p.buf);
		}
		strbuf_release(&p);
	}
}

/* Is every field empty? (LinkedIn leaves blank rows.) */
static int blank(const struct kith_csv *c)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->fields[i][0])
			return 0;
	return 1;
}

/* ---- what every reader shares: options, bad rows, logging once ---- */

struct run {
	struct kith *k;
	const struct kith_csv_import *o;
	const char *source;
	struct kith_import_stats *stats;
	struct kith_contact_merger *m;
	struct kith_logger *log; /* messages, their clocks reset once at the end */
	sqlite3_stmt *seen;     /* was this message imported before? (message_import) */
	sqlite3_stmt *dup;      /* is a message like it logged already? */
	sqlite3_stmt *remember; /* this message was imported */
};

static enum kith_rc run_start(struct run *r)
{
	r->m = kith_contact_merger_new(r->k, r->o->circle);
	r->log = kith_logger_new(r->k);
	r->seen = kith_prepare(r->k, "SELECT 1 FROM message_import WHERE key = ?1 AND date = ?2");
	r->dup = kith_prepare(r->k, "SELECT i.id FROM interaction_person ip JOIN interaction i ON i.id = ip.interaction_id"
				    " WHERE ip.person_id = ?1 AND ip.date = ?2 AND i.kind = 'message' AND i.note IS ?3");
	r->remember = kith_prepare(r->k, "INSERT INTO message_import(key, date, interaction_id) VALUES (?1, ?2, ?3)");
	return r->m && r->log && r->seen && r->dup && r->remember ? KITH_OK : KITH_ERR;
}

/* Free what run_start made; with rc KITH_OK, first reset the clocks of the
 * people messages were logged with. Returns rc, or the error of that. */
static enum kith_rc run_end(struct run *r, enum kith_rc rc)
{
	if (rc == KITH_OK && r->m)
		rc = kith_contact_merger_finish(r->m);
	/* first: after an error its writer thread may still have the connection */
	kith_contact_merger_free(r->m);
	r->m = NULL;
	if (rc == KITH_OK && r->log)
		rc = kith_logger_finish(r->log);
	kith_logger_free(r->log);
	r->log = NULL;
	sqlite3_finalize(r->seen);
	sqlite3_finalize(r->dup);
	sqlite3_finalize(r->remember);
	r->seen = r->dup = r->remember = NULL;
	return rc;
}

/*
 * A message fit to print: a quoted cell's line breaks and tabs as spaces
 * (it stays one line), and a character that "%.40s" cut in two, or a byte
 * that is not UTF-8, as '?'.
 */
static void one_line(char *s)
{
	while (*s) {
		unsigned char b = (unsigned char)*s;
		size_t need = b < 0x80 ? 1 : b >= 0xF0 && b < 0xF5 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 0, i;
		if (b >= 0xF5)
			need = 0;
		for (i = 1; i < need; i++)
			if (((unsigned char)s[i] & 0xC0) != 0x80)
				break;
		if (!need || i < need) {
			*s++ = '?';
			continue;
		}
		if (b < ' ')
			*s = ' ';
		s += need;
	}
}

/* A row that cannot be read: the import fails (KITH_EINPUT, "SOURCE:LINE:
 * reason"), or with skip_bad the row is counted, told, and skipped (KITH_OK). */
__attribute__((format(printf, 3, 4))) static enum kith_rc bad_row(struct run *r, size_t line, const char *fmt, ...)
{
	char why[512], msg[800];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	one_line(why);
	if (!r->o->skip_bad)
		return kith_fail(r->k, KITH_EINPUT, "%s:%zu: %s", r->source, line, why);
	snprintf(msg, sizeof(msg), "%s:%zu: skipped: %s", r->source, line, why);
	if (r->o->skipped)
		r->o->skipped(r->o->ctx, msg);
	if (r->stats)
		r->stats->skipped++;
	return KITH_OK;
}

/* The library's message for rc, prefixed with where it happened. */
static enum kith_rc at_line(struct run *r, size_t line, enum kith_rc rc)
{
	char msg[512];
	snprintf(msg, sizeof(msg), "%s", kith_errmsg(r->k));
	return kith_fail(r->k, rc, "%s:%zu: %s", r->source, line, msg);
}

static enum kith_rc merge(struct run *r, size_t line, const struct kith_contact *ct, int64_t *id)
{
	enum kith_rc rc = kith_contact_merger_add(r->m, ct, r->stats, id);
	return rc == KITH_OK ? rc : at_line(r, line, rc);
}

/*
 * The key of a message in message_import: a hash of who sent it to whom,
 * as the file names them (names and profile URLs, NULL for a column the
 * file does not have), and of its text. With its day, it tells a message
 * imported before, even when its interaction was removed since.
 */
static void message_key(const char *const who[4], const char *text, char hex[17])
{
	uint64_t h = KITH_FNV_INIT;
	for (int i = 0; i < 4; i++)
		h = kith_fnv1a_str(h, who[i]);
	kith_hash_format(kith_fnv1a_str(h, text), hex);
}

/*
 * A "message" interaction with the people in ids on day, unless it was
 * imported before (by its key, message_key of who and text: unlogged
 * since, it stays unlogged) or one like it (the first person, the day,
 * the text) is logged already (imported by a kith before schema 6, or the
 * same words in messages.csv and Invitations.csv): nothing is logged
 * twice. Either way the message is remembered as imported.
 */
static enum kith_rc log_once(struct run *r, size_t line, const int64_t *ids, size_t n, kith_day day,
			     const char *const who[4], const char *text)
{
	enum kith_rc rc;
	char key[17];
	int64_t iid = 0;
	int seen;

	if (day > r->k->today)
		day = r->k->today; /* a clock ahead of ours */
	message_key(who, text, key);
	sqlite3_bind_text(r->seen, 1, key, -1, SQLITE_STATIC);
	kith_bind_day(r->seen, 2, day);
	seen = sqlite3_step(r->seen);
	sqlite3_reset(r->seen);
	if (seen == SQLITE_ROW) {
		if (r->stats)
			r->stats->known++;
		return KITH_OK;
	}
	if (seen != SQLITE_DONE)
		return at_line(r, line, kith_fail_db(r->k, "cannot read the imported messages"));
	sqlite3_bind_int64(r->dup, 1, ids[0]);
	kith_bind_day(r->dup, 2, day);
	kith_bind_text(r->dup, 3, text, 1);
	if (sqlite3_step(r->dup) == SQLITE_ROW)
		iid = sqlite3_column_int64(r->dup, 0);
	sqlite3_reset(r->dup);
	if (iid) {
		if (r->stats)
			r->stats->known++;
	} else {
		rc = kith_logger_add(r->log, ids, n, "message", day, text && *text ? text : NULL, &iid);
		if (rc != KITH_OK)
			return at_line(r, line, rc);
		if (r->stats)
			r->stats->logged++;
	}
	sqlite3_bind_text(r->remember, 1, key, -1, SQLITE_STATIC);
	kith_bind_day(r->remember, 2, day);
	sqlite3_bind_int64(r->remember, 3, iid);
	rc = sqlite3_step(r->remember) == SQLITE_DONE ? KITH_OK : kith_fail_db(r->k, "cannot remember the message");
	sqlite3_reset(r->remember);
	return rc == KITH_OK ? rc : at_line(r, line, rc);
}

/* ---- LinkedIn messages.csv ---- */

#define MAX_TEXT 4000 /* bytes of a message's text */

static void add_utf8(struct strbuf *sb, unsigned long cp)
{
	if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		strbuf_addch(sb, (int)cp);
	} else if (cp < 0x800) {
		strbuf_addch(sb, (int)(0xC0 | (cp >> 6)));
		strbuf_addch(sb, (int)(0x80 | (cp & 0x3F)));
	} else if (cp < 0x10000) {
		strbuf_addch(sb, (int)(0xE0 | (cp >> 12)));
		strbuf_addch(sb, (int)(0x80 | ((cp >> 6) & 0x3F)));
		strbuf_addch(sb, (int)(0x80 | (cp & 0x3F)));
	} else {
		strbuf_addch(sb, (int)(0xF0 | (cp >> 18)));
		strbuf_addch(sb, (int)(0x80 | ((cp >> 12) & 0x3F)));
		strbuf_addch(sb, (int)(0x80 | ((cp >> 6) & 0x3F)));
		strbuf_addch(sb, (int)(0x80 | (cp & 0x3F)));
	}
}

/* A numeric entity "&#233;" or "&#xE9;" at p: its length, 0 if it is not one. */
static size_t numeric_entity(const char *p, unsigned long *cp)
{
	const char *q = p + 2;
	int hex = *q == 'x' || *q == 'X';
	char *end;

	if (p[0] != '&' || p[1] != '#')
		return 0;
	q += hex;
	if (!isxdigit((unsigned char)*q) || (!hex && !isdigit((unsigned char)*q)))
		return 0;
	*cp = strtoul(q, &end, hex ? 16 : 10);
	if (*end != ';' || end - q > 8)
		return 0;
	return (size_t)(end + 1 - p);
}

/*
 * A message's text: HTML tags dropped (<br>, </p>, </div> and </li> as
 * line breaks), the common and the numeric entities decoded, CRs dropped,
 * blanks trimmed at the ends, at most MAX_TEXT bytes (cut on a character).
 */
static char *plain_text(const char *html)
{
	struct strbuf sb = STRBUF_INIT;
	static const struct { const char *ent, *ch; } ents[] = {
		{ "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" }, { "&#39;", "'" },
		{ "&apos;", "'" }, { "&nbsp;", " " },
	};
	const char *p = html;
	size_t start;

	while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
		p++;
	while (*p && sb.len < MAX_TEXT) {
		unsigned long cp;
		size_t len;
		if (*p == '<') {
			const char *e = strchr(p, '>');
			if (e && (isalpha((unsigned char)p[1]) || p[1] == '/' || p[1] == '!')) {
				if (!strncasecmp(p, "<br", 3) || !strncasecmp(p, "</p", 3) || !strncasecmp(p, "</div", 5) ||
				    !strncasecmp(p, "</li", 4))
					strbuf_addch(&sb, '\n');
				p = e + 1;
				continue;
			}
		}
		if (*p == '&') {
			size_t i;
			for (i = 0; i < sizeof(ents) / sizeof(ents[0]); i++)
				if (!strncmp(p, ents[i].ent, strlen(ents[i].ent)))
					break;
			if (i < sizeof(ents) / sizeof(ents[0])) {
				strbuf_addstr(&sb, ents[i].ch);
				p += strlen(ents[i].ent);
				continue;
			}
			if ((len = numeric_entity(p, &cp)) > 0) {
				add_utf8(&sb, cp);
				p += len;
				continue;
			}
		}
		if (*p != '\r')
			strbuf_addch(&sb, *p);
		p++;
	}
	if (sb.len > MAX_TEXT) {
		/* cut before the character that crossed the limit */
		size_t n = MAX_TEXT;
		while (n && ((unsigned char)sb.buf[n] & 0xC0) == 0x80)
			n--;
		strbuf_setlen(&sb, n);
	} else if (*p) {
		size_t n = sb.len;
		while (n && ((unsigned char)sb.buf[n - 1] & 0x80)) {
			/* back to the start of the last character: keep it if whole */
			size_t lead = n - 1, need;
			while (lead && ((unsigned char)sb.buf[lead] & 0xC0) == 0x80)
				lead--;
			unsigned char b = (unsigned char)sb.buf[lead];
			need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
			if (n - lead < need)
				n = lead;
			break;
		}
		strbuf_setlen(&sb, n);
	}
	strbuf_rtrim(&sb);
	start = 0;
	while (start < sb.len && (sb.buf[start] == ' ' || sb.buf[start] == '\n'))
		start++;
	if (start) {
		memmove(sb.buf, sb.buf + start, sb.len - start);
		strbuf_setlen(&sb, sb.len - start);
	}
	return strbuf_detach(&sb);
}

/* Each URL in a comma-separated list, in its stable form (new strings). */
static void split_urls(const char *list, struct kith_strlist *out)
{
	const char *p = list;
	while (*p) {
		size_t n = strcspn(p, ",");
		char *one = xstrndup(p, n);
		char *url = kith_linkedin_url(one);
		if (url)
			kith_strlist_push(out, url);
		free(url);
		free(one);
		p += n;
		if (*p)
			p++;
	}
}

struct message {
	size_t line;
	kith_day date;
	int dir; /* old set: 1 incoming, -1 outgoing, 0 not said */
	char *from, *from_url, *to, *to_urls, *content;
};

static void messages_free(struct message *msgs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(msgs[i].from);
		free(msgs[i].from_url);
		free(msgs[i].to);
		free(msgs[i].to_urls);
		free(msgs[i].content);
	}
	free(msgs);
}

/* "INCOMING" 1, "OUTGOING" -1, "" 0, anything else 2. */
static int direction(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	int d;
	trim_into(&sb, s);
	d = !sb.len ? 0 : !strcasecmp(sb.buf, "INCOMING") ? 1 : !strcasecmp(sb.buf, "OUTGOING") ? -1 : 2;
	strbuf_release(&sb);
	return d;
}

/*
 * Read the messages of a messages.csv (either column set) into *out. A row
 * with an unreadable date or direction is bad (see bad_row).
 */
static enum kith_rc read_messages(struct run *r, struct kith_csv *c, int old, struct message **out, size_t *n_out)
{
	int from = col(c, "FROM"), from_url = col(c, "SENDER PROFILE URL"), to = col(c, "TO"),
	    to_urls = col(c, "RECIPIENT PROFILE URLS"), date = col(c, "DATE"), content = col(c, "CONTENT"),
	    subject = col(c, "SUBJECT"), dir = col(c, "DIRECTION"), folder = col(c, "FOLDER");
	struct message *msgs = NULL;
	size_t n = 0, alloc = 0;
	enum kith_rc rc = KITH_OK;
	char err[256];
	int got;

	while ((got = kith_csv_next(c, err, sizeof(err))) > 0) {
		struct message *g;
		kith_day day;
		int d = 0;
		if (blank(c))
			continue;
		day = kith_linkedin_date(field(c, date));
		if (day == KITH_NO_DAY) {
			if ((rc = bad_row(r, c->line, "unreadable date '%.40s'", field(c, date))) != KITH_OK)
				break;
			continue;
		}
		if (old) {
			d = direction(field(c, dir));
			if (d == 2) {
				if ((rc = bad_row(r, c->line, "unknown direction '%.40s' (INCOMING or OUTGOING)",
						  field(c, dir))) != KITH_OK)
					break;
				continue;
			}
			if (!d && !strcasecmp(field(c, folder), "SENT"))
				d = -1;
		}
		if (n == alloc) {
			alloc = alloc ? alloc * 2 : 64;
			msgs = xrealloc(msgs, alloc * sizeof(*msgs));
		}
		g = &msgs[n++];
		g->line = c->line;
		g->date = day;
		g->dir = d;
		g->from = xstrdup(field(c, from));
		g->from_url = xstrdup(field(c, from_url));
		g->to = xstrdup(field(c, to));
		g->to_urls = xstrdup(field(c, to_urls));
		g->content = plain_text(*field(c, content) || !old ? field(c, content) : field(c, subject));
	}
	if (rc == KITH_OK && got < 0)
		rc = kith_fail(r->k, KITH_EINPUT, "%s: %s", r->source, err);
	*out = msgs;
	*n_out = n;
	return rc;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * You, in a file of your messages: the value of l (profile URLs or folded
 * names, one per side of each message) that is there most often; on a tie
 * the one that known() says is not in the network (you are not in your
 * own), then the first in byte order. A new string, or NULL when l has
 * nothing. Sorted, so a file of 100,000 messages takes no quadratic time.
 */
static char *most_frequent(const struct kith_strlist *l, int (*known)(void *, const char *), void *ctx)
{
	char **v;
	const char *me = NULL;
	size_t best = 0;
	int me_known = 1;
	char *ret;

	if (!l->n)
		return NULL;
	v = xmalloc(l->n * sizeof(*v));
	memcpy(v, l->v, l->n * sizeof(*v));
	qsort(v, l->n, sizeof(*v), cmp_str);
	for (size_t i = 0, j; i < l->n; i = j) {
		int is_known;
		for (j = i + 1; j < l->n && !strcmp(v[i], v[j]); j++)
			;
		if (!*v[i] || j - i < best)
			continue;
		is_known = known(ctx, v[i]);
		if (j - i > best || is_known < me_known) {
			best = j - i;
			me = v[i];
			me_known = is_known;
		}
	}
	ret = me ? xstrdup(me) : NULL;
	free(v);
	return ret;
}

static int url_known(void *ctx, const char *url)
{
	sqlite3_stmt *st = ctx;
	int row;
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, url, -1, SQLITE_TRANSIENT);
	row = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return row;
}

/*
 * Messages with profile URLs. Each becomes a "message" interaction with the
 * people in it but you, dated its day. You are the profile in the most
 * messages (on a tie, the one not in the network: you are not in your own).
 * People are found by profile URL through the contact merger, which adds
 * the ones not in the network yet.
 */
static enum kith_rc import_messages(struct run *r, struct kith_csv *c)
{
	struct kith *k = r->k;
	struct message *msgs = NULL;
	size_t n = 0;
	struct kith_strlist urls = KITH_STRLIST_INIT; /* every URL, once per message */
	char *me = NULL;
	enum kith_rc rc;

	rc = read_messages(r, c, 0, &msgs, &n);
	if (rc != KITH_OK)
		goto cleanup;
	/* you: the profile that is in the most messages */
	{
		for (size_t i = 0; i < n; i++) {
			struct kith_strlist in = KITH_STRLIST_INIT;
			char *f = kith_linkedin_url(msgs[i].from_url);
			if (f)
				kith_strlist_push(&in, f);
			free(f);
			split_urls(msgs[i].to_urls, &in);
			for (size_t j = 0; j < in.n; j++)
				kith_strlist_push(&urls, in.v[j]);
			kith_strlist_release(&in);
		}
		sqlite3_stmt *known = kith_prepare(k, "SELECT 1 FROM person_link WHERE url = ?1");
		if (!known) {
			rc = KITH_ERR;
			goto cleanup;
		}
		me = most_frequent(&urls, url_known, known);
		sqlite3_finalize(known);
	}
	for (size_t i = 0; i < n && rc == KITH_OK; i++) {
		struct message *g = &msgs[i];
		struct kith_strlist who = KITH_STRLIST_INIT;
		int64_t ids[64];
		size_t n_ids = 0;
		char *f = kith_linkedin_url(g->from_url);

		/* the other side: the sender, or the recipients, but never you */
		if (f && (!me || strcmp(f, me)))
			kith_strlist_push(&who, f);
		else
			split_urls(g->to_urls, &who);
		for (size_t j = 0; j < who.n && n_ids < 64 && rc == KITH_OK; j++) {
			struct kith_contact ct;
			int64_t id = 0;
			if (me && !strcmp(who.v[j], me))
				continue;
			kith_contact_init(&ct);
			kith_strlist_push(&ct.links, who.v[j]);
			/* the name: the sender's, or the recipient's when only one */
			{
				const char *nm = f && !strcmp(f, who.v[j]) ? g->from : who.n == 1 ? g->to : NULL;
				if (nm && *nm)
					ct.name = xstrdup(nm);
			}
			if (!ct.name) {
				/* an unnamed recipient among several: the URL's slug names them */
				const char *slug = strstr(who.v[j], "/in/");
				ct.name = xstrdup(slug ? slug + 4 : who.v[j]);
			}
			rc = merge(r, g->line, &ct, &id);
			kith_contact_release(&ct);
			if (rc == KITH_OK)
				ids[n_ids++] = id;
		}
		free(f);
		kith_strlist_release(&who);
		if (rc == KITH_OK && n_ids)
			rc = log_once(r, g->line, ids, n_ids, g->date,
				      (const char *const[4]){ g->from, g->from_url, g->to, g->to_urls }, g->content);
	}
cleanup:
	free(me);
	kith_strlist_release(&urls);
	messages_free(msgs, n);
	return rc;
}

/* ---- the older messages.csv: people by name ---- */

/* folded name -> the one person with it (-1: several), for the old set: a kith_keymap */

static enum kith_rc names_load(struct kith *k, struct kith_keymap *t)
{
	sqlite3_stmt *st = kith_prepare(k, "SELECT id, name_key FROM person");
	int s;
	if (!st)
		return KITH_ERR;
	while ((s = sqlite3_step(st)) == SQLITE_ROW)
		kith_keymap_put(t, (const char *)sqlite3_column_text(st, 1), sqlite3_column_int64(st, 0));
	sqlite3_finalize(st);
	return s == SQLITE_DONE ? KITH_OK : kith_fail_db(k, "cannot read the names");
}

static int name_known(void *ctx, const char *key)
{
	return kith_keymap_get(ctx, key) != 0;
}

/*
 * The person named `name`: a name one person has is them, an unknown name
 * is added through the merger; *id is 0 when several people have it.
 */
static enum kith_rc by_name(struct run *r, struct kith_keymap *t, size_t line, const char *name, int64_t *id)
{
	char *key = kith_fold_dup(name);
	int64_t found = kith_keymap_get(t, key);
	enum kith_rc rc = KITH_OK;

	*id = 0;
	if (found > 0) {
		*id = found;
	} else if (found == 0) {
		struct kith_contact ct;
		kith_contact_init(&ct);
		ct.name = xstrdup(name);
		ct.met = xstrdup("LinkedIn");
		rc = merge(r, line, &ct, id);
		kith_contact_release(&ct);
		if (rc == KITH_OK)
			kith_keymap_put(t, key, *id);
	}
	free(key);
	return rc;
}

/*
 * The older column set: From and To are names. The other side is the
 * sender of an INCOMING message and the recipients of an OUTGOING one;
 * without a Direction (or a Folder SENT), the side that is not you, you
 * being the name in the most messages (on a tie, the one not in the
 * network). A To naming several people ("Ada Example, Bo Chen") is split
 * when every part names one known person; else it is one name.
 */
static enum kith_rc import_old_messages(struct run *r, struct kith_csv *c)
{
	struct message *msgs = NULL;
	size_t n = 0;
	struct kith_keymap t = KITH_KEYMAP_INIT;
	struct kith_strlist keys = KITH_STRLIST_INIT; /* folded names, once per side of a message */
	char *me = NULL;
	enum kith_rc rc;

	rc = read_messages(r, c, 1, &msgs, &n);
	if (rc == KITH_OK)
		rc = names_load(r->k, &t);
	if (rc != KITH_OK)
		goto cleanup;
	{
		/* you: named by the direction when given, else by count */
		int by_dir = 0;
		for (size_t i = 0; i < n; i++)
			by_dir |= msgs[i].dir != 0;
		for (size_t i = 0; i < n; i++) {
			const struct message *g = &msgs[i];
			if (by_dir) {
				if (g->dir)
					kith_strlist_push(&keys, g->dir > 0 ? g->to : g->from);
			} else {
				kith_strlist_push(&keys, g->from);
				kith_strlist_push(&keys, g->to);
			}
		}
		for (size_t i = 0; i < keys.n; i++) {
			char *f = kith_fold_dup(keys.v[i]);
			free(keys.v[i]);
			keys.v[i] = f;
		}
		me = most_frequent(&keys, name_known, &t);
	}
	for (size_t i = 0; i < n && rc == KITH_OK; i++) {
		struct message *g = &msgs[i];
		char *fk = kith_fold_dup(g->from);
		const char *other;
		int64_t ids[64];
		size_t n_ids = 0;

		if (g->dir)
			other = g->dir > 0 ? g->from : g->to;
		else
			other = me && !strcmp(fk, me) ? g->to : g->from;
		free(fk);
		{
			char *ok = kith_fold_dup(other);
			int self = !*ok || (me && !strcmp(ok, me));
			int64_t whole = kith_keymap_get(&t, ok);
			free(ok);
			if (self) {
				/* no other side (a note to yourself, a deleted member) */
				if (r->stats)
					r->stats->skipped++;
				continue;
			}
			if (whole == 0 && strchr(other, ',')) {
				/* several recipients, if each part is one known person */
				const char *p = other;
				while (*p && n_ids < 64) {
					size_t len = strcspn(p, ",");
					char *part = xstrndup(p, len);
					char *pk = kith_fold_dup(part);
					int64_t id = kith_keymap_get(&t, pk);
					free(pk);
					free(part);
					if (id <= 0) {
						n_ids = 0;
						break;
					}
					ids[n_ids++] = id;
					p += len;
					if (*p)
						p++;
				}
			}
		}
		if (!n_ids) {
			int64_t id;
			rc = by_name(r, &t, g->line, other, &id);
			if (rc != KITH_OK)
				break;
			if (!id) {
				char msg[600];
				snprintf(msg, sizeof(msg), "%s:%zu: skipped: '%.80s' names several people (import messages with profile URLs, or merge them)",
					 r->source, g->line, other);
				one_line(msg);
				if (r->o->skipped)
					r->o->skipped(r->o->ctx, msg);
				if (r->stats)
					r->stats->skipped++;
				continue;
			}
			ids[n_ids++] = id;
		}
		rc = log_once(r, g->line, ids, n_ids, g->date,
			      (const char *const[4]){ g->from, g->from_url, g->to, g->to_urls }, g->content);
	}
cleanup:
	free(me);
	kith_strlist_release(&keys);
	kith_keymap_free(&t);
	messages_free(msgs, n);
	return rc;
}

/* ---- LinkedIn Invitations.csv ---- */

/*
 * Each invitation's other party (the sender of an INCOMING one, the
 * invitee of an OUTGOING one) is merged by profile URL and name, and a
 * person it adds counts from the invitation's day. Its message, if any, is
 * a "message" interaction that day. A pending invitation without a message
 * is no conversation: the person is added or updated, nobody's clock moves.
 */
static enum kith_rc import_invitations(struct run *r, struct kith_csv *c)
{
	int from = col(c, "From"), to = col(c, "To"), sent = col(c, "Sent At"), message = col(c, "Message"),
	    dir = col(c, "Direction"), from_url = col(c, "inviterProfileUrl"), to_url = col(c, "inviteeProfileUrl");
	enum kith_rc rc = KITH_OK;
	char err[256];
	int got;

	while (rc == KITH_OK && (got = kith_csv_next(c, err, sizeof(err))) > 0) {
		struct kith_contact ct;
		size_t line = c->line;
		kith_day day;
		int d;
		char *url, *text;
		int64_t id = 0;

		if (blank(c))
			continue;
		d = direction(field(c, dir));
		if (d == 0 || d == 2) {
			rc = bad_row(r, line, "unknown direction '%.40s' (INCOMING or OUTGOING)", field(c, dir));
			continue;
		}
		day = kith_linkedin_date(field(c, sent));
		if (day == KITH_NO_DAY) {
			rc = bad_row(r, line, "unreadable date '%.40s'", field(c, sent));
			continue;
		}
		kith_contact_init(&ct);
		ct.name = dup_or_null(field(c, d > 0 ? from : to));
		url = kith_linkedin_url(field(c, d > 0 ? from_url : to_url));
		if (url)
			kith_strlist_push(&ct.links, url);
		free(url);
		if (!ct.name) {
			if (r->stats)
				r->stats->skipped++;
			kith_contact_release(&ct);
			continue;
		}
		ct.met = xstrdup("LinkedIn");
		ct.connected_on = day;
		rc = merge(r, line, &ct, &id);
		kith_contact_release(&ct);
		if (rc != KITH_OK)
			break;
		text = plain_text(field(c, message));
		if (*text)
			rc = log_once(r, line, &id, 1, day,
				      (const char *const[4]){ field(c, from), field(c, from_url), field(c, to),
							      field(c, to_url) },
				      text);
		free(text);
	}
	if (rc == KITH_OK && got < 0)
		rc = kith_fail(r->k, KITH_EINPUT, "%s: %s", r->source, err);
	return rc;
}

/* ---- generic CSV: the columns by a map ---- */

static const char *const field_names[KITH_CSV_N_FIELDS] = {
	"name", "first", "last", "email", "phone", "org", "title", "location", "notes", "tags", "birthday", "url", "met",
};

const char kith_csv_field_names[] =
	"name, first, last, email, phone, org, title, location, notes, tags, birthday, url (or linkedin), met";

static int multi_field(enum kith_csv_field f)
{
	return f == KITH_CSV_EMAIL || f == KITH_CSV_PHONE || f == KITH_CSV_TAGS || f == KITH_CSV_URL;
}

/*
 * One pair of a --map spec at p: the column into column, the field's name
 * into name; returns where the next pair starts (past its comma), or NULL
 * with a reason in err. A column in double quotes is taken as written, its
 * commas and '=' its own ("" for a quote); else the last '=' of the pair
 * splits it and blanks around both are dropped.
 */
static const char *map_pair(const char *p, struct strbuf *column, struct strbuf *name, char *err, size_t errlen)
{
	const char *q = p + strspn(p, " \t"), *end;
	char *text;

	if (*q == '"') {
		for (q++;; q++) {
			if (!*q) {
				snprintf(err, errlen, "'%.80s': the quote is not closed", p);
				return NULL;
			}
			if (*q == '"' && *++q != '"')
				break;
			strbuf_addch(column, *q);
		}
		q += strspn(q, " \t");
		end = q + strcspn(q, ",");
		if (*q != '=' || !column->len) {
			snprintf(err, errlen, "'%.*s' is not \"COLUMN\"=FIELD", (int)(end - p < 80 ? end - p : 80), p);
			return NULL;
		}
		text = xstrndup(q + 1, (size_t)(end - q - 1));
		trim_into(name, text);
	} else {
		char *eq;
		end = p + strcspn(p, ",");
		text = xstrndup(p, (size_t)(end - p));
		eq = strrchr(text, '=');
		if (eq) {
			*eq = '\0';
			trim_into(column, text);
			trim_into(name, eq + 1);
		}
		if (!eq || !column->len) {
			snprintf(err, errlen, "'%.*s' is not COLUMN=FIELD%s", (int)(end - p < 80 ? end - p : 80), p,
				 !eq && *end == ',' ? " (a column named with a comma goes in double quotes: \"A, B\"=FIELD)"
						    : "");
			free(text);
			return NULL;
		}
	}
	free(text);
	return *end ? end + 1 : end;
}

int kith_csv_map_add(struct kith_csv_map *m, const char *spec, char *err, size_t errlen)
{
	const char *p = spec;

	while (*p) {
		struct strbuf column = STRBUF_INIT, name = STRBUF_INIT;
		const char *next = map_pair(p, &column, &name, err, errlen);
		int f = -1, ret = next ? 0 : -1;

		if (next) {
			if (!strcasecmp(name.buf, "linkedin"))
				f = KITH_CSV_URL;
			for (int i = 0; i < KITH_CSV_N_FIELDS && f < 0; i++)
				if (!strcasecmp(name.buf, field_names[i]))
					f = i;
		}
		if (next && f < 0) {
			snprintf(err, errlen, "unknown field '%.40s' (fields: %s)", name.buf, kith_csv_field_names);
			ret = -1;
		} else if (next && !multi_field((enum kith_csv_field)f)) {
			for (size_t i = 0; i < m->n; i++)
				if ((int)m->v[i].field == f) {
					snprintf(err, errlen, "field '%s' is mapped twice ('%.40s' and '%.40s')",
						 field_names[f], m->v[i].column, column.buf);
					ret = -1;
				}
		}
		if (!ret) {
			if (m->n == m->alloc) {
				m->alloc = m->alloc ? 2 * m->alloc : 8;
				m->v = xrealloc(m->v, m->alloc * sizeof(*m->v));
			}
			m->v[m->n].column = strbuf_detach(&column);
			m->v[m->n++].field = (enum kith_csv_field)f;
		}
		strbuf_release(&column);
		strbuf_release(&name);
		if (ret)
			return -1;
		p = next;
	}
	return 0;
}

void kith_csv_map_release(struct kith_csv_map *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->n; i++)
		free(m->v[i].column);
	free(m->v);
	m->v = NULL;
	m->n = m->alloc = 0;
}

/* The header's column named like `name` (blanks around either ignored, case too). */
static int header_col(const struct kith_csv *c, const char *name)
{
	for (size_t i = 0; i < c->n; i++) {
		struct strbuf sb = STRBUF_INIT;
		int same;
		trim_into(&sb, c->fields[i]);
		same = !strcasecmp(sb.buf, name);
		strbuf_release(&sb);
		if (same)
			return (int)i;
	}
	return -1;
}

/* Tags in a cell: separated by ",", ";" or ":::". */
static void push_tags(struct kith_strlist *tags, const char *cell)
{
	const char *p = cell;
	while (*p) {
		size_t n = 0;
		struct strbuf sb = STRBUF_INIT;
		char *raw;
		while (p[n] && p[n] != ',' && p[n] != ';' && strncmp(p + n, ":::", 3))
			n++;
		raw = xstrndup(p, n);
		trim_into(&sb, raw);
		free(raw);
		if (sb.len)
			kith_strlist_push(tags, sb.buf);
		strbuf_release(&sb);
		p += n;
		p += !strncmp(p, ":::", 3) ? 3 : *p ? 1 : 0;
	}
}

static void set_once(char **dst, const char *cell)
{
	if (!*dst)
		*dst = dup_or_null(cell);
}

static enum kith_rc import_mapped(struct run *r, struct kith_csv *c)
{
	const struct kith_csv_map *map = r->o->map;
	int *cols = xcalloc(map->n ? map->n : 1, sizeof(*cols));
	enum kith_rc rc = KITH_OK;
	char err[256];
	int got;

	/* the header: the first record that is not blank */
	while ((got = kith_csv_next(c, err, sizeof(err))) > 0 && blank(c))
		;
	if (got <= 0) {
		rc = got < 0 ? kith_fail(r->k, KITH_EINPUT, "%s: %s", r->source, err)
			     : kith_fail(r->k, KITH_EINPUT, "%s: no header line", r->source);
		goto cleanup;
	}
	for (size_t i = 0; i < map->n; i++) {
		cols[i] = header_col(c, map->v[i].column);
		if (cols[i] < 0) {
			struct strbuf msg = STRBUF_INIT;
			strbuf_addf(&msg, "%s: no column '%.80s' in the header (its columns: ", r->source, map->v[i].column);
			for (size_t j = 0; j < c->n && msg.len < 700; j++)
				strbuf_addf(&msg, "%s'%.60s'", j ? ", " : "", c->fields[j]);
			strbuf_addstr(&msg, msg.len >= 700 ? ", ...)" : ")");
			one_line(msg.buf);
			rc = kith_fail(r->k, KITH_EINPUT, "%s", msg.buf);
			strbuf_release(&msg);
			goto cleanup;
		}
	}
	kith_contact_merger_defer(r->m); /* contacts only: nothing is read until run_end */
	while (rc == KITH_OK && (got = kith_csv_next(c, err, sizeof(err))) > 0) {
		struct kith_contact ct;
		struct strbuf first = STRBUF_INIT, last = STRBUF_INIT;
		size_t line = c->line;
		const char *bad_bday = NULL;

		if (blank(c))
			continue;
		kith_contact_init(&ct);
		for (size_t i = 0; i < map->n; i++) {
			const char *cell = field(c, cols[i]);
			switch (map->v[i].field) {
			case KITH_CSV_NAME: set_once(&ct.name, cell); break;
			case KITH_CSV_FIRST: trim_into(&first, cell); break;
			case KITH_CSV_LAST: trim_into(&last, cell); break;
			case KITH_CSV_EMAIL: push_values(&ct.emails, cell); break;
			case KITH_CSV_PHONE: push_values(&ct.phones, cell); break;
			case KITH_CSV_ORG: set_once(&ct.org, cell); break;
			case KITH_CSV_TITLE: set_once(&ct.title, cell); break;
			case KITH_CSV_LOCATION: set_once(&ct.location, cell); break;
			case KITH_CSV_NOTES: set_once(&ct.notes, cell); break;
			case KITH_CSV_TAGS: push_tags(&ct.tags, cell); break;
			case KITH_CSV_MET: set_once(&ct.met, cell); break;
			case KITH_CSV_BIRTHDAY: {
				char *b = dup_or_null(cell);
				char buf[11];
				int md;
				if (b && kith_birthday_parse(b, buf, &md) == 0) {
					if (!ct.birthday) /* the first, as set_once */
						ct.birthday = xstrdup(buf);
				} else if (b) {
					bad_bday = cell;
				}
				free(b);
				break;
			}
			case KITH_CSV_URL: {
				struct kith_strlist urls = KITH_STRLIST_INIT;
				push_values(&urls, cell);
				for (size_t j = 0; j < urls.n; j++) {
					char *li = kith_linkedin_url(urls.v[j]);
					kith_strlist_push(&ct.links, li ? li : urls.v[j]);
					free(li);
				}
				kith_strlist_release(&urls);
				break;
			}
			case KITH_CSV_N_FIELDS: break;
			}
		}
		if (!ct.name && (first.len || last.len)) {
			struct strbuf nm = STRBUF_INIT;
			strbuf_addstr(&nm, first.buf);
			if (first.len && last.len)
				strbuf_addch(&nm, ' ');
			strbuf_addstr(&nm, last.buf);
			ct.name = strbuf_detach(&nm);
		}
		strbuf_release(&first);
		strbuf_release(&last);
		if (bad_bday) {
			rc = bad_row(r, line, "unreadable birthday '%.40s' (YYYY-MM-DD or --MM-DD)", bad_bday);
		} else if (!ct.name) {
			if (r->stats)
				r->stats->skipped++;
		} else {
			rc = merge(r, line, &ct, NULL);
		}
		kith_contact_release(&ct);
	}
	if (rc == KITH_OK && got < 0)
		rc = kith_fail(r->k, KITH_EINPUT, "%s: %s", r->source, err);
cleanup:
	free(cols);
	return rc;
}

/* ---- Connections.csv and Google contacts ---- */

static enum kith_rc import_contacts(struct run *r, struct kith_csv *c, enum layout layout)
{
	struct columns cols;
	enum kith_rc rc = KITH_OK;
	char err[256];
	int got;

	find_columns(c, &cols);
	kith_contact_merger_defer(r->m); /* contacts only: nothing is read until run_end */
	while (rc == KITH_OK && (got = kith_csv_next(c, err, sizeof(err))) > 0) {
		struct kith_contact ct;
		struct strbuf name = STRBUF_INIT;
		size_t line = c->line;

		if (blank(c))
			continue;
		kith_contact_init(&ct);
		full_name(c, &cols, &name);
		if (name.len)
			ct.name = strbuf_detach(&name);
		strbuf_release(&name);
		if (layout == LINKEDIN) {
			char *url = kith_linkedin_url(field(c, cols.url));
			if (url)
				kith_strlist_push(&ct.links, url);
			free(url);
			push_values(&ct.emails, field(c, cols.email));
			ct.org = dup_or_null(field(c, cols.company));
			ct.title = dup_or_null(field(c, cols.position));
			ct.connected_on = kith_linkedin_date(field(c, cols.connected));
			ct.met = xstrdup("LinkedIn");
		} else {
			push_numbered(c, cols.emails, &ct.emails);
			push_numbered(c, cols.phones, &ct.phones);
			push_numbered(c, cols.webs, &ct.links);
			ct.org = dup_or_null(field(c, cols.org));
			ct.title = dup_or_null(field(c, cols.title));
			ct.notes = dup_or_null(field(c, cols.notes));
			push_labels(&ct.tags, field(c, cols.labels));
			if (*field(c, cols.birthday)) {
				char b[11];
				int md;
				if (kith_birthday_parse(field(c, cols.birthday), b, &md) == 0)
					ct.birthday = xstrdup(b);
			}
		}
		if (!ct.name) {
			/* a member who hides their name: nothing to call them by */
			if (r->stats)
				r->stats->skipped++;
		} else {
			rc = merge(r, line, &ct, NULL);
		}
		kith_contact_release(&ct);
	}
	if (rc == KITH_OK && got < 0)
		rc = kith_fail(r->k, KITH_EINPUT, "%s: %s", r->source, err);
	return rc;
}

enum kith_rc kith_csv_import_data(struct kith *k, const struct kith_csv_import *o, const char *data, size_t len,
				  const char *source, struct kith_import_stats *stats, const char **format)
{
	static const struct kith_csv_import defaults = KITH_CSV_IMPORT_INIT;
	struct run r = { k, o ? o : &defaults, source, stats, NULL, NULL, NULL, NULL, NULL };
	struct kith_csv c;
	enum layout layout = LINKEDIN;
	char err[256];
	enum kith_rc rc = KITH_OK;
	int got, found = 0;

	if (kith_csv_init(&c, data, len, err, sizeof(err)) < 0)
		return kith_fail(k, KITH_EINPUT, "%s: %s", source, err);
	if (r.o->map) {
		if (format)
			*format = "CSV by columns";
		if ((rc = run_start(&r)) == KITH_OK)
			rc = import_mapped(&r, &c);
		goto cleanup;
	}
	for (int i = 0; i < HEADER_SEARCH && !found; i++) {
		got = kith_csv_next(&c, err, sizeof(err));
		if (got <= 0)
			break;
		found = detect(&c, &layout);
	}
	if (!found) {
		rc = kith_fail(k, KITH_EINPUT,
			       "%s: not a LinkedIn Connections.csv or a Google Contacts CSV (no header with"
			       " 'First Name', 'Last Name', 'Connected On' or 'E-mail 1 - Value'), nor a LinkedIn"
			       " messages.csv or Invitations.csv (for another CSV: kith import csv FILE --map ...)",
			       source);
		goto cleanup;
	}
	if (format)
		*format = layout == LINKEDIN ? "LinkedIn connections"
			: layout == MESSAGES ? "LinkedIn messages"
			: layout == MESSAGES_OLD ? "LinkedIn messages (older format)"
			: layout == INVITATIONS ? "LinkedIn invitations"
			: "Google contacts";
	if ((rc = run_start(&r)) != KITH_OK)
		goto cleanup;
	switch (layout) {
	case MESSAGES: rc = import_messages(&r, &c); break;
	case MESSAGES_OLD: rc = import_old_messages(&r, &c); break;
	case INVITATIONS: rc = import_invitations(&r, &c); break;
	default: rc = import_contacts(&r, &c, layout); break;
	}
cleanup:
	rc = run_end(&r, rc);
	kith_csv_release(&c);
	return rc;
}

enum kith_rc kith_import_csv(struct kith *k, const char *data, size_t len, const char *source, int circle,
			     struct kith_import_stats *stats, const char **format)
{
	struct kith_csv_import o = KITH_CSV_IMPORT_INIT;
	o.circle = circle;
	return kith_csv_import_data(k, &o, data, len, source, stats, format);
}

/* ---- a whole LinkedIn export: a folder or a zip ---- */

#define EXPORT_DEPTH 4

struct part {
	char *rel;   /* the path inside the export */
	int kind;    /* 0 Connections.csv, 1 Invitations.csv, 2 messages.csv */
	size_t index; /* the zip entry */
};

struct parts {
	struct part *v;
	size_t n, alloc, seen;
};

/* Which of the three files a path names (its last part, any case), or -1. */
static int part_kind(const char *rel)
{
	static const char *const names[] = { "connections.csv", "invitations.csv", "messages.csv" };
	const char *base = strrchr(rel, '/');
	base = base ? base + 1 : rel;
	for (int i = 0; i < 3; i++)
		if (!strcasecmp(base, names[i]))
			return i;
	return -1;
}

static void parts_add(struct parts *ps, const char *rel, size_t index)
{
	int kind = part_kind(rel);
	if (kind < 0)
		return;
	if (ps->n == ps->alloc) {
		ps->alloc = ps->alloc ? 2 * ps->alloc : 8;
		ps->v = xrealloc(ps->v, ps->alloc * sizeof(*ps->v));
	}
	ps->v[ps->n].rel = xstrdup(rel);
	ps->v[ps->n].kind = kind;
	ps->v[ps->n++].index = index;
}

static int part_cmp(const void *a, const void *b)
{
	const struct part *x = a, *y = b;
	return x->kind != y->kind ? x->kind - y->kind : strcmp(x->rel, y->rel);
}

/* The wanted files under dir/rel, depth folders deep at most. */
static enum kith_rc walk(struct kith *k, const char *top, const char *rel, int depth, struct parts *ps)
{
	struct strbuf path = STRBUF_INIT;
	DIR *d;
	struct dirent *e;
	enum kith_rc rc = KITH_OK;

	strbuf_addstr(&path, top);
	if (*rel)
		strbuf_addf(&path, "/%s", rel);
	d = opendir(path.buf);
	if (!d) {
		rc = kith_fail(k, KITH_ERR, "cannot read '%s': %s", path.buf, strerror(errno));
		goto cleanup;
	}
	while (rc == KITH_OK && (e = readdir(d)) != NULL) {
		struct strbuf sub = STRBUF_INIT, full = STRBUF_INIT;
		struct stat st;
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (++ps->seen > KITH_EXPORT_MAX_ENTRIES) {
			rc = kith_fail(k, KITH_EINPUT, "%s: more than %d files in the folder", top, KITH_EXPORT_MAX_ENTRIES);
			break;
		}
		if (*rel)
			strbuf_addf(&sub, "%s/", rel);
		strbuf_addstr(&sub, e->d_name);
		strbuf_addf(&full, "%s/%s", top, sub.buf);
		/* lstat: a link is not followed (no loops, nothing outside) */
		if (lstat(full.buf, &st) == 0) {
			if (S_ISDIR(st.st_mode) && depth < EXPORT_DEPTH)
				rc = walk(k, top, sub.buf, depth + 1, ps);
			else if (S_ISREG(st.st_mode))
				parts_add(ps, sub.buf, 0);
		}
		strbuf_release(&sub);
		strbuf_release(&full);
	}
	closedir(d);
cleanup:
	strbuf_release(&path);
	return rc;
}

static enum kith_rc read_file(struct kith *k, const char *path, struct strbuf *out)
{
	FILE *fp = fopen(path, "rb");
	char buf[65536];
	size_t n;
	enum kith_rc rc = KITH_OK;

	if (!fp)
		return kith_fail(k, KITH_ERR, "cannot read '%s': %s", path, strerror(errno));
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		if (out->len + n > KITH_EXPORT_MAX_FILE || strbuf_add(out, buf, n) < 0) {
			rc = kith_fail(k, KITH_EINPUT, "%s: larger than %u MiB", path, KITH_EXPORT_MAX_FILE >> 20);
			break;
		}
	if (rc == KITH_OK && ferror(fp))
		rc = kith_fail(k, KITH_ERR, "cannot read '%s': %s", path, strerror(errno));
	fclose(fp);
	return rc;
}

enum kith_rc kith_csv_import_export(struct kith *k, const struct kith_csv_import *o, const char *path,
				    struct kith_import_stats *stats)
{
	static const struct kith_csv_import defaults = KITH_CSV_IMPORT_INIT;
	struct kith_csv_import opts = o ? *o : defaults;
	struct parts ps = { NULL, 0, 0, 0 };
	struct kith_zip *z = NULL;
	struct stat st;
	size_t total = 0;
	enum kith_rc rc = KITH_OK;

	opts.map = NULL; /* the export's own formats */
	if (stat(path, &st) < 0)
		return kith_fail(k, KITH_ERR, "cannot read '%s': %s", path, strerror(errno));
	if (S_ISDIR(st.st_mode)) {
		rc = walk(k, path, "", 1, &ps);
	} else {
		char err[256];
		z = kith_zip_open(path, KITH_EXPORT_MAX_ENTRIES, err, sizeof(err));
		if (!z)
			rc = kith_fail(k, KITH_EINPUT, "%s: %s", path, err);
		for (size_t i = 0; z && i < kith_zip_count(z); i++)
			parts_add(&ps, kith_zip_name(z, i), i);
	}
	if (rc != KITH_OK)
		goto cleanup;
	if (!ps.n) {
		rc = kith_fail(k, KITH_EINPUT, "%s: no Connections.csv, Invitations.csv or messages.csv in it", path);
		goto cleanup;
	}
	qsort(ps.v, ps.n, sizeof(*ps.v), part_cmp);
	for (size_t i = 0; i < ps.n && rc == KITH_OK; i++) {
		struct strbuf data = STRBUF_INIT, source = STRBUF_INIT;
		const char *format = NULL;
		if (z) {
			char err[256];
			strbuf_addf(&source, "%s(%s)", path, ps.v[i].rel);
			if (kith_zip_read(z, ps.v[i].index, KITH_EXPORT_MAX_FILE, &data, err, sizeof(err)) < 0)
				rc = kith_fail(k, KITH_EINPUT, "%s: %s", source.buf, err);
		} else {
			strbuf_addf(&source, "%s/%s", path, ps.v[i].rel);
			rc = read_file(k, source.buf, &data);
		}
		total += data.len;
		if (rc == KITH_OK && total > KITH_EXPORT_MAX_TOTAL)
			rc = kith_fail(k, KITH_EINPUT, "%s: more than %u MiB of CSV in all", path, KITH_EXPORT_MAX_TOTAL >> 20);
		if (rc == KITH_OK)
			rc = kith_csv_import_data(k, &opts, data.buf, data.len, source.buf, stats, &format);
		if (rc == KITH_OK && opts.file)
			opts.file(opts.ctx, source.buf, format);
		strbuf_release(&data);
		strbuf_release(&source);
	}
cleanup:
	for (size_t i = 0; i < ps.n; i++)
		free(ps.v[i].rel);
	free(ps.v);
	kith_zip_close(z);
	return rc;
}
