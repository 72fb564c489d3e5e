/*
 * Calendar in: iCalendar events to interactions (see kith/icsimport.h for
 * the rules). libical parses the file and iterates recurrence rules; this
 * file decides what an occurrence is, its day, its people and its kind.
 */
#include "internal.h"

#include <libical/ical.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kith/icsimport.h"
#include "kith/interaction.h"
#include "kith/person.h"
#include "kith/strbuf.h"
#include "util/fold.h"
#include "util/xalloc.h"
#include "util/hash.h"
#include "lazy_ical.h"
#include "banned.h"

#define MAX_UID 512      /* a longer UID is replaced by a hash of it */
#define MAX_EMAIL 320
#define STR_(x) #x
#define STR(x) STR_(x)

/* ---- small helpers ---------------------------------------------------- */

/* Length of the valid UTF-8 sequence at p (up to end), 0 when invalid. */
static size_t utf8_len(const unsigned char *p, const unsigned char *end)
{
	size_t n, i;
	unsigned cp;
	if (*p < 0x80)
		return 1;
	if ((*p & 0xE0) == 0xC0) {
		n = 2;
		cp = *p & 0x1F;
	} else if ((*p & 0xF0) == 0xE0) {
		n = 3;
		cp = *p & 0x0F;
	} else if ((*p & 0xF8) == 0xF0) {
		n = 4;
		cp = *p & 0x07;
	} else {
		return 0;
	}
	if ((size_t)(end - p) < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

/*
 * The note: SUMMARY on one line (control characters and runs of blanks to
 * one space), trimmed, invalid UTF-8 replaced by U+FFFD, at most
 * KITH_ICS_MAX_NOTE bytes cut on a character boundary. NULL when empty.
 */
static char *clean_note(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	const unsigned char *p = (const unsigned char *)s, *end;
	int space = 0;

	if (!s)
		return NULL;
	end = p + strlen(s);
	while (p < end) {
		size_t n;
		if (*p < 0x20 || *p == 0x7F || *p == ' ') {
			space = sb.len > 0;
			p++;
			continue;
		}
		n = utf8_len(p, end);
		if (sb.len + (space ? 1 : 0) + (n ? n : 3) > KITH_ICS_MAX_NOTE)
			break;
		if (space)
			strbuf_addch(&sb, ' ');
		space = 0;
		if (n) {
			strbuf_add(&sb, p, n);
			p += n;
		} else {
			strbuf_addstr(&sb, "\xEF\xBF\xBD");
			p++;
		}
	}
	if (!sb.len) {
		strbuf_release(&sb);
		return NULL;
	}
	return strbuf_detach(&sb);
}

static const char *const coffee_words[] = { "coffee", "cafe", "lunch", "breakfast", "dinner", "drinks", "walk", NULL };
static const char *const call_words[] = { "call", "phone", "zoom", "meet", "teams", "video", NULL };

/* 2 when text has a coffee word, 1 a call word (and no coffee word), else 0. */
static int keyword_class(const char *text)
{
	struct strbuf f = STRBUF_INIT;
	int found = 0;
	const char *p;

	if (!text)
		return 0;
	kith_fold(text, &f);
	p = f.buf;
	while (*p && found < 2) {
		const char *w;
		size_t n;
		/* words: runs of letters and digits; other bytes above 0x7F (letters kith_fold keeps) too */
		while (*p && !((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || (unsigned char)*p >= 0x80))
			p++;
		w = p;
		while ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || (unsigned char)*p >= 0x80)
			p++;
		n = (size_t)(p - w);
		if (!n)
			break;
		for (size_t i = 0; coffee_words[i]; i++)
			if (strlen(coffee_words[i]) == n && !memcmp(coffee_words[i], w, n))
				found = 2;
		for (size_t i = 0; found < 1 && call_words[i]; i++)
			if (strlen(call_words[i]) == n && !memcmp(call_words[i], w, n))
				found = 1;
	}
	strbuf_release(&f);
	return found;
}

const char *kith_ics_kind(const char *summary, const char *location)
{
	int c = keyword_class(summary);
	if (!c)
		c = keyword_class(location);
	return c == 2 ? "coffee" : c == 1 ? "call" : "meeting";
}

/* ---- the parsed file -------------------------------------------------- */

/*
 * A time to compare instances by: as written, and in UTC when it has a
 * zone (converted once: a conversion may expand a VTIMEZONE year by year).
 */
struct when {
	struct icaltimetype t, utc;
	int abs;  /* utc is set */
};

/* One VEVENT of the file. */
struct item {
	icalcomponent *comp;
	icalcomponent *cal;      /* its VCALENDAR */
	char *key;               /* UID or synthetic */
	size_t order;            /* place in the file */
	size_t line;             /* of its BEGIN:VEVENT, 0 when unknown */
	int override;            /* has a RECURRENCE-ID */
	struct icaltimetype start;       /* DTSTART, zoned when known */
	struct when rid;                 /* RECURRENCE-ID */
	const char *bad;         /* why it cannot be read (a static string), NULL when fine */
	char badbuf[160];        /* or libical's reason, when not empty (items move: no pointer into it) */
};

struct group {
	size_t start, n;         /* items[start .. start+n-1], sorted by order */
	size_t first;            /* order of its first item */
};

/* One instance of an event. */
struct inst {
	struct icaltimetype start;
	kith_day day, key_day;
	struct item *it;
};

struct emails {
	char **v;
	size_t n, alloc;
};

struct reader {
	kith_day today;
	int max_year;   /* no time after this year can be an instance up to today */
	const struct kith_ics_handler *h;
	struct kith_ics_read_stats *st;
	char *err;
	size_t errlen;
	size_t err_line;
	struct item *items;
	size_t n_items, alloc_items;
	struct inst *inst;
	size_t n_inst, alloc_inst;
};

static int set_err(struct reader *r, size_t line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int set_err(struct reader *r, size_t line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (r->errlen)
		vsnprintf(r->err, r->errlen, fmt, ap);
	va_end(ap);
	r->err_line = line;
	return -1;
}

/* The message of the first X-LIC-ERROR in c (and, when deep, in its subcomponents), or NULL. */
static const char *first_error(icalcomponent *c, int deep)
{
	icalproperty *p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY);
	if (p) {
		const char *m = icalproperty_get_xlicerror(p);
		return m && *m ? m : "parse error";
	}
	if (!deep)
		return NULL;
	for (icalcomponent *s = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); s;
	     s = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT)) {
		const char *m = first_error(s, 1);
		if (m)
			return m;
	}
	return NULL;
}

/* Lines of every "BEGIN:VEVENT" in the text, in order. */
static size_t *event_lines(const char *s, size_t len, size_t *n)
{
	size_t *v = NULL, alloc = 0, line = 1;
	const char *p = s, *end = s + len;
	*n = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t ll = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (ll >= 12 && !strncasecmp(p, "BEGIN:VEVENT", 12)) {
			if (*n == alloc) {
				alloc = alloc ? 2 * alloc : 64;
				v = xrealloc(v, alloc * sizeof(*v));
			}
			v[(*n)++] = line;
		}
		line++;
		p = nl ? nl + 1 : end;
	}
	return v;
}

#define MAX_DEPTH 16

/*
 * Is the line (ll bytes) a BEGIN or END (word), as libical reads it: the
 * property name up to ':' or ';', the component's name after the first ':'
 * (possibly empty)?
 */
static int delimiter(const char *p, size_t ll, const char *word, const char **name, size_t *nlen)
{
	size_t w = strlen(word);
	const char *colon;
	if (ll <= w || strncasecmp(p, word, w) || (p[w] != ':' && p[w] != ';'))
		return 0;
	colon = memchr(p + w, ':', ll - w);
	*name = colon ? colon + 1 : p + ll;
	*nlen = (size_t)(p + ll - *name);
	return 1;
}

/*
 * BEGIN and END lines must pair up: libical drops a stray END with only a
 * message on stderr, and keeps what it read of a calendar cut short.
 * Returns 0, or -1 with the error set and its line.
 */
static int check_structure(struct reader *r, const char *s, size_t len)
{
	struct {
		const char *name;
		size_t len, line;
	} stack[MAX_DEPTH];
	size_t depth = 0, line = 0;
	int calendars = 0;
	const char *p = s, *end = s + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t ll = nl ? (size_t)(nl - p) : (size_t)(end - p);
		const char *name;
		size_t nlen;

		line++;
		if (ll && p[ll - 1] == '\r')
			ll--;
		if (delimiter(p, ll, "BEGIN", &name, &nlen)) {
			if (depth == MAX_DEPTH)
				return set_err(r, line, "components nested too deep (%d levels at most)", MAX_DEPTH);
			if (depth == 0 && (nlen != 9 || strncasecmp(name, "VCALENDAR", 9)))
				return set_err(r, line, "BEGIN:%.*s outside a VCALENDAR", (int)(nlen > 40 ? 40 : nlen), name);
			calendars += depth == 0;
			stack[depth].name = name;
			stack[depth].len = nlen;
			stack[depth].line = line;
			depth++;
		} else if (delimiter(p, ll, "END", &name, &nlen)) {
			if (!depth)
				return set_err(r, line, "END:%.*s without BEGIN", (int)(nlen > 40 ? 40 : nlen), name);
			depth--;
			if (nlen != stack[depth].len || strncasecmp(name, stack[depth].name, nlen))
				return set_err(r, line, "END:%.*s where END:%.*s (for line %zu) was expected",
					       (int)(nlen > 40 ? 40 : nlen), name,
					       (int)(stack[depth].len > 40 ? 40 : stack[depth].len), stack[depth].name,
					       stack[depth].line);
		}
		p = nl ? nl + 1 : end;
	}
	if (!calendars)
		return set_err(r, 0, "not an iCalendar file (no BEGIN:VCALENDAR)");
	if (depth)
		return set_err(r, 0, "the calendar is cut short (no END:%.*s for line %zu)",
			       (int)(stack[depth - 1].len > 40 ? 40 : stack[depth - 1].len), stack[depth - 1].name,
			       stack[depth - 1].line);
	return 0;
}

struct event_line {
	icalcomponent *comp;
	size_t line;
};

/* Every VEVENT in c and below, in document order, with the next line of lines. */
static void list_events(icalcomponent *c, const size_t *lines, size_t n_lines, struct event_line *v, size_t *n,
			int *over)
{
	for (icalcomponent *s = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); s;
	     s = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT)) {
		if (icalcomponent_isa(s) == ICAL_VEVENT_COMPONENT) {
			if (*n == n_lines) {
				*over = 1;
				return;
			}
			v[*n].comp = s;
			v[*n].line = lines[*n];
			(*n)++;
		}
		list_events(s, lines, n_lines, v, n, over);
	}
}

static int cmp_event_line(const void *a, const void *b)
{
	const struct event_line *x = a, *y = b;
	return (uintptr_t)x->comp < (uintptr_t)y->comp ? -1 : (uintptr_t)x->comp > (uintptr_t)y->comp;
}

/*
 * The line of each item's BEGIN:VEVENT: the k-th VEVENT libical built is
 * the k-th BEGIN:VEVENT line, when the two counts agree (else lines stay 0).
 */
static void number_items(struct reader *r, icalcomponent *root, const size_t *lines, size_t n_lines)
{
	struct event_line *v = xcalloc(n_lines ? n_lines : 1, sizeof(*v));
	size_t n = 0;
	int over = 0;

	list_events(root, lines, n_lines, v, &n, &over);
	if (!over && n == n_lines) {
		qsort(v, n, sizeof(*v), cmp_event_line);
		for (size_t i = 0; i < r->n_items; i++) {
			struct event_line key = { r->items[i].comp, 0 };
			struct event_line *hit = bsearch(&key, v, n, sizeof(*v), cmp_event_line);
			if (hit)
				r->items[i].line = hit->line;
		}
	}
	free(v);
}

/* ---- times ------------------------------------------------------------ */

/* Resolve a TZID parameter of p: the file's VTIMEZONE, else libical's built-in zone. */
static icaltimezone *tzid_zone(icalproperty *p, icalcomponent *cal)
{
	icalparameter *param = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
	const char *id = param ? icalparameter_get_tzid(param) : NULL;
	icaltimezone *z;
	if (!id || !*id)
		return NULL;
	z = icalcomponent_get_timezone(cal, id);
	if (!z && strlen(id) < 100)
		z = icaltimezone_get_builtin_timezone(id);
	return z;
}

/* t from property p, with its zone when one is known. */
static struct icaltimetype zoned(icalproperty *p, struct icaltimetype t, icalcomponent *cal)
{
	if (!t.is_date && !t.zone && !icaltime_is_utc(t)) {
		icaltimezone *z = tzid_zone(p, cal);
		if (z)
			t.zone = z;
	}
	return t;
}

#define MIN_YEAR 1800   /* times before are not converted between zones */

/*
 * The day of t: its date as written, except a UTC time, taken in calzone
 * when given (and the year is one worth converting: later ones are after
 * today in any zone).
 */
static kith_day day_of(struct icaltimetype t, icaltimezone *calzone, int max_year)
{
	if (!t.is_date && calzone && icaltime_is_utc(t) && t.year >= MIN_YEAR && t.year <= max_year)
		t = icaltime_convert_to_zone(t, calzone);
	if (!kith_civil_valid(t.year, t.month, t.day))
		return KITH_NO_DAY;
	return kith_day_from_civil(t.year, t.month, t.day);
}

static int same_fields(struct icaltimetype a, struct icaltimetype b)
{
	return a.year == b.year && a.month == b.month && a.day == b.day && a.hour == b.hour &&
	       a.minute == b.minute && a.second == b.second;
}

static struct when when_of(struct icaltimetype t, int max_year)
{
	struct when w;
	memset(&w, 0, sizeof(w));
	w.t = t;
	if (!t.is_date && t.zone && t.year >= MIN_YEAR && t.year <= max_year) {
		w.utc = icaltime_convert_to_zone(t, icaltimezone_get_utc_timezone());
		w.abs = 1;
	}
	return w;
}

/*
 * Is instance a the one ref (an EXDATE or a RECURRENCE-ID) names? A date
 * names every instance on that day; times with zones compare in UTC,
 * others as written.
 */
static int same_instance(const struct when *a, const struct when *ref)
{
	if (a->t.is_date || ref->t.is_date)
		return a->t.year == ref->t.year && a->t.month == ref->t.month && a->t.day == ref->t.day;
	if (a->abs && ref->abs)
		return same_fields(a->utc, ref->utc);
	return same_fields(a->t, ref->t);
}

static struct icaltimetype read_dtstart(icalcomponent *c, icalcomponent *cal)
{
	icalproperty *p = icalcomponent_get_first_property(c, ICAL_DTSTART_PROPERTY);
	if (!p)
		return icaltime_null_time();
	return zoned(p, icalproperty_get_dtstart(p), cal);
}

static struct when read_rid(icalcomponent *c, icalcomponent *cal, int max_year)
{
	icalproperty *p = icalcomponent_get_first_property(c, ICAL_RECURRENCEID_PROPERTY);
	if (!p)
		return when_of(icaltime_null_time(), max_year);
	return when_of(zoned(p, icalproperty_get_recurrenceid(p), cal), max_year);
}

static icaltimezone *cal_zone(icalcomponent *cal)
{
	for (icalproperty *p = icalcomponent_get_first_property(cal, ICAL_X_PROPERTY); p;
	     p = icalcomponent_get_next_property(cal, ICAL_X_PROPERTY)) {
		const char *name = icalproperty_get_x_name(p);
		if (name && !strcasecmp(name, "X-WR-TIMEZONE")) {
			const char *v = icalproperty_get_x(p);
			if (v && *v && strlen(v) < 100)
				return icaltimezone_get_builtin_timezone(v);
		}
	}
	return NULL;
}

/* ---- items ------------------------------------------------------------ */

static int cancelled(icalcomponent *c)
{
	return icalcomponent_get_first_property(c, ICAL_STATUS_PROPERTY) &&
	       icalcomponent_get_status(c) == ICAL_STATUS_CANCELLED;
}

/* "nouid-" and a hash of DTSTART (with its TZID), SUMMARY and ORGANIZER. */
static char *synthetic_key(icalcomponent *c)
{
	icalproperty *p = icalcomponent_get_first_property(c, ICAL_DTSTART_PROPERTY);
	uint64_t h = KITH_FNV_INIT;
	char buf[40];

	if (p) {
		char *v = icalproperty_get_value_as_string_r(p);
		icalparameter *tz = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
		h = kith_fnv1a_str(h, v);
		h = kith_fnv1a_str(h, tz ? icalparameter_get_tzid(tz) : NULL);
		free(v);
	}
	p = icalcomponent_get_first_property(c, ICAL_SUMMARY_PROPERTY);
	h = kith_fnv1a_str(h, p ? icalproperty_get_summary(p) : NULL);
	p = icalcomponent_get_first_property(c, ICAL_ORGANIZER_PROPERTY);
	h = kith_fnv1a_str(h, p ? icalproperty_get_organizer(p) : NULL);
	snprintf(buf, sizeof(buf), "nouid-%016llx", (unsigned long long)h);
	return xstrdup(buf);
}

static char *item_key(icalcomponent *c)
{
	icalproperty *p = icalcomponent_get_first_property(c, ICAL_UID_PROPERTY);
	const char *uid = p ? icalproperty_get_uid(p) : NULL;
	char buf[40];

	if (!uid || !*uid)
		return synthetic_key(c);
	if (strlen(uid) <= MAX_UID)
		return xstrdup(uid);
	snprintf(buf, sizeof(buf), "uid-%016llx", (unsigned long long)kith_fnv1a_str(KITH_FNV_INIT, uid));
	return xstrdup(buf);
}

static void add_item(struct reader *r, icalcomponent *ev, icalcomponent *cal)
{
	struct item *it;
	const char *e;

	if (r->n_items == r->alloc_items) {
		r->alloc_items = r->alloc_items ? 2 * r->alloc_items : 64;
		r->items = xrealloc(r->items, r->alloc_items * sizeof(*r->items));
	}
	it = &r->items[r->n_items];
	memset(it, 0, sizeof(*it));
	it->comp = ev;
	it->cal = cal;
	it->order = r->n_items++;
	it->key = item_key(ev);
	it->override = icalcomponent_get_first_property(ev, ICAL_RECURRENCEID_PROPERTY) != NULL;
	it->start = read_dtstart(ev, cal);
	it->rid = read_rid(ev, cal, r->max_year);
	if ((e = first_error(ev, 1)) != NULL) {
		snprintf(it->badbuf, sizeof(it->badbuf), "%s", e);
		/* libical's messages may span lines */
		for (char *q = it->badbuf; *q; q++)
			if (*q == '\n' || *q == '\r')
				*q = ' ';
	} else if (icaltime_is_null_time(it->start) || !icaltime_is_valid_time(it->start)) {
		it->bad = "the event has no DTSTART";
	} else if (it->override && icaltime_is_null_time(it->rid.t)) {
		it->bad = "unreadable RECURRENCE-ID";
	}
}

static int cmp_item(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (c)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

static int cmp_group(const void *a, const void *b)
{
	const struct group *x = a, *y = b;
	return x->first < y->first ? -1 : x->first > y->first;
}

static int cmp_inst(const void *a, const void *b)
{
	const struct inst *x = a, *y = b;
	if (x->key_day != y->key_day)
		return x->key_day < y->key_day ? -1 : 1;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if (x->start.year != y->start.year)
		return x->start.year < y->start.year ? -1 : 1;
	if (x->start.month != y->start.month)
		return x->start.month < y->start.month ? -1 : 1;
	if (x->start.day != y->start.day)
		return x->start.day < y->start.day ? -1 : 1;
	if (x->start.hour != y->start.hour)
		return x->start.hour < y->start.hour ? -1 : 1;
	if (x->start.minute != y->start.minute)
		return x->start.minute < y->start.minute ? -1 : 1;
	return x->start.second < y->start.second ? -1 : x->start.second > y->start.second;
}

/* ---- occurrences -------------------------------------------------------- */

static void add_inst(struct reader *r, struct icaltimetype start, kith_day day, kith_day key_day, struct item *it)
{
	if (r->n_inst == r->alloc_inst) {
		r->alloc_inst = r->alloc_inst ? 2 * r->alloc_inst : 64;
		r->inst = xrealloc(r->inst, r->alloc_inst * sizeof(*r->inst));
	}
	r->inst[r->n_inst].start = start;
	r->inst[r->n_inst].day = day;
	r->inst[r->n_inst].key_day = key_day;
	r->inst[r->n_inst].it = it;
	r->n_inst++;
}

static int overridden(const struct when *w, struct item *ov, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (ov[i].override && same_instance(w, &ov[i].rid))
			return 1;
	return 0;
}

/*
 * A master's candidate instance t: kept unless excluded or overridden.
 * Returns -1 past the cap, 1 when t is after today (stop), 0 otherwise.
 */
static int master_inst(struct reader *r, struct item *m, struct icaltimetype t, icaltimezone *cz,
		       const struct when *ex, size_t n_ex, struct item *grp, size_t n, size_t *count)
{
	kith_day d = day_of(t, cz, r->max_year);
	struct when w;

	if (d == KITH_NO_DAY)
		return 0;
	if (d > r->today)
		return 1;
	w = when_of(t, r->max_year);
	for (size_t i = 0; i < n_ex; i++)
		if (same_instance(&w, &ex[i]))
			return 0;
	if (overridden(&w, grp, n))
		return 0;
	if (++*count > KITH_ICS_MAX_OCCURRENCES)
		return -1;
	add_inst(r, t, d, d, m);
	return 0;
}

/* The past instances of master m (RRULE, RDATE, EXDATE; overrides in grp left out). */
static const char *expand(struct reader *r, struct item *m, struct item *grp, size_t n)
{
	struct icaltimetype dt = m->start;
	struct when *ex = NULL;
	icaltimezone *cz = cal_zone(m->cal);
	size_t n_ex = 0, alloc_ex = 0, count = 0;
	const char *why = NULL;
	icalproperty *p;
	int s = 0;

	for (p = icalcomponent_get_first_property(m->comp, ICAL_EXDATE_PROPERTY); p;
	     p = icalcomponent_get_next_property(m->comp, ICAL_EXDATE_PROPERTY)) {
		struct icaltimetype t = zoned(p, icalproperty_get_exdate(p), m->cal);
		/* one after next year cannot exclude an instance up to today */
		if (icaltime_is_null_time(t) || t.year > r->max_year)
			continue;
		if (n_ex == alloc_ex) {
			alloc_ex = alloc_ex ? 2 * alloc_ex : 8;
			ex = xrealloc(ex, alloc_ex * sizeof(*ex));
		}
		ex[n_ex++] = when_of(t, r->max_year);
	}
	/* DTSTART is always the first instance (RFC 5545 3.8.5.3) */
	if (master_inst(r, m, dt, cz, ex, n_ex, grp, n, &count) < 0)
		goto too_many;
	for (p = icalcomponent_get_first_property(m->comp, ICAL_RRULE_PROPERTY); p;
	     p = icalcomponent_get_next_property(m->comp, ICAL_RRULE_PROPERTY)) {
		struct icalrecurrencetype rule = icalproperty_get_rrule(p);
		icalrecur_iterator *itr;
		struct icaltimetype t;

		s = 0;
		if (rule.freq == ICAL_NO_RECURRENCE) {
			why = "unreadable RRULE";
			goto out;
		}
		itr = icalrecur_iterator_new(rule, dt);
		if (!itr) {
			why = "unreadable RRULE";
			goto out;
		}
		while (!icaltime_is_null_time(t = icalrecur_iterator_next(itr))) {
			t.zone = dt.zone;
			/* DTSTART itself was added above */
			if (same_fields(t, dt) && t.is_date == dt.is_date)
				continue;
			if ((s = master_inst(r, m, t, cz, ex, n_ex, grp, n, &count)) != 0)
				break;
		}
		icalrecur_iterator_free(itr);
		if (s < 0)
			goto too_many;
	}
	for (p = icalcomponent_get_first_property(m->comp, ICAL_RDATE_PROPERTY); p;
	     p = icalcomponent_get_next_property(m->comp, ICAL_RDATE_PROPERTY)) {
		struct icaldatetimeperiodtype dp = icalproperty_get_rdate(p);
		struct icaltimetype t = icaltime_is_null_time(dp.time) ? dp.period.start : dp.time;
		if (icaltime_is_null_time(t))
			continue;
		if (master_inst(r, m, zoned(p, t, m->cal), cz, ex, n_ex, grp, n, &count) < 0)
			goto too_many;
	}
	goto out;
too_many:
	why = "more than " STR(KITH_ICS_MAX_OCCURRENCES) " occurrences up to today";
out:
	free(ex);
	return why;
}

static void emails_add(struct emails *e, const char *addr)
{
	char *key;
	size_t n;

	while (*addr == ' ' || *addr == '\t')
		addr++;
	n = strlen(addr);
	while (n && (addr[n - 1] == ' ' || addr[n - 1] == '\t'))
		n--;
	if (!n || n > MAX_EMAIL || !memchr(addr, '@', n) || e->n >= KITH_ICS_MAX_EMAILS)
		return;
	{
		char *tmp = xstrndup(addr, n);
		key = kith_email_key(tmp);
		free(tmp);
	}
	for (size_t i = 0; i < e->n; i++)
		if (!strcmp(e->v[i], key)) {
			free(key);
			return;
		}
	if (e->n == e->alloc) {
		e->alloc = e->alloc ? 2 * e->alloc : 8;
		e->v = xrealloc(e->v, e->alloc * sizeof(*e->v));
	}
	e->v[e->n++] = key;
}

/* The address of an ORGANIZER or ATTENDEE: a mailto: value, else an EMAIL parameter. */
static void add_address(struct emails *e, icalproperty *p, const char *value)
{
	const char *em;
	if (value && !strncasecmp(value, "mailto:", 7)) {
		emails_add(e, value + 7);
		return;
	}
	em = icalproperty_get_parameter_as_string(p, "EMAIL");
	if (em)
		emails_add(e, em);
}

static void collect_emails(icalcomponent *c, struct emails *e)
{
	icalproperty *p;
	for (p = icalcomponent_get_first_property(c, ICAL_ORGANIZER_PROPERTY); p;
	     p = icalcomponent_get_next_property(c, ICAL_ORGANIZER_PROPERTY))
		add_address(e, p, icalproperty_get_organizer(p));
	for (p = icalcomponent_get_first_property(c, ICAL_ATTENDEE_PROPERTY); p;
	     p = icalcomponent_get_next_property(c, ICAL_ATTENDEE_PROPERTY)) {
		icalparameter *ps = icalproperty_get_first_parameter(p, ICAL_PARTSTAT_PARAMETER);
		if (ps && icalparameter_get_partstat(ps) == ICAL_PARTSTAT_DECLINED)
			continue;
		add_address(e, p, icalproperty_get_attendee(p));
	}
}

static void emails_release(struct emails *e)
{
	for (size_t i = 0; i < e->n; i++)
		free(e->v[i]);
	free(e->v);
	memset(e, 0, sizeof(*e));
}

/* Hand the instances in r->inst (of event number ev) to the callback, one per key day. */
static int emit(struct reader *r, size_t ev)
{
	struct item *cur = NULL;
	struct emails em = { NULL, 0, 0 };
	char *note = NULL;
	const char *kind = NULL;
	int stop = 0;

	qsort(r->inst, r->n_inst, sizeof(*r->inst), cmp_inst);
	for (size_t i = 0; i < r->n_inst && !stop; i++) {
		struct kith_ics_occurrence o;
		struct inst *in = &r->inst[i];
		if (i > 0 && in->key_day == r->inst[i - 1].key_day)
			continue;
		if (in->it != cur) {
			cur = in->it;
			emails_release(&em);
			free(note);
			collect_emails(cur->comp, &em);
			note = clean_note(icalcomponent_get_first_property(cur->comp, ICAL_SUMMARY_PROPERTY)
						  ? icalcomponent_get_summary(cur->comp) : NULL);
			kind = kith_ics_kind(note, icalcomponent_get_first_property(cur->comp, ICAL_LOCATION_PROPERTY)
							   ? icalcomponent_get_location(cur->comp) : NULL);
		}
		o.key = cur->key;
		o.key_day = in->key_day;
		o.day = in->day;
		o.kind = kind;
		o.note = note;
		o.event = ev;
		o.n_emails = em.n;
		o.emails = em.v;
		if (r->st)
			r->st->occurrences++;
		if (r->h && r->h->occurrence)
			stop = r->h->occurrence(r->h->ctx, &o);
	}
	emails_release(&em);
	free(note);
	return stop;
}

/* One event: its items g[0..n-1] (same key, file order). 0 go on, 1 stopped, -1 failed. */
static int do_group(struct reader *r, struct item *g, size_t n, size_t ev)
{
	struct item *m = NULL;
	const char *why = NULL;
	size_t line = g[0].line;

	for (size_t i = 0; i < n && !why; i++)
		if (g[i].bad || g[i].badbuf[0]) {
			why = g[i].badbuf[0] ? g[i].badbuf : g[i].bad;
			line = g[i].line;
		}
	for (size_t i = 0; i < n && !m; i++)
		if (!g[i].override)
			m = &g[i];
	r->n_inst = 0;
	if (!why && m && cancelled(m->comp)) {
		if (r->st)
			r->st->cancelled++;
		return 0;
	}
	if (!why && m)
		why = expand(r, m, g, n);
	if (!why) {
		icaltimezone *cz = cal_zone(g[0].cal);
		for (size_t i = 0; i < n; i++) {
			struct icaltimetype t;
			kith_day d, kd;
			int dup = 0;
			if (!g[i].override || cancelled(g[i].comp))
				continue;
			/* the same instance overridden twice: the first one counts */
			for (size_t j = 0; j < i && !dup; j++)
				dup = g[j].override && same_instance(&g[j].rid, &g[i].rid);
			if (dup)
				continue;
			t = g[i].start;
			d = day_of(t, cz, r->max_year);
			kd = day_of(g[i].rid.t, cz, r->max_year);
			if (d == KITH_NO_DAY || kd == KITH_NO_DAY || d > r->today)
				continue;
			add_inst(r, t, d, kd, &g[i]);
		}
	}
	if (why) {
		if (r->h && r->h->bad && r->h->bad(r->h->ctx, line, why) == 0) {
			if (r->st)
				r->st->bad++;
			return 0;
		}
		return set_err(r, line, "%s", why);
	}
	if (r->n_inst == 0) {
		if (r->st)
			r->st->future++;
		return 0;
	}
	return emit(r, ev);
}

/* Check the whole file for errors outside events; collect the events. */
static int walk(struct reader *r, icalcomponent *root)
{
	icalcomponent_kind kind = icalcomponent_isa(root);
	icalcomponent *cal;
	const char *e;

	if (kind == ICAL_VCALENDAR_COMPONENT) {
		cal = root;
	} else if (kind == ICAL_XROOT_COMPONENT) {
		if ((e = first_error(root, 0)) != NULL)
			return set_err(r, 0, "%s", e);
		cal = icalcomponent_get_first_component(root, ICAL_ANY_COMPONENT);
	} else {
		return set_err(r, 0, "not an iCalendar file (no VCALENDAR)");
	}
	for (; cal; cal = kind == ICAL_XROOT_COMPONENT ? icalcomponent_get_next_component(root, ICAL_ANY_COMPONENT) : NULL) {
		if (icalcomponent_isa(cal) != ICAL_VCALENDAR_COMPONENT)
			return set_err(r, 0, "not an iCalendar file (%s outside a VCALENDAR)",
				       icalcomponent_kind_to_string(icalcomponent_isa(cal)));
		if ((e = first_error(cal, 0)) != NULL)
			return set_err(r, 0, "%s", e);
		for (icalcomponent *s = icalcomponent_get_first_component(cal, ICAL_ANY_COMPONENT); s;
		     s = icalcomponent_get_next_component(cal, ICAL_ANY_COMPONENT)) {
			if (icalcomponent_isa(s) == ICAL_VEVENT_COMPONENT)
				add_item(r, s, cal);
			else if ((e = first_error(s, 1)) != NULL)
				return set_err(r, 0, "%s: %s", icalcomponent_kind_to_string(icalcomponent_isa(s)), e);
		}
	}
	return 0;
}

int kith_ics_read(const char *data, size_t len, kith_day today, const struct kith_ics_handler *h,
		  struct kith_ics_read_stats *st, char *err, size_t errlen, size_t *err_line)
{
	struct reader r;
	icalcomponent *root = NULL;
	struct group *groups = NULL;
	size_t n_groups = 0, *lines = NULL, n_lines;
	char *text = NULL;
	int ret = 0;

	memset(&r, 0, sizeof(r));
	if (err_line)
		*err_line = 0;
	if (kith_ical_load(err, errlen) < 0)
		return -1;
	r.today = today;
	{
		int y, mo, d;
		kith_day_to_civil(today, &y, &mo, &d);
		r.max_year = y + 1;
	}
	r.h = h;
	r.st = st;
	r.err = err;
	r.errlen = errlen;
	if (err && errlen)
		err[0] = '\0';
	if (st)
		memset(st, 0, sizeof(*st));

	if (len > KITH_ICS_MAX_FILE) {
		ret = set_err(&r, 0, "the file is too large (%u MiB at most)", KITH_ICS_MAX_FILE >> 20);
		goto cleanup;
	}
	if (len >= 2 && (((unsigned char)data[0] == 0xFF && (unsigned char)data[1] == 0xFE) ||
			 ((unsigned char)data[0] == 0xFE && (unsigned char)data[1] == 0xFF))) {
		ret = set_err(&r, 0, "UTF-16 calendars are not supported (convert the file to UTF-8)");
		goto cleanup;
	}
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {
		data += 3;
		len -= 3;
	}
	if (memchr(data, '\0', len)) {
		ret = set_err(&r, 0, "not an iCalendar file (it holds NUL bytes)");
		goto cleanup;
	}
	text = xmalloc(len + 1);
	memcpy(text, data, len);
	text[len] = '\0';

	if ((ret = check_structure(&r, text, len)) != 0)
		goto cleanup;
	icalerror_set_errors_are_fatal(0);
	icalerror_clear_errno();
	root = icalparser_parse_string(text);
	if (!root) {
		ret = set_err(&r, 0, "libical cannot read the calendar");
		goto cleanup;
	}
	if ((ret = walk(&r, root)) != 0)
		goto cleanup;

	/* lines of the events, when the text and libical agree on how many there are */
	lines = event_lines(text, len, &n_lines);
	number_items(&r, root, lines, n_lines);

	/* events: the items sharing a key, in the order of their first item */
	if (r.n_items)
		qsort(r.items, r.n_items, sizeof(*r.items), cmp_item);
	groups = xcalloc(r.n_items ? r.n_items : 1, sizeof(*groups));
	for (size_t i = 0; i < r.n_items; i++) {
		if (i == 0 || strcmp(r.items[i].key, r.items[i - 1].key)) {
			groups[n_groups].start = i;
			groups[n_groups].first = r.items[i].order;
			n_groups++;
		}
		groups[n_groups - 1].n++;
	}
	if (n_groups)
		qsort(groups, n_groups, sizeof(*groups), cmp_group);
	if (st)
		st->events = n_groups;
	for (size_t i = 0; i < n_groups && ret == 0; i++)
		ret = do_group(&r, &r.items[groups[i].start], groups[i].n, i);

cleanup:
	if (err_line)
		*err_line = ret < 0 ? r.err_line : 0;
	for (size_t i = 0; i < r.n_items; i++)
		free(r.items[i].key);
	free(r.items);
	free(r.inst);
	free(groups);
	free(lines);
	if (root)
		icalcomponent_free(root);
	free(text);
	return ret;
}

/* ---- the importer ------------------------------------------------------- */

struct importer {
	struct kith *k;
	const struct kith_ics_import_opts *opts;
	struct kith_ics_import_stats *st;
	sqlite3_stmt *by_email, *known, *remember;
	struct kith_logger *log; /* the people's clocks reset once, at the end */
	int64_t *ids;
	size_t n_ids, alloc_ids;
	size_t event;       /* the event of the occurrences seen last */
	int bad_stop;       /* a bad event stopped the read */
	int seen, matched;  /* it had occurrences; one of them had people */
	enum kith_rc rc;
};

static void event_done(struct importer *im)
{
	if (im->seen && !im->matched)
		im->st->unmatched++;
	im->seen = im->matched = 0;
}

static int find_people(struct importer *im, const struct kith_ics_occurrence *o)
{
	im->n_ids = 0;
	for (size_t i = 0; i < o->n_emails; i++) {
		int r;
		sqlite3_reset(im->by_email);
		sqlite3_bind_text(im->by_email, 1, o->emails[i], -1, SQLITE_STATIC);
		while ((r = sqlite3_step(im->by_email)) == SQLITE_ROW) {
			int64_t id = sqlite3_column_int64(im->by_email, 0);
			int dup = 0;
			for (size_t j = 0; j < im->n_ids && !dup; j++)
				dup = im->ids[j] == id;
			if (dup)
				continue;
			if (im->n_ids == im->alloc_ids) {
				im->alloc_ids = im->alloc_ids ? 2 * im->alloc_ids : 8;
				im->ids = xrealloc(im->ids, im->alloc_ids * sizeof(*im->ids));
			}
			im->ids[im->n_ids++] = id;
		}
		if (r != SQLITE_DONE) {
			im->rc = kith_fail_db(im->k, "cannot match attendees");
			return -1;
		}
	}
	return 0;
}

static int on_occurrence(void *ctx, const struct kith_ics_occurrence *o)
{
	struct importer *im = ctx;
	int64_t iid = 0;
	int r;

	if (!im->seen || o->event != im->event)
		event_done(im);
	im->event = o->event;
	im->seen = 1;
	if (find_people(im, o) < 0)
		return 1;
	if (im->n_ids == 0)
		return 0;
	im->matched = 1;

	sqlite3_reset(im->known);
	sqlite3_bind_text(im->known, 1, o->key, -1, SQLITE_STATIC);
	kith_bind_day(im->known, 2, o->key_day);
	r = sqlite3_step(im->known);
	if (r == SQLITE_ROW) {
		im->st->known++;
		return 0;
	}
	if (r != SQLITE_DONE) {
		im->rc = kith_fail_db(im->k, "cannot read imported occurrences");
		return 1;
	}
	im->rc = kith_logger_add(im->log, im->ids, im->n_ids, o->kind, o->day, o->note, &iid);
	if (im->rc != KITH_OK)
		return 1;
	sqlite3_reset(im->remember);
	sqlite3_bind_text(im->remember, 1, o->key, -1, SQLITE_STATIC);
	kith_bind_day(im->remember, 2, o->key_day);
	sqlite3_bind_int64(im->remember, 3, iid);
	if (sqlite3_step(im->remember) != SQLITE_DONE) {
		im->rc = kith_fail_db(im->k, "cannot remember the imported occurrence");
		return 1;
	}
	im->st->logged++;
	return 0;
}

static int on_bad(void *ctx, size_t line, const char *why)
{
	struct importer *im = ctx;
	if (!im->opts->skip_bad) {
		im->bad_stop = 1;
		return 1;
	}
	if (im->opts->on_bad)
		im->opts->on_bad(im->opts->ctx, line, why);
	return 0;
}

enum kith_rc kith_ics_import(struct kith *k, const char *data, size_t len,
			     const struct kith_ics_import_opts *opts, struct kith_ics_import_stats *st)
{
	static const struct kith_ics_import_opts no_opts = { 0, 0, NULL, NULL };
	struct kith_ics_import_stats local;
	struct kith_ics_handler h;
	struct importer im;
	char err[256];
	size_t line = 0;
	enum kith_rc rc;
	int r;

	if (!st)
		st = &local;
	memset(st, 0, sizeof(*st));
	memset(&im, 0, sizeof(im));
	im.k = k;
	im.opts = opts ? opts : &no_opts;
	im.st = st;
	h.occurrence = on_occurrence;
	h.bad = on_bad;
	h.ctx = &im;

	rc = kith_sp_begin(k);
	if (rc != KITH_OK)
		return rc;
	im.by_email = kith_prepare(k, "SELECT DISTINCT person_id FROM person_email WHERE email_key = ?1");
	im.known = kith_prepare(k, "SELECT 1 FROM ics_import WHERE uid = ?1 AND date = ?2");
	im.remember = kith_prepare(k, "INSERT INTO ics_import(uid, date, interaction_id) VALUES (?1, ?2, ?3)");
	im.log = kith_logger_new(k);
	if (!im.by_email || !im.known || !im.remember || !im.log) {
		rc = KITH_ERR;
		goto done;
	}
	r = kith_ics_read(data, len, k->today, &h, &st->read, err, sizeof(err), &line);
	if (im.rc != KITH_OK) {
		rc = im.rc;
		goto done;
	}
	if (r < 0) {
		st->err_line = line;
		st->bad_event = im.bad_stop;
		rc = kith_fail(k, KITH_EINPUT, "%s", err);
		goto done;
	}
	event_done(&im);
	rc = kith_logger_finish(im.log);
	if (rc != KITH_OK)
		goto done;
	if (im.opts->dry_run) {
		/* everything was done to count it; now undo it */
		sqlite3_finalize(im.by_email);
		sqlite3_finalize(im.known);
		sqlite3_finalize(im.remember);
		im.by_email = im.known = im.remember = NULL;
		kith_logger_free(im.log);
		kith_sp_end(k, KITH_ERR);
		free(im.ids);
		return KITH_OK;
	}
done:
	kith_logger_free(im.log);
	sqlite3_finalize(im.by_email);
	sqlite3_finalize(im.known);
	sqlite3_finalize(im.remember);
	free(im.ids);
	return kith_sp_end(k, rc);
}
