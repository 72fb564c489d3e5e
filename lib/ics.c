/*
 * The calendar feed (see include/kith/ics.h).
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/ics.h"
#include "kith/person.h"
#include "util/xalloc.h"
#include "util/hash.h"
#include "banned.h"

#define FOLD 75 /* octets per line, CRLF not counted (RFC 5545 3.1) */

void kith_ics_escape(struct strbuf *out, const char *text)
{
	for (const char *p = text; *p; p++) {
		switch (*p) {
		case '\\': strbuf_addstr(out, "\\\\"); break;
		case ';': strbuf_addstr(out, "\\;"); break;
		case ',': strbuf_addstr(out, "\\,"); break;
		case '\n': strbuf_addstr(out, "\\n"); break;
		case '\r': break;
		default:
			/* other control characters are not allowed in TEXT */
			if ((unsigned char)*p < 0x20 && *p != '\t')
				strbuf_addch(out, ' ');
			else
				strbuf_addch(out, *p);
		}
	}
}

/* Length of the UTF-8 character starting at p (1 for a stray byte). */
static size_t char_len(const unsigned char *p)
{
	size_t n = 1;
	if (*p >= 0xF0)
		n = 4;
	else if (*p >= 0xE0)
		n = 3;
	else if (*p >= 0xC0)
		n = 2;
	for (size_t i = 1; i < n; i++)
		if ((p[i] & 0xC0) != 0x80)
			return 1;
	return n;
}

void kith_ics_line(struct strbuf *out, const char *name, const char *value)
{
	struct strbuf line = STRBUF_INIT;
	size_t used = 0;
	const unsigned char *p;

	strbuf_addstr(&line, name);
	strbuf_addch(&line, ':');
	strbuf_addstr(&line, value);
	p = (const unsigned char *)line.buf;
	while (*p) {
		size_t n = char_len(p);
		if (used + n > FOLD) {
			/* a fold: CRLF and one space, which counts on the next line */
			strbuf_addstr(out, "\r\n ");
			used = 1;
		}
		strbuf_add(out, p, n);
		used += n;
		p += n;
	}
	strbuf_addstr(out, "\r\n");
	strbuf_release(&line);
}

static void line_text(struct strbuf *out, const char *name, const char *text)
{
	struct strbuf v = STRBUF_INIT;
	kith_ics_escape(&v, text);
	kith_ics_line(out, name, v.buf);
	strbuf_release(&v);
}

static void line_date(struct strbuf *out, const char *name, kith_day d)
{
	char buf[16];
	int y, m, dd;
	kith_day_to_civil(d, &y, &m, &dd);
	snprintf(buf, sizeof(buf), "%04d%02d%02d", y, m, dd);
	kith_ics_line(out, name, buf);
}

static void alarm(struct strbuf *out, const char *trigger, const char *text)
{
	kith_ics_line(out, "BEGIN", "VALARM");
	kith_ics_line(out, "ACTION", "DISPLAY");
	line_text(out, "DESCRIPTION", text);
	kith_ics_line(out, "TRIGGER", trigger);
	kith_ics_line(out, "END", "VALARM");
}

struct feed {
	struct kith *k;
	struct strbuf *out;
	struct kith_ics_stats *stats;
	sqlite3_stmt *get, *put;
	char stamp[24];
};

/*
 * Write one VEVENT: UID, DTSTAMP, LAST-MODIFIED and SEQUENCE, then body
 * (content lines). SEQUENCE goes up when body differs from last time.
 */
static enum kith_rc emit(struct feed *f, const char *uid, const struct strbuf *body)
{
	char hash[17], buf[32];
	kith_day modified = f->k->today;
	int seq = 0, changed = 1;

	kith_hash_hex(body->buf, body->len, hash);
	sqlite3_reset(f->get);
	sqlite3_bind_text(f->get, 1, uid, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(f->get) == SQLITE_ROW) {
		seq = sqlite3_column_int(f->get, 1);
		if (!strcmp((const char *)sqlite3_column_text(f->get, 0), hash)) {
			changed = 0;
			modified = kith_column_day(f->get, 2);
		} else {
			seq++;
		}
	}
	sqlite3_reset(f->get);
	if (changed) {
		sqlite3_reset(f->put);
		sqlite3_bind_text(f->put, 1, uid, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(f->put, 2, hash, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(f->put, 3, seq);
		kith_bind_day(f->put, 4, f->k->today);
		if (sqlite3_step(f->put) != SQLITE_DONE)
			return kith_fail_db(f->k, "cannot remember the calendar event");
		sqlite3_reset(f->put);
		if (f->stats)
			f->stats->changed += 1;
	}
	if (modified == KITH_NO_DAY)
		modified = f->k->today;
	kith_ics_line(f->out, "BEGIN", "VEVENT");
	kith_ics_line(f->out, "UID", uid);
	kith_ics_line(f->out, "DTSTAMP", f->stamp);
	{
		int y, m, d;
		kith_day_to_civil(modified, &y, &m, &d);
		snprintf(buf, sizeof(buf), "%04d%02d%02dT000000Z", y, m, d);
		kith_ics_line(f->out, "LAST-MODIFIED", buf);
	}
	snprintf(buf, sizeof(buf), "%d", seq);
	kith_ics_line(f->out, "SEQUENCE", buf);
	strbuf_add(f->out, body->buf, body->len);
	kith_ics_line(f->out, "END", "VEVENT");
	if (f->stats)
		f->stats->events++;
	return KITH_OK;
}

static enum kith_rc birthdays(struct feed *f)
{
	sqlite3_stmt *st = kith_prepare(f->k, "SELECT uid, name, birthday FROM person"
					      " WHERE birthday IS NOT NULL ORDER BY id");
	struct strbuf body = STRBUF_INIT, text = STRBUF_INIT;
	enum kith_rc rc = KITH_OK;

	if (!st)
		return KITH_ERR;
	while (rc == KITH_OK && sqlite3_step(st) == SQLITE_ROW) {
		const char *b = (const char *)sqlite3_column_text(st, 2);
		const char *name = (const char *)sqlite3_column_text(st, 1);
		char uid[96];
		int y, m, d;
		kith_day start;

		if (kith_birthday_split(b, &y, &m, &d) < 0)
			continue;
		if (!y)
			y = 2000; /* no year: 2000, a leap year, so 29 February exists */
		if (!kith_civil_valid(y, m, d))
			continue;
		start = kith_day_from_civil(y, m, d);
		strbuf_reset(&body);
		strbuf_reset(&text);
		strbuf_addf(&text, "Birthday: %s", name);
		line_text(&body, "SUMMARY", text.buf);
		line_date(&body, "DTSTART;VALUE=DATE", start);
		line_date(&body, "DTEND;VALUE=DATE", start + 1);
		kith_ics_line(&body, "RRULE", m == 2 && d == 29 ? "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1" : "FREQ=YEARLY");
		kith_ics_line(&body, "TRANSP", "TRANSPARENT");
		kith_ics_line(&body, "CATEGORIES", "Birthday");
		alarm(&body, "PT9H", text.buf);
		snprintf(uid, sizeof(uid), "birthday-%s@kith", (const char *)sqlite3_column_text(st, 0));
		rc = emit(f, uid, &body);
	}
	sqlite3_finalize(st);
	strbuf_release(&body);
	strbuf_release(&text);
	return rc;
}

static enum kith_rc reconnects(struct feed *f)
{
	/* due from today on (the backlog is the plan's business), and chats */
	sqlite3_stmt *st = kith_prepare(f->k,
		"SELECT uid, name, due_on, cadence_days, last_touch, last_kind, role FROM person"
		" WHERE due_on IS NOT NULL AND (due_on >= ?1 OR role IS NOT NULL) ORDER BY id");
	struct strbuf body = STRBUF_INIT, text = STRBUF_INIT, desc = STRBUF_INIT;
	enum kith_rc rc = KITH_OK;

	if (!st)
		return KITH_ERR;
	kith_bind_day(st, 1, f->k->today);
	while (rc == KITH_OK && sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 1);
		kith_day due = kith_column_day(st, 2);
		int cad = sqlite3_column_int(st, 3);
		kith_day last = kith_column_day(st, 4);
		const char *kind = (const char *)sqlite3_column_text(st, 5);
		int chat = sqlite3_column_type(st, 6) != SQLITE_NULL;
		char uid[96], every[48], rule[64];

		if (due < f->k->today)
			due = f->k->today; /* a late chat: from today */
		strbuf_reset(&body);
		strbuf_reset(&text);
		strbuf_reset(&desc);
		kith_duration_words(cad, every, sizeof(every));
		strbuf_addf(&text, chat ? "Chat with %s" : "Reconnect with %s", name);
		if (last != KITH_NO_DAY) {
			char on[KITH_DATE_BUFSZ];
			strbuf_addf(&desc, "Last %s on %s; you aim for %s.", kind ? kind : "touch",
				    kith_day_format(last, on), every);
		} else {
			strbuf_addf(&desc, "Not in touch yet; you aim for %s.", every);
		}
		line_text(&body, "SUMMARY", text.buf);
		line_text(&body, "DESCRIPTION", desc.buf);
		line_date(&body, "DTSTART;VALUE=DATE", due);
		line_date(&body, "DTEND;VALUE=DATE", due + 1);
		if (chat) {
			snprintf(rule, sizeof(rule), "FREQ=DAILY;INTERVAL=%d", cad > 0 ? cad : 1);
			kith_ics_line(&body, "RRULE", rule);
		}
		kith_ics_line(&body, "TRANSP", "TRANSPARENT");
		alarm(&body, "PT9H", text.buf);
		snprintf(uid, sizeof(uid), "%s-%s@kith", chat ? "chat" : "reconnect",
			 (const char *)sqlite3_column_text(st, 0));
		rc = emit(f, uid, &body);
	}
	sqlite3_finalize(st);
	strbuf_release(&body);
	strbuf_release(&text);
	strbuf_release(&desc);
	return rc;
}

static enum kith_rc goals(struct feed *f)
{
	sqlite3_stmt *st = kith_prepare(f->k, "SELECT id, text, by FROM goal WHERE done_on IS NULL ORDER BY id");
	struct strbuf body = STRBUF_INIT, text = STRBUF_INIT;
	enum kith_rc rc = KITH_OK;

	if (!st)
		return KITH_ERR;
	while (rc == KITH_OK && sqlite3_step(st) == SQLITE_ROW) {
		kith_day by = kith_column_day(st, 2);
		char uid[64];
		if (by == KITH_NO_DAY)
			continue;
		strbuf_reset(&body);
		strbuf_reset(&text);
		strbuf_addf(&text, "Goal deadline: %s", (const char *)sqlite3_column_text(st, 1));
		line_text(&body, "SUMMARY", text.buf);
		line_date(&body, "DTSTART;VALUE=DATE", by);
		line_date(&body, "DTEND;VALUE=DATE", by + 1);
		kith_ics_line(&body, "TRANSP", "TRANSPARENT");
		alarm(&body, "-P3D", text.buf);
		snprintf(uid, sizeof(uid), "goal-%lld@kith", (long long)sqlite3_column_int64(st, 0));
		rc = emit(f, uid, &body);
	}
	sqlite3_finalize(st);
	strbuf_release(&body);
	strbuf_release(&text);
	return rc;
}

enum kith_rc kith_ics_export(struct kith *k, struct strbuf *out, struct kith_ics_stats *stats)
{
	struct feed f;
	enum kith_rc rc;
	int y, m, d;

	memset(&f, 0, sizeof(f));
	f.k = k;
	f.out = out;
	f.stats = stats;
	if (stats)
		memset(stats, 0, sizeof(*stats));
	kith_day_to_civil(k->today, &y, &m, &d);
	snprintf(f.stamp, sizeof(f.stamp), "%04d%02d%02dT000000Z", y, m, d);
	rc = kith_sp_begin(k);
	if (rc != KITH_OK)
		return rc;
	f.get = kith_prepare(k, "SELECT hash, sequence, modified FROM ics_event WHERE uid = ?1");
	f.put = kith_prepare(k, "INSERT INTO ics_event(uid, hash, sequence, modified) VALUES (?1, ?2, ?3, ?4)"
				" ON CONFLICT(uid) DO UPDATE SET hash = ?2, sequence = ?3, modified = ?4");
	if (!f.get || !f.put) {
		rc = KITH_ERR;
		goto done;
	}
	kith_ics_line(out, "BEGIN", "VCALENDAR");
	kith_ics_line(out, "VERSION", "2.0");
	kith_ics_line(out, "PRODID", "-//kith//kith//EN");
	kith_ics_line(out, "CALSCALE", "GREGORIAN");
	kith_ics_line(out, "METHOD", "PUBLISH");
	kith_ics_line(out, "NAME", "kith");
	kith_ics_line(out, "X-WR-CALNAME", "kith");
	kith_ics_line(out, "REFRESH-INTERVAL;VALUE=DURATION", "PT12H");
	kith_ics_line(out, "X-PUBLISHED-TTL", "PT12H");
	rc = birthdays(&f);
	if (rc == KITH_OK)
		rc = reconnects(&f);
	if (rc == KITH_OK)
		rc = goals(&f);
	kith_ics_line(out, "END", "VCALENDAR");
done:
	sqlite3_finalize(f.get);
	sqlite3_finalize(f.put);
	return kith_sp_end(k, rc);
}
