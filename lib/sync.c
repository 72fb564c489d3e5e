/*
 * Two-way sync with a vdir (see include/kith/sync.h).
 *
 * The sync runs in four steps, so that a failure before the last one leaves
 * both sides as they were:
 *   1. read: the state rows of the folder and every card file (hash, and a
 *      parse of each new or changed card; a bad card stops here);
 *   2. decide and apply to the database, in one savepoint: cards into
 *      people (merger, full update, conflict merge), people removed;
 *   3. render the files to write and record the new state rows;
 *   4. write and delete files (skipped, and the savepoint rolled back, in a
 *      dry run).
 */
#define _GNU_SOURCE /* syncfs */
#include "internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kith/cadence.h"
#include "kith/contact.h"
#include "kith/date.h"
#include "kith/strbuf.h"
#include "kith/sync.h"
#include "kith/vcard.h"
#include "kith/vcard_out.h"
#include "util/xalloc.h"
#include "util/file.h"
#include "util/hash.h"
#include "banned.h"

void kith_sync_hash(const void *data, size_t len, char hex[17])
{
	kith_hash_hex(data, len, hex);
}

void kith_sync_stats_release(struct kith_sync_stats *st)
{
	if (!st)
		return;
	kith_strlist_release(&st->conflicts);
	for (size_t i = 0; i < st->n_changes; i++) {
		free(st->changes[i].name);
		free(st->changes[i].href);
	}
	free(st->changes);
	memset(st, 0, sizeof(*st));
}

/* One href of the folder: a state row, a file, or both. */
struct entry {
	char *href;
	/* what the last sync saw */
	int has_row;
	char *uid;               /* the UID the card carries (row), or NULL */
	int64_t pid;             /* the person (row); 0 when removed in kith */
	char fhash_old[17], khash_old[17];
	/* the folder now */
	int has_file;
	char fhash[17];
	struct kith_contact card;
	int parsed;
	/* the outcome */
	int64_t new_pid;         /* the person after the sync; 0: the row goes */
	char *new_uid;           /* the UID to render with */
	int write, del;          /* rewrite the file from kith / delete it */
	int conflict;            /* changed on both sides */
	char khash_base[17];     /* the person as this card last agreed with them */
	char fhash_new[17], khash_new[17];
	struct strbuf out;       /* the file to write */
};

struct sync {
	struct kith *k;
	const struct kith_sync_opts *o;
	struct kith_sync_stats *st;
	char *dir;               /* the real path */
	const char *udir;        /* the folder as given, for messages */
	struct entry *e;
	size_t n, alloc;
	sqlite3_stmt *email_owner;
	struct kith_person_reader *rd;
	int64_t *touched;        /* people this sync changed (sorted before step 3) */
	size_t n_touched, alloc_touched;
};

static void entry_release(struct entry *e)
{
	free(e->href);
	free(e->uid);
	free(e->new_uid);
	kith_contact_release(&e->card);
	strbuf_release(&e->out);
}

static struct entry *entry_new(struct sync *s, const char *href)
{
	struct entry *e;
	if (s->n == s->alloc) {
		s->alloc = s->alloc ? 2 * s->alloc : 64;
		s->e = xrealloc(s->e, s->alloc * sizeof(*s->e));
	}
	e = &s->e[s->n++];
	memset(e, 0, sizeof(*e));
	e->href = xstrdup(href);
	kith_contact_init(&e->card);
	{
		struct strbuf empty = STRBUF_INIT;
		e->out = empty;
	}
	return e;
}

static void path_of(struct strbuf *p, const char *dir, const char *href)
{
	kith_path_join(p, dir, href);
}

/* Replace path with data atomically (util/file.h); with sync, on disk before the rename. */
static enum kith_rc replace_file(struct kith *k, const char *dir, const char *path,
				 const char *data, size_t len, int sync)
{
	struct strbuf err = STRBUF_INIT;
	enum kith_rc rc = KITH_OK;
	if (kith_replace_file(dir, ".kith-sync-XXXXXX", path, data, len, sync, &err) < 0)
		rc = kith_fail(k, KITH_ERR, "%s", err.buf);
	strbuf_release(&err);
	return rc;
}

/* A card file of the vdir: visible, a name ending in .vcf. */
static int is_card_name(const char *name)
{
	size_t n = strlen(name);
	return name[0] != '.' && n > 4 && !strcasecmp(name + n - 4, ".vcf") && name[n - 1] != '~';
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The href of a new card: <uid>.vcf (bytes outside A-Z a-z 0-9 - _ @ + = . as %XX). */
static void href_for(struct strbuf *h, const char *uid, int64_t id)
{
	strbuf_reset(h);
	kith_vcard_file_name(h, uid, id);
}

/* ---- cards and people ---- */

/* The hash of person p rendered canonically with the card's uid. */
static void person_hash(const struct kith_person *p, const char *uid, char hex[17])
{
	static const struct kith_vcard_opts canon = { 3, NULL, KITH_NO_DAY };
	struct kith_person q = *p;
	struct strbuf sb = STRBUF_INIT;
	q.uid = (char *)(uintptr_t)(uid ? uid : p->uid);
	kith_vcard_person(&sb, &q, &canon);
	kith_sync_hash(sb.buf, sb.len, hex);
	strbuf_release(&sb);
}

/* Load person id; *gone when they are no longer there. */
static enum kith_rc load_person(struct kith_person_reader *rd, int64_t id, struct kith_person *p, int *gone)
{
	enum kith_rc rc;
	memset(p, 0, sizeof(*p));
	*gone = 0;
	if (id <= 0) {
		*gone = 1;
		return KITH_OK;
	}
	rc = kith_person_reader_get(rd, id, p);
	if (rc == KITH_ENOTFOUND) {
		*gone = 1;
		return KITH_OK;
	}
	return rc;
}

static int in_list(const struct kith_strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], s))
			return 1;
	return 0;
}

/* 1 when the email (its key) belongs to someone other than id */
static int email_elsewhere(struct sync *s, const char *key, int64_t id)
{
	int r;
	sqlite3_reset(s->email_owner);
	sqlite3_bind_text(s->email_owner, 1, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s->email_owner, 2, id);
	r = sqlite3_step(s->email_owner) == SQLITE_ROW;
	sqlite3_reset(s->email_owner);
	return r;
}

/* Differences in one text field: full sets the card's value (or clears), else only fills. */
static int text_field(const char **dst, const char *have, const char *want, int full)
{
	int h = have && *have, w = want && *want;
	if (full) {
		if (w ? (h && !strcmp(have, want)) : !h)
			return 0;
		*dst = w ? want : "";
		return 1;
	}
	if (h || !w)
		return 0;
	*dst = want;
	return 1;
}

static int valid_date(const char *d)
{
	char buf[16];
	int md;
	return d && !kith_birthday_parse(d, buf, &md);
}

/*
 * The emails (email 1) or phones (0) of card values cv that person id's
 * values pv lack, by key, into add; with full, the values of pv the card
 * lacks into rm. An invalid email, a phone without digits or longer than 64
 * bytes, and an email of someone else are left out. Returns the number of
 * values added to add and rm.
 */
static int keyed_change(struct sync *s, int64_t id, const struct kith_strlist *cv, const struct kith_strlist *pv,
			int email, int full, struct kith_strlist *add, struct kith_strlist *rm)
{
	char *(*keyof)(const char *) = email ? kith_email_key : kith_phone_key;
	struct kith_strlist keys = KITH_STRLIST_INIT;
	int n = 0;
	size_t i, j;

	for (i = 0; i < cv->n; i++) {
		char *key;
		if (email ? !kith_email_valid(cv->v[i]) : strlen(cv->v[i]) > 64)
			continue;
		key = keyof(cv->v[i]);
		if (*key && !in_list(&keys, key)) {
			int have = 0;
			kith_strlist_push(&keys, key);
			for (j = 0; j < pv->n && !have; j++) {
				char *pk = keyof(pv->v[j]);
				have = !strcmp(pk, key);
				free(pk);
			}
			if (!have && !(email && email_elsewhere(s, key, id))) {
				kith_strlist_push(add, cv->v[i]);
				n++;
			}
		}
		free(key);
	}
	for (j = 0; full && j < pv->n; j++) {
		char *pk = keyof(pv->v[j]);
		if (!in_list(&keys, pk)) {
			kith_strlist_push(rm, pv->v[j]);
			n++;
		}
		free(pk);
	}
	kith_strlist_release(&keys);
	return n;
}

/* A link as kith keeps it (a LinkedIn profile in its stable form), or NULL when kith cannot take it. */
static char *link_norm(const char *s)
{
	char *u = kith_linkedin_url(s);
	if (!u)
		u = xstrdup(s);
	if (!*u || strchr(u, ' ') || strlen(u) > 2048) {
		free(u);
		return NULL;
	}
	return u;
}

static char *goal_norm(const char *s)
{
	return *s && strlen(s) <= 4096 ? xstrdup(s) : NULL;
}

/*
 * The values of card list cv (each through norm: a new string, or NULL
 * when kith cannot take it) that person list pv lacks, into add; with
 * full, the values of pv the card lacks, into rm. Returns how many.
 */
static int set_change(const struct kith_strlist *cv, const struct kith_strlist *pv, char *(*norm)(const char *),
		      int full, struct kith_strlist *add, struct kith_strlist *rm)
{
	struct kith_strlist want = KITH_STRLIST_INIT;
	int n = 0;
	for (size_t i = 0; i < cv->n; i++) {
		char *v = norm(cv->v[i]);
		if (v && !in_list(&want, v)) {
			kith_strlist_push(&want, v);
			if (!in_list(pv, v)) {
				kith_strlist_push(add, v);
				n++;
			}
		}
		free(v);
	}
	for (size_t j = 0; full && j < pv->n; j++)
		if (!in_list(&want, pv->v[j])) {
			kith_strlist_push(rm, pv->v[j]);
			n++;
		}
	kith_strlist_release(&want);
	return n;
}

/*
 * The change that brings person p in line with card c. full: p becomes what
 * the card says for everything a vCard carries; otherwise (a conflict) only
 * what the card has and p lacks is added. Returns the number of changes.
 * Values kith cannot take (an email of someone else, an invalid phone) are
 * left out. The change points into p and c.
 */
static int card_change(struct sync *s, const struct kith_person *p, const struct kith_contact *c,
		       struct kith_person_change *ch, int full)
{
	struct kith_strlist want = KITH_STRLIST_INIT;
	int n = 0;
	size_t i, j;

	if (full && c->name && *c->name && strcmp(c->name, p->name ? p->name : "")) {
		ch->name = c->name;
		n++;
	}
	n += text_field(&ch->org, p->org, c->org, full);
	n += text_field(&ch->title, p->title, c->title, full);
	n += text_field(&ch->location, p->location, c->location, full);
	n += text_field(&ch->met, p->met, c->met, full);
	n += text_field(&ch->notes, p->notes, c->notes, full);
	n += text_field(&ch->birthday, p->birthday, valid_date(c->birthday) ? c->birthday : NULL, full);

	n += keyed_change(s, p->id, &c->emails, &p->emails, 1, full, &ch->add_emails, &ch->rm_emails);
	n += keyed_change(s, p->id, &c->phones, &p->phones, 0, full, &ch->add_phones, &ch->rm_phones);

	n += set_change(&c->links, &p->links, link_norm, full, &ch->add_links, &ch->rm_links);
	n += set_change(&c->tags, &p->tags, kith_tag_normalize, full, &ch->add_tags, &ch->rm_tags);
	n += set_change(&c->goals, &p->goals, goal_norm, full, &ch->add_goals, &ch->rm_goals);

	/* labelled dates: LABEL=DATE */
	for (i = 0; i < c->dates.n; i++) {
		const char *spec = c->dates.v[i];
		const char *eq = strrchr(spec, '=');
		char *label;
		int found = 0, same = 0;
		if (!eq || eq == spec || !valid_date(eq + 1))
			continue;
		label = xstrndup(spec, (size_t)(eq - spec));
		if (!in_list(&want, label)) {
			kith_strlist_push(&want, label);
			for (j = 0; j < p->n_dates; j++)
				if (p->dates[j].label && !strcmp(p->dates[j].label, label)) {
					found = 1;
					same = p->dates[j].date && !strcmp(p->dates[j].date, eq + 1);
				}
			if (!found || (full && !same)) {
				kith_strlist_push(&ch->add_dates, spec);
				n++;
			}
		}
		free(label);
	}
	for (j = 0; full && j < p->n_dates; j++)
		if (p->dates[j].label && !in_list(&want, p->dates[j].label)) {
			kith_strlist_push(&ch->rm_dates, p->dates[j].label);
			n++;
		}
	kith_strlist_release(&want);

	if (!full)
		return n;

	/* what only kith writes (X-KITH-*): a card without X-KITH-CIRCLE leaves the circle */
	if (c->circle >= 0 && c->circle < KITH_N_CIRCLES && c->circle != p->circle) {
		ch->circle = c->circle;
		n++;
	}
	{
		struct kith_cadence cad;
		char err[128], a[64], b[64];
		if (c->cadence && kith_cadence_parse(c->cadence, &cad, err, sizeof(err)) == 0) {
			if (p->own.ideal < 0 || strcmp(kith_cadence_format(&cad, a, sizeof(a)),
						       kith_cadence_format(&p->own, b, sizeof(b)))) {
				ch->set_cadence = 1;
				ch->cadence = cad;
				n++;
			}
		} else if (!c->cadence && p->own.ideal >= 0) {
			ch->set_cadence = 2;
			n++;
		}
	}
	{
		const char *role = c->role && (!strcmp(c->role, "mentor") || !strcmp(c->role, "mentee")) ? c->role : NULL;
		n += text_field(&ch->role, p->role, role, 1);
	}
	return n;
}

/* Prefix the current error with the file it is about. */
static enum kith_rc fail_file(struct sync *s, enum kith_rc rc, const char *href)
{
	char msg[sizeof(s->k->errmsg)];
	snprintf(msg, sizeof(msg), "%s", kith_errmsg(s->k));
	struct strbuf p = STRBUF_INIT;
	path_of(&p, s->udir, href);
	rc = kith_fail(s->k, rc, "%s: %s", p.buf, msg);
	strbuf_release(&p);
	return rc;
}

/* Note that this sync changed person id. */
static void touch(struct sync *s, int64_t id)
{
	if (s->n_touched == s->alloc_touched) {
		s->alloc_touched = s->alloc_touched ? 2 * s->alloc_touched : 64;
		s->touched = xrealloc(s->touched, s->alloc_touched * sizeof(*s->touched));
	}
	s->touched[s->n_touched++] = id;
}

/*
 * Apply card e->card to person id: CARD_FULL, the card's version of every
 * field; CARD_CONFLICT, kith's version wins and the card's other facts are
 * merged in; *changed when something changed. CARD_COMPARE changes
 * nothing: *changed when the card says something that differs from the
 * person (or the person is gone), so 0 when both sides made the same change.
 */
enum card_mode { CARD_CONFLICT, CARD_FULL, CARD_COMPARE };

static enum kith_rc apply_card(struct sync *s, struct entry *e, int64_t id, enum card_mode mode, int *changed)
{
	struct kith_person p;
	struct kith_person_change ch;
	enum kith_rc rc;
	int gone;

	*changed = mode == CARD_COMPARE;
	kith_person_change_init(&ch);
	rc = load_person(s->rd, id, &p, &gone);
	if (rc != KITH_OK || gone)
		goto cleanup;
	if (mode == CARD_COMPARE) {
		*changed = card_change(s, &p, &e->card, &ch, 1) != 0;
	} else if (card_change(s, &p, &e->card, &ch, mode == CARD_FULL)) {
		rc = kith_person_edit(s->k, id, &ch);
		if (rc != KITH_OK) {
			rc = fail_file(s, rc, e->href);
		} else {
			*changed = 1;
			touch(s, id);
		}
	}
cleanup:
	kith_person_change_release(&ch);
	kith_person_release(&p);
	return rc;
}

/*
 * Did the folder change only what kith does not keep (a photo, an
 * address)? *same is 1 when the card, applied to person id as a change in
 * the folder would be, gives back the person the last sync agreed on (the
 * hash of the card's state row). Tried in a savepoint rolled back at once.
 */
static enum kith_rc card_is_base(struct sync *s, struct entry *e, int64_t id, int *same)
{
	struct kith_person p;
	size_t touched = s->n_touched;
	enum kith_rc rc;
	int changed, gone = 1;
	char hex[17];

	*same = 0;
	if (kith_exec(s->k, "SAVEPOINT kith_sync_probe") < 0)
		return KITH_ERR;
	/* a card kith cannot take whole is no sign of anything: a conflict then */
	if (apply_card(s, e, id, CARD_FULL, &changed) == KITH_OK) {
		rc = load_person(s->rd, id, &p, &gone);
		if (rc == KITH_OK && !gone) {
			person_hash(&p, e->uid, hex);
			*same = !strcmp(hex, e->khash_old);
		}
		kith_person_release(&p);
	}
	s->n_touched = touched;
	rc = kith_exec(s->k, "ROLLBACK TO kith_sync_probe; RELEASE kith_sync_probe") < 0 ? KITH_ERR : KITH_OK;
	return rc;
}

/* ---- keeping what kith does not know ---- */

static const char *const handled[] = {
	"BEGIN", "END", "VERSION", "PRODID", "UID", "FN", "N", "EMAIL", "TEL", "ORG", "TITLE",
	"URL", "X-SOCIALPROFILE", "CATEGORIES", "BDAY", "NOTE", "REV", NULL,
};

/* The property of a content line: its group (may be empty) and name. */
static void prop_of(const char *l, size_t len, const char **grp, size_t *glen, const char **nm, size_t *nlen)
{
	size_t end = 0, dot = (size_t)-1;
	while (end < len && l[end] != ':' && l[end] != ';') {
		if (l[end] == '.')
			dot = end;
		end++;
	}
	*grp = l;
	*glen = dot == (size_t)-1 ? 0 : dot;
	*nm = dot == (size_t)-1 ? l : l + dot + 1;
	*nlen = (size_t)(l + end - *nm);
}

/* 1 when s[0..n) is a property or group name (RFC 6350 3.3: letters, digits, '-') */
static int is_token(const char *s, size_t n)
{
	if (!n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
		      s[i] == '-'))
			return 0;
	return 1;
}

static int is_handled(const char *nm, size_t n)
{
	if (n >= 7 && !strncasecmp(nm, "X-KITH-", 7))
		return 1;
	for (int i = 0; handled[i]; i++)
		if (strlen(handled[i]) == n && !strncasecmp(nm, handled[i], n))
			return 1;
	return 0;
}

/*
 * Carry the properties of the old card that kith neither reads nor writes
 * (PHOTO, ADR, NICKNAME, X-... of other programs) into the new card, before
 * its END. Properties in a group (Apple's itemN.) with a property kith
 * handles go with it. Lines that are no property (a bad name) are dropped.
 * Old cards in vCard 2.1 or not in UTF-8 are not mined.
 */
static void keep_foreign(struct strbuf *card, const struct strbuf *old)
{
	struct kith_strlist groups = KITH_STRLIST_INIT;
	struct strbuf keep = STRBUF_INIT;
	const char *d = old->buf;
	size_t len = old->len;

	if (!len || memchr(d, '\0', len) || strstr(d, "VERSION:2.1"))
		return;
	for (int pass = 0; pass < 2; pass++) {
		size_t i = 0;
		int depth = 0, kept = 0, done = 0;
		while (i < len && !done) {
			const char *nl = memchr(d + i, '\n', len - i);
			size_t end = nl ? (size_t)(nl - d) : len, l = end - i;
			const char *line = d + i;
			if (l && line[l - 1] == '\r')
				l--;
			i = nl ? end + 1 : len;
			if (l && (line[0] == ' ' || line[0] == '\t')) {
				if (pass && kept) {
					strbuf_add(&keep, line, l);
					strbuf_addstr(&keep, "\r\n");
				}
				continue;
			}
			kept = 0;
			if (l >= 11 && !strncasecmp(line, "BEGIN:VCARD", 11)) {
				depth++;
				continue;
			}
			if (l >= 9 && !strncasecmp(line, "END:VCARD", 9)) {
				if (--depth <= 0)
					done = 1;
				continue;
			}
			if (depth != 1 || !l || !memchr(line, ':', l))
				continue;
			{
				const char *g, *nm;
				size_t gl, nl2;
				prop_of(line, l, &g, &gl, &nm, &nl2);
				if (pass == 0) {
					if (gl && is_handled(nm, nl2)) {
						char *gs = xstrndup(g, gl);
						if (!in_list(&groups, gs))
							kith_strlist_push(&groups, gs);
						free(gs);
					}
					continue;
				}
				if (is_handled(nm, nl2) || !is_token(nm, nl2) || (gl && !is_token(g, gl)))
					continue; /* kith's, or not a property at all */
				if (gl) {
					char *gs = xstrndup(g, gl);
					int skip = in_list(&groups, gs);
					free(gs);
					if (skip)
						continue;
				}
				kept = 1;
				strbuf_add(&keep, line, l);
				strbuf_addstr(&keep, "\r\n");
			}
		}
	}
	if (keep.len && card->len >= 11 && !memcmp(card->buf + card->len - 11, "END:VCARD\r\n", 11)) {
		strbuf_setlen(card, card->len - 11);
		strbuf_add(card, keep.buf, keep.len);
		strbuf_addstr(card, "END:VCARD\r\n");
	}
	strbuf_release(&keep);
	kith_strlist_release(&groups);
}

/* ---- the steps ---- */

/* Step 1a: the state rows of the folder, sorted by href. */
static enum kith_rc load_rows(struct sync *s)
{
	sqlite3_stmt *st = kith_prepare(s->k, "SELECT href, uid, person_id, file_hash, kith_hash FROM sync_card"
					      " WHERE dir = ?1 ORDER BY href");
	enum kith_rc rc = KITH_OK;
	int r;
	if (!st)
		return KITH_ERR;
	sqlite3_bind_text(st, 1, s->dir, -1, SQLITE_TRANSIENT);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		struct entry *e = entry_new(s, (const char *)sqlite3_column_text(st, 0));
		const char *fh = (const char *)sqlite3_column_text(st, 3);
		const char *kh = (const char *)sqlite3_column_text(st, 4);
		e->has_row = 1;
		e->uid = kith_column_strdup(st, 1);
		e->pid = sqlite3_column_int64(st, 2);
		snprintf(e->fhash_old, sizeof(e->fhash_old), "%s", fh ? fh : "");
		snprintf(e->khash_old, sizeof(e->khash_old), "%s", kh ? kh : "");
	}
	if (r != SQLITE_DONE)
		rc = kith_fail_db(s->k, "reading the sync state");
	sqlite3_finalize(st);
	return rc;
}

static struct entry *find_entry(struct sync *s, const char *href)
{
	size_t lo = 0, hi = s->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(s->e[mid].href, href);
		if (!c)
			return &s->e[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->href, ((const struct entry *)b)->href);
}

/* Step 1b: the card files; parse those that are new or changed. */
static enum kith_rc scan_files(struct sync *s, int exists)
{
	struct kith_strlist names = KITH_STRLIST_INIT;
	struct strbuf path = STRBUF_INIT, data = STRBUF_INIT, shown = STRBUF_INIT;
	enum kith_rc rc = KITH_OK;
	size_t nrows = s->n;
	DIR *dh;

	if (exists) {
		struct dirent *de;
		dh = opendir(s->dir);
		if (!dh) {
			rc = kith_fail(s->k, KITH_ERR, "cannot read folder '%s': %s", s->dir, strerror(errno));
			goto cleanup;
		}
		while ((de = readdir(dh)) != NULL)
			if (is_card_name(de->d_name))
				kith_strlist_push(&names, de->d_name);
		closedir(dh);
		if (names.n)
			qsort(names.v, names.n, sizeof(*names.v), cmp_str);
	}
	for (size_t i = 0; i < names.n; i++) {
		struct stat sb;
		struct entry *e;
		path_of(&path, s->dir, names.v[i]);
		if (stat(path.buf, &sb) < 0 || !S_ISREG(sb.st_mode))
			continue;
		path_of(&shown, s->udir, names.v[i]);
		if (kith_read_file(path.buf, &data, KITH_VCARD_MAX_FILE) < 0) {
			rc = errno == EFBIG
				     ? kith_fail(s->k, KITH_EINPUT, "%s: larger than %u MiB", shown.buf, KITH_VCARD_MAX_FILE >> 20)
				     : kith_fail(s->k, KITH_ERR, "cannot read '%s': %s", shown.buf, strerror(errno));
			goto cleanup;
		}
		/* the rows are sorted and not yet joined by new entries */
		{
			size_t save = s->n;
			s->n = nrows;
			e = find_entry(s, names.v[i]);
			s->n = save;
		}
		if (!e)
			e = entry_new(s, names.v[i]);
		e->has_file = 1;
		s->st->cards++;
		kith_sync_hash(data.buf, data.len, e->fhash);
		if (!e->has_row || strcmp(e->fhash, e->fhash_old) || !e->pid) {
			struct kith_vcard_reader r;
			struct kith_contact extra;
			int got;
			kith_contact_init(&extra);
			if (kith_vcard_reader_init(&r, data.buf, data.len) < 0) {
				rc = kith_fail(s->k, KITH_EINPUT, "%s: %s", shown.buf, r.err);
				kith_vcard_reader_release(&r);
				goto cleanup;
			}
			got = kith_vcard_next(&r, &e->card);
			if (got == 1 && kith_vcard_next(&r, &extra) != 0)
				got = 2;
			if (got < 0)
				rc = kith_fail(s->k, KITH_EINPUT, "%s:%zu: %s", shown.buf, r.err_line, r.err);
			else if (got == 0)
				rc = kith_fail(s->k, KITH_EINPUT, "%s: no vCard in the file", shown.buf);
			else if (got == 2)
				rc = kith_fail(s->k, KITH_EINPUT, "%s:%zu: a second card (a vdir holds one card per file)",
					       shown.buf, r.card_line);
			else if (!e->card.name || !*e->card.name)
				rc = kith_fail(s->k, KITH_EINPUT, "%s:%zu: a card without a name", shown.buf, r.card_line);
			kith_contact_release(&extra);
			kith_vcard_reader_release(&r);
			if (rc != KITH_OK)
				goto cleanup;
			e->parsed = 1;
		}
	}
	if (s->n)
		qsort(s->e, s->n, sizeof(*s->e), cmp_entry);
cleanup:
	kith_strlist_release(&names);
	strbuf_release(&path);
	strbuf_release(&data);
	strbuf_release(&shown);
	return rc;
}

static void note_conflict(struct sync *s, struct entry *e, const char *name)
{
	e->conflict = 1;
	kith_strlist_push(&s->st->conflicts, name && *name ? name : "(no name)");
}

static void note_change(struct sync *s, enum kith_sync_action a, const char *name, const struct entry *e)
{
	struct kith_sync_stats *st = s->st;
	struct kith_sync_change *c;
	if (st->n_changes == st->alloc_changes) {
		st->alloc_changes = st->alloc_changes ? 2 * st->alloc_changes : 16;
		st->changes = xrealloc(st->changes, st->alloc_changes * sizeof(*st->changes));
	}
	c = &st->changes[st->n_changes++];
	c->action = a;
	c->name = xstrdup(name ? name : "");
	c->href = xstrdup(e->href);
	c->conflict = e->conflict;
}

/* 1 when another entry with a file stands for person id */
static int other_card(struct sync *s, const struct entry *self, int64_t id)
{
	for (size_t i = 0; i < s->n; i++)
		if (&s->e[i] != self && s->e[i].has_file && s->e[i].pid == id && s->e[i].has_row)
			return 1;
	return 0;
}

/* Step 2a: cards the last sync saw. */
static enum kith_rc sync_known(struct sync *s)
{
	enum kith_rc rc = KITH_OK;

	/* how each person looked before anything changes */
	for (size_t i = 0; i < s->n; i++) {
		struct entry *e = &s->e[i];
		struct kith_person p;
		int gone;
		if (!e->has_row)
			continue;
		rc = load_person(s->rd, e->pid, &p, &gone);
		if (rc != KITH_OK)
			return rc;
		if (gone) {
			e->pid = 0;
		} else {
			person_hash(&p, e->uid, e->khash_base);
			kith_person_release(&p);
		}
	}
	for (size_t i = 0; i < s->n && rc == KITH_OK; i++) {
		struct entry *e = &s->e[i];
		int fch, kch, changed, same;
		if (!e->has_row)
			continue;
		fch = e->has_file && strcmp(e->fhash, e->fhash_old);
		kch = e->pid && strcmp(e->khash_base, e->khash_old);
		e->new_uid = xstrdup(e->uid ? e->uid : "");
		if (e->has_file && e->pid) {
			e->new_pid = e->pid;
			if (fch && !kch) {
				rc = apply_card(s, e, e->pid, CARD_FULL, &changed);
				if (rc == KITH_OK && changed) {
					struct kith_person p;
					int gone;
					s->st->updated++;
					rc = load_person(s->rd, e->pid, &p, &gone);
					if (rc == KITH_OK && !gone) {
						person_hash(&p, e->new_uid, e->khash_base);
						note_change(s, KITH_SYNC_UPDATE, p.name, e);
					}
					kith_person_release(&p);
				}
			} else if (!fch && kch) {
				e->write = 1;
			} else if (fch && kch && (rc = apply_card(s, e, e->pid, CARD_COMPARE, &changed)) == KITH_OK &&
				   !changed) {
				/* the same change on both sides: nothing to settle */
			} else if (fch && kch && rc == KITH_OK && (rc = card_is_base(s, e, e->pid, &same)) == KITH_OK &&
				   same) {
				/* the folder changed only what kith does not keep: kith's change is
				   written, and the card's new foreign properties are carried over */
				e->write = 1;
			} else if (fch && kch && rc == KITH_OK) {
				rc = apply_card(s, e, e->pid, CARD_CONFLICT, &changed);
				e->write = 1;
				if (rc == KITH_OK) {
					char buf[256];
					kith_person_name(s->k, e->pid, buf, sizeof(buf));
					note_conflict(s, e, buf);
					if (changed) {
						s->st->updated++;
						note_change(s, KITH_SYNC_UPDATE, buf, e);
					}
				}
			}
		} else if (e->has_file) {
			/* removed in kith */
			if (fch)
				e->write = 2; /* changed in the folder: added again below */
			else
				e->del = 1;
		} else if (e->pid) {
			/* deleted in the folder */
			if (kch) {
				char buf[256];
				e->new_pid = e->pid;
				e->write = 1;
				note_conflict(s, e, kith_person_name(s->k, e->pid, buf, sizeof(buf)));
			} else if (!other_card(s, e, e->pid)) {
				char buf[256];
				kith_person_name(s->k, e->pid, buf, sizeof(buf));
				rc = kith_person_rm(s->k, e->pid, NULL);
				if (rc == KITH_OK) {
					s->st->removed++;
					note_change(s, KITH_SYNC_REMOVE, buf, e);
				} else if (rc == KITH_ENOTFOUND) {
					rc = KITH_OK; /* removed already, with another card of theirs */
				}
			}
		}
	}
	return rc;
}

/* 1 when an entry other than self carries uid */
static int uid_used(const struct sync *s, const struct entry *self, const char *uid)
{
	for (size_t i = 0; i < s->n; i++) {
		const struct entry *e = &s->e[i];
		if (e == self)
			continue;
		if ((e->has_row && e->uid && !strcmp(e->uid, uid)) || (e->new_uid && !strcmp(e->new_uid, uid)) ||
		    (e->parsed && e->card.uid && !strcmp(e->card.uid, uid)))
			return 1;
	}
	return 0;
}

/*
 * The UID for a card without one that joined someone kith knew: theirs,
 * unless another card in the folder has it (a folder may hold two cards of
 * one person, and a CardDAV collection wants their UIDs distinct); then one
 * made from the file name. A new string.
 */
static char *unique_uid(const struct sync *s, const struct entry *self, const char *person_uid)
{
	struct strbuf sb = STRBUF_INIT;
	size_t base;
	if (person_uid && *person_uid && !uid_used(s, self, person_uid))
		return xstrdup(person_uid);
	strbuf_addstr(&sb, self->href);
	strbuf_setlen(&sb, sb.len - 4); /* .vcf */
	base = sb.len;
	for (int n = 2; uid_used(s, self, sb.buf); n++) {
		strbuf_setlen(&sb, base);
		strbuf_addf(&sb, "-%d", n);
	}
	return strbuf_detach(&sb);
}

/* Step 2b: new cards (and cards of people removed in kith but changed since) through the merger. */
static enum kith_rc sync_new(struct sync *s)
{
	struct kith_contact_merger *m = NULL;
	enum kith_rc rc = KITH_OK;

	for (size_t i = 0; i < s->n && rc == KITH_OK; i++) {
		struct entry *e = &s->e[i];
		struct kith_import_stats is = { 0, 0, 0, 0, 0, 0 };
		struct kith_person p;
		int64_t id = 0;
		int gone;
		if (!e->has_file || (e->has_row && e->write != 2))
			continue;
		if (!m && !(m = kith_contact_merger_new(s->k, -1)))
			return KITH_ERR;
		rc = kith_contact_merger_add(m, &e->card, &is, &id);
		if (rc != KITH_OK) {
			rc = fail_file(s, rc, e->href);
			break;
		}
		s->st->added += is.added;
		s->st->updated += is.updated;
		if (is.added || is.updated)
			touch(s, id);
		if (e->write == 2) {
			note_conflict(s, e, e->card.name);
			e->write = 0;
		}
		if (is.added)
			note_change(s, KITH_SYNC_ADD, e->card.name, e);
		e->new_pid = id;
		free(e->new_uid);
		e->new_uid = xstrdup(e->card.uid && *e->card.uid ? e->card.uid : "");
		rc = load_person(s->rd, id, &p, &gone);
		if (rc != KITH_OK || gone) {
			kith_person_release(&p);
			break;
		}
		if (!*e->new_uid) {
			free(e->new_uid);
			e->new_uid = is.added ? xstrdup(p.uid ? p.uid : "") : unique_uid(s, e, p.uid);
		}
		person_hash(&p, e->new_uid, e->khash_base);
		if (is.updated)
			note_change(s, KITH_SYNC_UPDATE, p.name, e);
		/* a card of someone kith knew: written back when kith knows more or otherwise */
		if (!is.added) {
			struct kith_person_change ch;
			kith_person_change_init(&ch);
			if (card_change(s, &p, &e->card, &ch, 1))
				e->write = 1;
			kith_person_change_release(&ch);
		}
		kith_person_release(&p);
	}
	if (rc == KITH_OK && m)
		rc = kith_contact_merger_finish(m);
	kith_contact_merger_free(m);
	return rc;
}

/* Step 2c: people without a card get one. */
static enum kith_rc sync_people(struct sync *s)
{
	int64_t *ids = xcalloc(s->n + 1, sizeof(*ids));
	size_t nids = 0, old_n = s->n;
	struct strbuf href = STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	enum kith_rc rc = KITH_OK;
	int r;

	for (size_t i = 0; i < s->n; i++)
		if (s->e[i].new_pid)
			ids[nids++] = s->e[i].new_pid;
	qsort(ids, nids, sizeof(*ids), kith_cmp_id);
	st = kith_prepare(s->k, "SELECT id, uid FROM person ORDER BY id");
	if (!st) {
		rc = KITH_ERR;
		goto cleanup;
	}
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		const char *uid = (const char *)sqlite3_column_text(st, 1);
		struct entry *e;
		if (nids && bsearch(&id, ids, nids, sizeof(*ids), kith_cmp_id))
			continue;
		href_for(&href, uid, id);
		/* a name taken by another card: <uid>-2.vcf, -3, ... */
		for (int n = 2; ; n++) {
			int taken;
			size_t save = s->n;
			s->n = old_n;
			taken = find_entry(s, href.buf) != NULL;
			s->n = save;
			for (size_t i = old_n; i < s->n && !taken; i++)
				taken = !strcmp(s->e[i].href, href.buf);
			if (!taken)
				break;
			href_for(&href, uid, id);
			strbuf_setlen(&href, href.len - 4);
			strbuf_addf(&href, "-%d.vcf", n);
		}
		e = entry_new(s, href.buf);
		e->new_pid = id;
		e->new_uid = xstrdup(uid ? uid : "");
		e->write = 1;
	}
	if (r != SQLITE_DONE)
		rc = kith_fail_db(s->k, "listing people");
	else if (s->n > old_n)
		qsort(s->e, s->n, sizeof(*s->e), cmp_entry);
cleanup:
	sqlite3_finalize(st);
	strbuf_release(&href);
	free(ids);
	return rc;
}

/* Step 3: render what to write and record the new state. */
static enum kith_rc sync_state(struct sync *s)
{
	struct kith_vcard_opts vo = { s->o->version, s->o->prodid, s->k->today };
	sqlite3_stmt *put = NULL, *del = NULL;
	struct strbuf path = STRBUF_INIT, old = STRBUF_INIT;
	enum kith_rc rc = KITH_OK;
	char synced[KITH_DATE_BUFSZ];

	kith_day_format(s->k->today, synced);
	if (s->n_touched)
		qsort(s->touched, s->n_touched, sizeof(*s->touched), kith_cmp_id);
	put = kith_prepare(s->k, "INSERT INTO sync_card(dir, href, uid, person_id, file_hash, kith_hash, synced)"
				 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(dir, href) DO UPDATE SET"
				 " uid = ?3, person_id = ?4, file_hash = ?5, kith_hash = ?6, synced = ?7");
	del = kith_prepare(s->k, "DELETE FROM sync_card WHERE dir = ?1 AND href = ?2");
	if (!put || !del) {
		rc = KITH_ERR;
		goto cleanup;
	}
	for (size_t i = 0; i < s->n && rc == KITH_OK; i++) {
		struct entry *e = &s->e[i];
		struct kith_person p;
		int gone = 1;
		if (e->new_pid && !e->write && e->has_row && e->new_pid == e->pid && e->new_uid && *e->new_uid &&
		    !(s->n_touched && bsearch(&e->new_pid, s->touched, s->n_touched, sizeof(*s->touched), kith_cmp_id))) {
			/* nothing happened to this card or its person: no need to look again */
			memcpy(e->khash_new, e->khash_base, sizeof(e->khash_new));
			memcpy(e->fhash_new, e->fhash, sizeof(e->fhash_new));
			goto record;
		}
		if (e->new_pid) {
			rc = load_person(s->rd, e->new_pid, &p, &gone);
			if (rc != KITH_OK)
				break;
		}
		if (gone) {
			/* the person is gone (removed, or merged away by a later card): so is the row */
			e->new_pid = 0;
			if (e->has_file && !e->del && e->has_row && !e->parsed)
				e->del = 1;
			if (e->has_row) {
				sqlite3_reset(del);
				sqlite3_bind_text(del, 1, s->dir, -1, SQLITE_TRANSIENT);
				sqlite3_bind_text(del, 2, e->href, -1, SQLITE_TRANSIENT);
				if (sqlite3_step(del) != SQLITE_DONE)
					rc = kith_fail_db(s->k, "cannot forget a card");
			}
			continue;
		}
		if (!*e->new_uid) {
			free(e->new_uid);
			e->new_uid = xstrdup(p.uid ? p.uid : "");
		}
		person_hash(&p, e->new_uid, e->khash_new);
		if (!e->write && strcmp(e->khash_new, e->khash_base))
			e->write = 1; /* changed by a later card of the same person */
		if (e->write) {
			struct kith_person q = p;
			q.uid = e->new_uid;
			note_change(s, KITH_SYNC_WRITE, p.name, e);
			kith_vcard_person(&e->out, &q, &vo);
			if (e->has_file) {
				path_of(&path, s->dir, e->href);
				if (kith_read_file(path.buf, &old, KITH_VCARD_MAX_FILE) == 0)
					keep_foreign(&e->out, &old);
			}
			kith_sync_hash(e->out.buf, e->out.len, e->fhash_new);
		} else {
			memcpy(e->fhash_new, e->fhash, sizeof(e->fhash_new));
		}
		kith_person_release(&p);
record:
		if (e->has_row && e->pid == e->new_pid && !strcmp(e->fhash_new, e->fhash_old) &&
		    !strcmp(e->khash_new, e->khash_old) && e->uid && !strcmp(e->uid, e->new_uid))
			continue; /* nothing changed: the row stays as it is */
		sqlite3_reset(put);
		sqlite3_bind_text(put, 1, s->dir, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(put, 2, e->href, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(put, 3, e->new_uid, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(put, 4, e->new_pid);
		sqlite3_bind_text(put, 5, e->fhash_new, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(put, 6, e->khash_new, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(put, 7, synced, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(put) != SQLITE_DONE)
			rc = kith_fail_db(s->k, "cannot record the sync state");
	}
	for (size_t i = 0; i < s->n; i++) {
		if (s->e[i].write && s->e[i].new_pid)
			s->st->written++;
		if (s->e[i].del) {
			s->st->deleted++;
			note_change(s, KITH_SYNC_DELETE, NULL, &s->e[i]);
		}
	}
cleanup:
	sqlite3_finalize(put);
	sqlite3_finalize(del);
	strbuf_release(&path);
	strbuf_release(&old);
	return rc;
}

/*
 * Step 4: the files. A card that replaces one already there is synced
 * before its rename, so a crash leaves the old card or the new one, never
 * an empty file. New cards are made durable all at once with one syncfs()
 * at the end (one fsync per file is most of the time of a first sync of a
 * large network), before the folder is synced and the caller commits. A
 * crash before that can leave new cards missing or empty, while the
 * database still holds the state before the sync.
 */
static enum kith_rc sync_files(struct sync *s)
{
	struct strbuf path = STRBUF_INIT;
	enum kith_rc rc = KITH_OK;
	int touched = 0, unsynced = 0;

	for (size_t i = 0; i < s->n && rc == KITH_OK; i++) {
		struct entry *e = &s->e[i];
		path_of(&path, s->dir, e->href);
		if (e->write && e->new_pid) {
			int sync = 1;
#ifdef __linux__
			sync = e->has_file;
#endif
			rc = replace_file(s->k, s->dir, path.buf, e->out.buf, e->out.len, sync);
			unsynced += !sync;
			touched = 1;
		} else if (e->del) {
			if (unlink(path.buf) < 0 && errno != ENOENT)
				rc = kith_fail(s->k, KITH_ERR, "cannot delete '%s': %s", path.buf, strerror(errno));
			touched = 1;
		}
	}
	if (touched) {
		int dfd = open(s->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd < 0) {
			if (rc == KITH_OK)
				rc = kith_fail(s->k, KITH_ERR, "cannot open '%s': %s", s->dir, strerror(errno));
		} else {
#ifdef __linux__
			if (unsynced && syncfs(dfd) < 0 && rc == KITH_OK)
				rc = kith_fail(s->k, KITH_ERR, "cannot sync '%s': %s", s->dir, strerror(errno));
#endif
			(void)fsync(dfd);
			close(dfd);
		}
	}
	strbuf_release(&path);
	return rc;
}

/* The folder's absolute path, resolved as far as it exists. */
static char *absolute_dir(const char *dir, int *exists)
{
	char buf[PATH_MAX];
	struct strbuf sb = STRBUF_INIT;
	if (realpath(dir, buf)) {
		*exists = 1;
		return xstrdup(buf);
	}
	*exists = 0;
	if (dir[0] != '/' && getcwd(buf, sizeof(buf))) {
		strbuf_addstr(&sb, buf);
		strbuf_addch(&sb, '/');
	}
	strbuf_addstr(&sb, dir);
	while (sb.len > 1 && sb.buf[sb.len - 1] == '/')
		strbuf_setlen(&sb, sb.len - 1);
	return strbuf_detach(&sb);
}

enum kith_rc kith_sync_dir(struct kith *k, const char *dir, const struct kith_sync_opts *o,
			   struct kith_sync_stats *st_out)
{
	struct kith_sync_stats local = KITH_SYNC_STATS_INIT;
	struct sync s;
	enum kith_rc rc = KITH_OK;
	struct stat sb;
	int exists = 0, sp = 0;

	memset(&s, 0, sizeof(s));
	s.k = k;
	s.o = o;
	s.st = st_out ? st_out : &local;
	if (!dir || !*dir) {
		rc = kith_fail(k, KITH_EINPUT, "no folder given");
		goto cleanup;
	}
	if (o->version != 3 && o->version != 4) {
		rc = kith_fail(k, KITH_EINPUT, "unknown vCard version %d (3 or 4)", o->version);
		goto cleanup;
	}
	if (stat(dir, &sb) == 0 && !S_ISDIR(sb.st_mode)) {
		rc = kith_fail(k, KITH_EINPUT, "'%s' is not a folder", dir);
		goto cleanup;
	}
	if (!o->dry_run && kith_mkdirs(dir) < 0) {
		rc = kith_fail(k, errno == ENOTDIR ? KITH_EINPUT : KITH_ERR, "cannot create folder '%s': %s", dir,
			       strerror(errno));
		goto cleanup;
	}
	s.dir = absolute_dir(dir, &exists);
	s.udir = dir;
	s.email_owner = kith_prepare(k, "SELECT 1 FROM person_email WHERE email_key = ?1 AND person_id <> ?2 LIMIT 1");
	s.rd = kith_person_reader_new(k);
	if (!s.email_owner || !s.rd) {
		rc = KITH_ERR;
		goto cleanup;
	}

	/* 1. read everything; a bad card stops the sync before any change */
	if ((rc = load_rows(&s)) != KITH_OK || (rc = scan_files(&s, exists)) != KITH_OK)
		goto cleanup;
	/*
	 * A folder that lost every card is more often a folder that is not
	 * there (an unmounted disk, a mistyped path) than a wish to empty the
	 * network: ask for --force-delete first.
	 */
	if (!s.st->cards && !o->force_delete) {
		size_t n = 0;
		for (size_t i = 0; i < s.n; i++)
			n += s.e[i].has_row && s.e[i].pid;
		if (n) {
			rc = kith_fail(k, KITH_EINPUT, "every card in '%s' is gone: the sync would remove %zu %s from kith"
				       " (if that is what you want: kith sync --force-delete)",
				       dir, n, n == 1 ? "person" : "people");
			goto cleanup;
		}
	}

	/* 2 and 3. the database */
	if (kith_exec(k, "SAVEPOINT kith_sync") < 0) {
		rc = KITH_ERR;
		goto cleanup;
	}
	sp = 1;
	if ((rc = sync_known(&s)) != KITH_OK || (rc = sync_new(&s)) != KITH_OK ||
	    (rc = sync_people(&s)) != KITH_OK || (rc = sync_state(&s)) != KITH_OK)
		goto cleanup;
	if (o->dry_run)
		goto cleanup; /* rolled back below */
	if (kith_exec(k, "RELEASE kith_sync") < 0) {
		rc = KITH_ERR;
		goto cleanup;
	}
	sp = 0;

	/* 4. the files */
	rc = sync_files(&s);
cleanup:
	if (sp)
		sqlite3_exec(k->db, "ROLLBACK TO kith_sync; RELEASE kith_sync", NULL, NULL, NULL);
	sqlite3_finalize(s.email_owner);
	kith_person_reader_free(s.rd);
	free(s.touched);
	for (size_t i = 0; i < s.n; i++)
		entry_release(&s.e[i]);
	free(s.e);
	free(s.dir);
	kith_sync_stats_release(&local);
	return rc;
}
