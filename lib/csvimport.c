/*
 * Contacts from CSV exports: LinkedIn's Connections.csv (the current
 * format with its "Notes:" preamble and URL column, and the 2018 one
 * without either) and Google Contacts (the current layout and the legacy
 * UTF-16 one). The file is recognized by its header line, found by its
 * columns (the preamble's wording changes between releases). Each row
 * becomes a struct kith_contact for the merger (include/kith/contact.h).
 */
#include "internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kith/cadence.h"
#include "kith/contact.h"
#include "kith/csv.h"
#include "kith/csvimport.h"
#include "kith/strbuf.h"
#include "util/xalloc.h"
#include "banned.h"

#define HEADER_SEARCH 20 /* records read looking for the header */

enum layout { LINKEDIN, GOOGLE, GOOGLE_LEGACY };

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
	if (sscanf(s, "%2d %3s %4d", &d, mon, &y) == 3) {
		for (int i = 0; i < 12; i++)
			if (!strcasecmp(mon, months[i]) && kith_civil_valid(y, i + 1, d))
				return kith_day_from_civil(y, i + 1, d);
		return KITH_NO_DAY;
	}
	if (sscanf(s, "%2d/%2d/%4d", &m, &d, &y) == 3) {
		if (y < 100)
			y += 2000;
		if (kith_civil_valid(y, m, d))
			return kith_day_from_civil(y, m, d);
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

static enum kith_rc set_created(struct kith *k, int64_t id, kith_day day)
{
	sqlite3_stmt *st = kith_prepare(k, "UPDATE person SET created = ?2 WHERE id = ?1");
	enum kith_rc rc = KITH_OK;
	if (!st)
		return KITH_ERR;
	sqlite3_bind_int64(st, 1, id);
	kith_bind_day(st, 2, day);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = kith_fail_db(k, "cannot date the connection");
	sqlite3_finalize(st);
	return rc == KITH_OK ? kith_person_refresh(k, id) : rc;
}

/* Is every field empty? (LinkedIn leaves blank rows.) */
static int blank(const struct kith_csv *c)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->fields[i][0])
			return 0;
	return 1;
}

enum kith_rc kith_import_csv(struct kith *k, const char *data, size_t len, const char *source, int circle,
			     struct kith_import_stats *stats, const char **format)
{
	struct kith_csv c;
	struct kith_contact_merger *m = NULL;
	struct columns cols;
	enum layout layout = LINKEDIN;
	char err[256];
	enum kith_rc rc = KITH_OK;
	int r, found = 0;

	if (kith_csv_init(&c, data, len, err, sizeof(err)) < 0)
		return kith_fail(k, KITH_EINPUT, "%s: %s", source, err);
	for (int i = 0; i < HEADER_SEARCH && !found; i++) {
		r = kith_csv_next(&c, err, sizeof(err));
		if (r <= 0)
			break;
		found = detect(&c, &layout);
	}
	if (!found) {
		rc = kith_fail(k, KITH_EINPUT,
			       "%s: not a LinkedIn Connections.csv or a Google Contacts CSV (no header with"
			       " 'First Name', 'Last Name', 'Connected On' or 'E-mail 1 - Value')", source);
		goto cleanup;
	}
	if (format)
		*format = layout == LINKEDIN ? "LinkedIn connections" : "Google contacts";
	find_columns(&c, &cols);
	m = kith_contact_merger_new(k, circle);
	if (!m) {
		rc = KITH_ERR;
		goto cleanup;
	}
	while ((r = kith_csv_next(&c, err, sizeof(err))) > 0) {
		struct kith_contact ct;
		struct strbuf name = STRBUF_INIT;
		size_t line = c.line;

		if (blank(&c))
			continue;
		kith_contact_init(&ct);
		full_name(&c, &cols, &name);
		if (name.len)
			ct.name = strbuf_detach(&name);
		strbuf_release(&name);
		if (layout == LINKEDIN) {
			char *url = kith_linkedin_url(field(&c, cols.url));
			if (url)
				kith_strlist_push(&ct.links, url);
			free(url);
			push_values(&ct.emails, field(&c, cols.email));
			ct.org = dup_or_null(field(&c, cols.company));
			ct.title = dup_or_null(field(&c, cols.position));
			ct.connected_on = kith_linkedin_date(field(&c, cols.connected));
			if (!ct.met)
				ct.met = xstrdup("LinkedIn");
		} else {
			push_numbered(&c, cols.emails, &ct.emails);
			push_numbered(&c, cols.phones, &ct.phones);
			push_numbered(&c, cols.webs, &ct.links);
			ct.org = dup_or_null(field(&c, cols.org));
			ct.title = dup_or_null(field(&c, cols.title));
			ct.notes = dup_or_null(field(&c, cols.notes));
			push_labels(&ct.tags, field(&c, cols.labels));
			if (*field(&c, cols.birthday)) {
				char b[11];
				int md;
				if (kith_birthday_parse(field(&c, cols.birthday), b, &md) == 0)
					ct.birthday = xstrdup(b);
			}
		}
		if (!ct.name) {
			/* a member who hides their name: nothing to call them by */
			if (stats)
				stats->skipped++;
			kith_contact_release(&ct);
			continue;
		}
		{
			struct kith_import_stats before = stats ? *stats : (struct kith_import_stats){ 0, 0, 0, 0 };
			int64_t id = 0;
			rc = kith_contact_merger_add(m, &ct, stats, &id);
			/*
			 * Someone new from LinkedIn: the tie began when you connected,
			 * not today, so the history starts there and a thousand new
			 * connections do not all fall due together.
			 */
			if (rc == KITH_OK && stats && stats->added > before.added && id &&
			    ct.connected_on != KITH_NO_DAY && ct.connected_on < k->today)
				rc = set_created(k, id, ct.connected_on);
		}
		kith_contact_release(&ct);
		if (rc != KITH_OK) {
			char msg[512];
			snprintf(msg, sizeof(msg), "%s", kith_errmsg(k));
			rc = kith_fail(k, rc, "%s:%zu: %s", source, line, msg);
			goto cleanup;
		}
	}
	if (r < 0)
		rc = kith_fail(k, KITH_EINPUT, "%s: %s", source, err);
cleanup:
	kith_contact_merger_free(m);
	kith_csv_release(&c);
	return rc;
}
