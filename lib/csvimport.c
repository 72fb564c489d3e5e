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
#include "kith/interaction.h"
#include "kith/strbuf.h"
#include "util/xalloc.h"
#include "banned.h"

#define HEADER_SEARCH 20 /* records read looking for the header */

enum layout { LINKEDIN, GOOGLE, GOOGLE_LEGACY, MESSAGES };

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
	if (col(c, "FROM") >= 0 && col(c, "SENDER PROFILE URL") >= 0 && col(c, "RECIPIENT PROFILE URLS") >= 0 &&
	    col(c, "DATE") >= 0 && col(c, "CONTENT") >= 0) {
		*out = MESSAGES;
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

/* ---- LinkedIn messages.csv ---- */

struct message {
	size_t line;
	kith_day date;
	char *from, *from_url, *to, *to_urls, *content;
};

/* A message's text: HTML tags dropped (<br> and </p> as line breaks), the
 * common entities decoded, at most 4000 bytes. */
static char *plain_text(const char *html)
{
	struct strbuf sb = STRBUF_INIT;
	static const struct { const char *ent, *ch; } ents[] = {
		{ "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" }, { "&#39;", "'" },
		{ "&nbsp;", " " },
	};
	for (const char *p = html; *p && sb.len < 4000;) {
		if (*p == '<') {
			const char *e = strchr(p, '>');
			if (e) {
				if (!strncasecmp(p, "<br", 3) || !strncasecmp(p, "</p", 3))
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
		}
		strbuf_addch(&sb, *p++);
	}
	strbuf_rtrim(&sb);
	return strbuf_detach(&sb);
}

/* Each URL in a comma-separated list, in its stable form (new strings). */
static void split_urls(const char *list, struct kith_strlist *out)
{
	struct kith_strlist raw = KITH_STRLIST_INIT;
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
	kith_strlist_release(&raw);
}

/*
 * Each message becomes a "message" interaction with the people in it but
 * you, dated its day. You are the profile in every message (else the most
 * frequent one). People are found by profile URL through the contact
 * merger, which adds the ones not in the network yet (circle `circle`). A
 * message already logged (same day, same person, same text) is skipped, so
 * importing the file again adds nothing.
 */
static enum kith_rc import_messages(struct kith *k, struct kith_csv *c, const char *source, int circle,
				    struct kith_import_stats *stats)
{
	int from = col(c, "FROM"), from_url = col(c, "SENDER PROFILE URL"), to = col(c, "TO"),
	    to_urls = col(c, "RECIPIENT PROFILE URLS"), date = col(c, "DATE"), content = col(c, "CONTENT");
	struct message *msgs = NULL;
	size_t n = 0, alloc = 0;
	struct kith_strlist urls = KITH_STRLIST_INIT; /* every URL, once per message */
	struct kith_contact_merger *m = NULL;
	sqlite3_stmt *dup = NULL;
	char *me = NULL, err[256];
	enum kith_rc rc = KITH_OK;
	int r;

	while ((r = kith_csv_next(c, err, sizeof(err))) > 0) {
		struct message *g;
		if (blank(c))
			continue;
		if (n == alloc) {
			alloc = alloc ? alloc * 2 : 64;
			msgs = xrealloc(msgs, alloc * sizeof(*msgs));
		}
		g = &msgs[n++];
		g->line = c->line;
		g->date = kith_linkedin_date(field(c, date));
		g->from = xstrdup(field(c, from));
		g->from_url = xstrdup(field(c, from_url));
		g->to = xstrdup(field(c, to));
		g->to_urls = xstrdup(field(c, to_urls));
		g->content = plain_text(field(c, content));
		if (g->date == KITH_NO_DAY) {
			rc = kith_fail(k, KITH_EINPUT, "%s:%zu: unreadable date '%.40s'", source, g->line, field(c, date));
			goto cleanup;
		}
	}
	if (r < 0) {
		rc = kith_fail(k, KITH_EINPUT, "%s: %s", source, err);
		goto cleanup;
	}
	/* you: the profile that is in the most messages */
	{
		size_t best = 0;
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
		int me_known = 1;
		sqlite3_stmt *known = kith_prepare(k, "SELECT 1 FROM person_link WHERE url = ?1");
		if (!known) {
			rc = KITH_ERR;
			goto cleanup;
		}
		/* ties (a file of two-person chats): you are not in your own network */
		for (size_t i = 0; i < urls.n; i++) {
			size_t count = 0;
			int is_known;
			for (size_t j = 0; j < urls.n; j++)
				count += !strcmp(urls.v[i], urls.v[j]);
			sqlite3_reset(known);
			sqlite3_bind_text(known, 1, urls.v[i], -1, SQLITE_TRANSIENT);
			is_known = sqlite3_step(known) == SQLITE_ROW;
			if (count > best || (count == best && me &&
					     (is_known < me_known || (is_known == me_known && strcmp(urls.v[i], me) < 0)))) {
				best = count;
				me = urls.v[i];
				me_known = is_known;
			}
		}
		sqlite3_finalize(known);
	}
	m = kith_contact_merger_new(k, circle);
	dup = kith_prepare(k, "SELECT 1 FROM interaction_person ip JOIN interaction i ON i.id = ip.interaction_id"
			      " WHERE ip.person_id = ?1 AND ip.date = ?2 AND i.kind = 'message' AND i.note IS ?3");
	if (!m || !dup) {
		rc = KITH_ERR;
		goto cleanup;
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
		free(f);
		for (size_t j = 0; j < who.n && n_ids < 64 && rc == KITH_OK; j++) {
			struct kith_contact ct;
			int64_t id = 0;
			if (me && !strcmp(who.v[j], me))
				continue;
			kith_contact_init(&ct);
			kith_strlist_push(&ct.links, who.v[j]);
			/* the name: the sender's, or the recipient's when only one */
			{
				char *gf = kith_linkedin_url(g->from_url);
				const char *nm = gf && !strcmp(gf, who.v[j]) ? g->from : who.n == 1 ? g->to : NULL;
				if (nm && *nm)
					ct.name = xstrdup(nm);
				free(gf);
			}
			if (!ct.name) {
				/* an unnamed recipient among several: the URL's slug names them */
				const char *slug = strstr(who.v[j], "/in/");
				ct.name = xstrdup(slug ? slug + 4 : who.v[j]);
			}
			rc = kith_contact_merger_add(m, &ct, stats, &id);
			kith_contact_release(&ct);
			if (rc != KITH_OK) {
				char msg[512];
				snprintf(msg, sizeof(msg), "%s", kith_errmsg(k));
				rc = kith_fail(k, rc, "%s:%zu: %s", source, g->line, msg);
				break;
			}
			ids[n_ids++] = id;
		}
		kith_strlist_release(&who);
		if (rc != KITH_OK || !n_ids)
			continue;
		/* already logged (an earlier import of the same file)? */
		sqlite3_reset(dup);
		sqlite3_bind_int64(dup, 1, ids[0]);
		kith_bind_day(dup, 2, g->date);
		kith_bind_text(dup, 3, g->content, 1);
		if (sqlite3_step(dup) == SQLITE_ROW) {
			sqlite3_reset(dup);
			if (stats)
				stats->known++;
			continue;
		}
		sqlite3_reset(dup);
		rc = kith_log(k, ids, n_ids, "message", g->date > k->today ? k->today : g->date,
			      *g->content ? g->content : NULL, NULL);
		if (rc != KITH_OK) {
			char msg[512];
			snprintf(msg, sizeof(msg), "%s", kith_errmsg(k));
			rc = kith_fail(k, rc, "%s:%zu: %s", source, g->line, msg);
		} else if (stats) {
			stats->logged++;
		}
	}
cleanup:
	sqlite3_finalize(dup);
	kith_contact_merger_free(m);
	kith_strlist_release(&urls);
	for (size_t i = 0; i < n; i++) {
		free(msgs[i].from);
		free(msgs[i].from_url);
		free(msgs[i].to);
		free(msgs[i].to_urls);
		free(msgs[i].content);
	}
	free(msgs);
	return rc;
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
	if (layout == MESSAGES) {
		if (format)
			*format = "LinkedIn messages";
		rc = import_messages(k, &c, source, circle, stats);
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
		rc = kith_contact_merger_add(m, &ct, stats, NULL);
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
