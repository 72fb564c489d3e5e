/*
 * Contacts from outside joining the network: matching (LinkedIn URL,
 * email, phone, then a careful name rule) and merging new facts in. See
 * include/kith/contact.h.
 */
#include "internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kith/cadence.h"
#include "kith/contact.h"
#include "kith/person.h"
#include "kith/strbuf.h"
#include "util/fold.h"
#include "util/xalloc.h"

#include "util/keymap.h"
#include "banned.h"

void kith_contact_init(struct kith_contact *c)
{
	memset(c, 0, sizeof(*c));
	c->connected_on = KITH_NO_DAY;
	c->circle = -1;
}

static void prep_free(struct kith_contact_prep *p);

void kith_contact_release(struct kith_contact *c)
{
	if (!c)
		return;
	free(c->name);
	free(c->org);
	free(c->title);
	free(c->location);
	free(c->notes);
	free(c->met);
	free(c->birthday);
	free(c->uid);
	kith_strlist_release(&c->emails);
	kith_strlist_release(&c->phones);
	kith_strlist_release(&c->links);
	kith_strlist_release(&c->tags);
	free(c->cadence);
	free(c->role);
	kith_strlist_release(&c->goals);
	kith_strlist_release(&c->dates);
	prep_free(c->prep);
	kith_contact_init(c);
}

enum {
	S_LINK, S_EMAIL, S_PHONE, S_NAME, S_PERSON, S_HAS_EMAIL, S_HAS_PHONE, S_HAS_LINK, S_HAS_TAG,
	S_N_EMAIL, S_N_PHONE, S_HAS_LI, S_UID, S_SET_UID, S_SET_CREATED, S_MAX
};

static const char *const merger_sql[S_MAX] = {
	"SELECT DISTINCT person_id FROM person_link WHERE url = ?1 LIMIT 2",
	"SELECT DISTINCT person_id FROM person_email WHERE email_key = ?1 LIMIT 2",
	"SELECT DISTINCT person_id FROM person_phone WHERE phone_key = ?1 LIMIT 2",
	"SELECT id, name_key FROM person",
	"SELECT org, title, location, met, notes, birthday FROM person WHERE id = ?1",
	"SELECT 1 FROM person_email WHERE person_id = ?1 AND email_key = ?2",
	"SELECT 1 FROM person_phone WHERE person_id = ?1 AND phone_key = ?2",
	"SELECT 1 FROM person_link WHERE person_id = ?1 AND url = ?2",
	"SELECT 1 FROM person_tag WHERE person_id = ?1 AND tag = ?2",
	"SELECT count(*) FROM person_email WHERE person_id = ?1",
	"SELECT count(*) FROM person_phone WHERE person_id = ?1",
	"SELECT 1 FROM person_link WHERE person_id = ?1 AND url LIKE 'https://www.linkedin.com/in/%'",
	"SELECT id FROM person WHERE uid = ?1",
	"UPDATE person SET uid = ?2 WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM person WHERE uid = ?2)",
	"UPDATE person SET created = ?2 WHERE id = ?1",
};

/* people added one by one before a merger sets indexes aside (see kith_contact_merger_add) */
#define DEFER_AFTER 256

/* how many emails and phones a person has, and whether a LinkedIn profile */
struct mem_person {
	uint32_t emails, phones;
	unsigned char li;
};

struct kith_contact_merger {
	struct kith *k;
	int circle;
	struct kith_person_adder *adder; /* NULL: kith_person_add, one by one */
	int64_t cache_size;              /* the connection's, restored by kith_contact_merger_free */
	sqlite3_stmt *st[S_MAX];
	struct kith_keymap names;             /* folded name, read once per merger */
	/*
	 * Started on a network without people, the merger knows everyone
	 * there is, since it added them all itself: it finds people in memory
	 * by UID, LinkedIn URL, email and phone key instead of asking the
	 * database. `changes` is the connection's count of changed rows when
	 * the merger last wrote; anything else written in between (someone
	 * added or changed outside the merger) ends this for good.
	 */
	int mem;
	int may_defer;   /* kith_contact_merger_defer */
	int deferred;    /* the adder was asked to set indexes aside */
	size_t added;    /* people the merger added */
	sqlite3_int64 changes;
	struct kith_keymap uids, links, emails, phones;
	/* what the name rule asks of a person ([id]), and "id:phone key" of everyone */
	struct mem_person *people;
	size_t n_people;
	struct kith_keymap person_phones;
};

/* The lookups in memory end: free what they kept. */
static void mem_end(struct kith_contact_merger *m)
{
	m->mem = 0;
	kith_keymap_free(&m->uids);
	kith_keymap_free(&m->links);
	kith_keymap_free(&m->emails);
	kith_keymap_free(&m->phones);
	kith_keymap_free(&m->person_phones);
	free(m->people);
	m->people = NULL;
	m->n_people = 0;
}

/* Person id's entry, or NULL when the id is out of reach. */
static struct mem_person *mem_person(struct kith_contact_merger *m, int64_t id)
{
	if (id <= 0 || id > (int64_t)1 << 40)
		return NULL;
	if ((size_t)id >= m->n_people) {
		size_t n = m->n_people ? m->n_people : 1024;
		while (n <= (size_t)id)
			n *= 2;
		m->people = xrealloc(m->people, n * sizeof(*m->people));
		memset(m->people + m->n_people, 0, (n - m->n_people) * sizeof(*m->people));
		m->n_people = n;
	}
	return &m->people[id];
}

static void person_phone_key(char *buf, size_t len, int64_t id, const char *key)
{
	snprintf(buf, len, "%lld:%s", (long long)id, key);
}

struct kith_contact_merger *kith_contact_merger_new(struct kith *k, int circle)
{
	struct kith_contact_merger *m = xcalloc(1, sizeof(*m));
	m->k = k;
	m->circle = circle;

	for (int i = 0; i < S_MAX; i++) {
		if (!(m->st[i] = kith_prepare(k, merger_sql[i]))) {
			kith_contact_merger_free(m);
			return NULL;
		}
	}
	/*
	 * A page cache large enough for the whole import: with SQLite's
	 * default (2 MB) a transaction that adds 100,000 people spills its
	 * dirty pages to the WAL again and again, twice the time of the whole
	 * import. Pages are allocated as they are used, so a small import
	 * stays small; the setting is restored when the merger is freed.
	 */
	{
		sqlite3_stmt *st = kith_prepare(k, "PRAGMA cache_size");
		if (st && sqlite3_step(st) == SQLITE_ROW)
			m->cache_size = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		if (m->cache_size && m->cache_size > -1048576)
			(void)kith_exec(k, "PRAGMA cache_size = -1048576");
	}
	if (!(m->adder = kith_person_adder_new(k))) {
		kith_contact_merger_free(m);
		return NULL;
	}
	kith_keymap_put(&m->names, "", 0); /* no one is found by an empty name */
	{
		int rr;
		size_t people = 0;
		while ((rr = sqlite3_step(m->st[S_NAME])) == SQLITE_ROW) {
			const char *key = (const char *)sqlite3_column_text(m->st[S_NAME], 1);
			kith_keymap_put(&m->names, key ? key : "", sqlite3_column_int64(m->st[S_NAME], 0));
			people++;
		}
		sqlite3_reset(m->st[S_NAME]);
		if (rr != SQLITE_DONE) {
			kith_fail_db(k, "cannot read people");
			kith_contact_merger_free(m);
			return NULL;
		}
		m->mem = people == 0;
	}
	m->changes = sqlite3_total_changes64(k->db);
	return m;
}

void kith_contact_merger_defer(struct kith_contact_merger *m)
{
	m->may_defer = 1;
}

enum kith_rc kith_contact_merger_finish(struct kith_contact_merger *m)
{
	enum kith_rc rc = m->adder ? kith_person_adder_flush(m->adder) : KITH_OK;
	if (m->mem)
		m->changes = sqlite3_total_changes64(m->k->db);
	return rc;
}

void kith_contact_merger_free(struct kith_contact_merger *m)
{
	if (!m)
		return;
	/* first, as its writer thread may still have the connection */
	kith_person_adder_free(m->adder);
	for (int i = 0; i < S_MAX; i++)
		sqlite3_finalize(m->st[i]);
	if (m->cache_size && m->cache_size > -1048576) {
		char sql[64];
		snprintf(sql, sizeof(sql), "PRAGMA cache_size = %lld", (long long)m->cache_size);
		(void)kith_exec(m->k, sql);
	}
	kith_keymap_free(&m->names);
	mem_end(m);
	free(m);
}

/* Run statement i with (a, text b); the first integer column of the first row, 0 when none. */
static int64_t q(struct kith_contact_merger *m, int i, int64_t a, const char *b, int *rows)
{
	sqlite3_stmt *st = m->st[i];
	int64_t v = 0;
	int n = 0;

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (sqlite3_bind_parameter_count(st) >= 1) {
		if (b && sqlite3_bind_parameter_count(st) == 1)
			sqlite3_bind_text(st, 1, b, -1, SQLITE_STATIC);
		else
			sqlite3_bind_int64(st, 1, a);
	}
	if (b && sqlite3_bind_parameter_count(st) == 2)
		sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (!n)
			v = sqlite3_column_int64(st, 0);
		n++;
	}
	sqlite3_reset(st);
	if (rows)
		*rows = n;
	return v;
}

/* The single person found by lookup i on key: id, 0 none, -1 several;
 * from memory when the merger knows everyone (see struct kith_contact_merger). */
static int64_t owner(struct kith_contact_merger *m, int i, const char *key)
{
	int rows = 0;
	int64_t id;

	if (m->mem) {
		const struct kith_keymap *mp = i == S_UID ? &m->uids : i == S_LINK ? &m->links
			: i == S_EMAIL ? &m->emails : &m->phones;
		return kith_keymap_get(mp, key);
	}
	id = q(m, i, 0, key, &rows);
	return rows == 0 ? 0 : rows == 1 ? id : -1;
}

char *kith_linkedin_url(const char *url)
{
	const char *p = url, *in;
	size_t n;
	struct strbuf sb = STRBUF_INIT;

	while (*p == ' ')
		p++;
	in = NULL;
	for (const char *s = p; *s; s++) {
		if (!strncmp(s, "linkedin.com/in/", 16) || !strncmp(s, "LINKEDIN.COM/IN/", 16)) {
			in = s + 16;
			break;
		}
	}
	if (!in)
		return NULL;
	n = strcspn(in, "/?# ");
	if (!n || n > 200)
		return NULL;
	strbuf_addstr(&sb, "https://www.linkedin.com/in/");
	for (size_t i = 0; i < n; i++)
		strbuf_addch(&sb, tolower((unsigned char)in[i]));
	return strbuf_detach(&sb);
}

/* The contact's values, cleaned, with their matching keys. */
struct clean {
	struct kith_strlist emails, email_keys, phones, phone_keys, links, tags;
	int has_li;
	int64_t *email_owner; /* [i]: owner() of email_keys.v[i], once looked up */
	unsigned char *email_known;
};

/* The single owner of email i (see owner()), looked up once per contact. */
static int64_t email_owner(struct kith_contact_merger *m, struct clean *cl, size_t i);

static int in_list(const struct kith_strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], s))
			return 1;
	return 0;
}

static void clean_contact(const struct kith_contact *c, struct clean *cl)
{
	size_t i;
	for (i = 0; i < c->emails.n; i++) {
		char *key;
		if (!kith_email_valid(c->emails.v[i]))
			continue;
		key = kith_email_key(c->emails.v[i]);
		if (!in_list(&cl->email_keys, key)) {
			kith_strlist_push(&cl->emails, c->emails.v[i]);
			kith_strlist_push(&cl->email_keys, key);
		}
		free(key);
	}
	for (i = 0; i < c->phones.n; i++) {
		char *key = kith_phone_key(c->phones.v[i]);
		if (*key && strlen(c->phones.v[i]) <= 64 && !in_list(&cl->phone_keys, key)) {
			kith_strlist_push(&cl->phones, c->phones.v[i]);
			kith_strlist_push(&cl->phone_keys, key);
		}
		free(key);
	}
	for (i = 0; i < c->links.n; i++) {
		char *li = kith_linkedin_url(c->links.v[i]);
		const char *u = li ? li : c->links.v[i];
		if (*u && !strchr(u, ' ') && strlen(u) <= 2048 && !in_list(&cl->links, u))
			kith_strlist_push(&cl->links, u);
		if (li)
			cl->has_li = 1;
		free(li);
	}
	for (i = 0; i < c->tags.n; i++) {
		char *t = kith_tag_normalize(c->tags.v[i]);
		if (t && !in_list(&cl->tags, t))
			kith_strlist_push(&cl->tags, t);
		free(t);
	}
}

/* What kith_contact_prepare keeps: the contact cleaned, and its folded name. */
struct kith_contact_prep {
	struct clean cl;
	char *name_key;
};

static void clean_release(struct clean *cl);

void kith_contact_prepare(struct kith_contact *c)
{
	struct kith_contact_prep *p;
	if (c->prep)
		return;
	p = xcalloc(1, sizeof(*p));
	clean_contact(c, &p->cl);
	p->name_key = c->name ? kith_fold_dup(c->name) : NULL;
	c->prep = p;
}

static void prep_free(struct kith_contact_prep *p)
{
	if (!p)
		return;
	clean_release(&p->cl);
	free(p->name_key);
	free(p);
}

static void clean_release(struct clean *cl)
{
	free(cl->email_owner);
	free(cl->email_known);
	kith_strlist_release(&cl->emails);
	kith_strlist_release(&cl->email_keys);
	kith_strlist_release(&cl->phones);
	kith_strlist_release(&cl->phone_keys);
	kith_strlist_release(&cl->links);
	kith_strlist_release(&cl->tags);
}

static int64_t email_owner(struct kith_contact_merger *m, struct clean *cl, size_t i)
{
	if (!cl->email_owner) {
		cl->email_owner = xcalloc(cl->email_keys.n, sizeof(*cl->email_owner));
		cl->email_known = xcalloc(cl->email_keys.n, 1);
	}
	if (!cl->email_known[i]) {
		cl->email_owner[i] = owner(m, S_EMAIL, cl->email_keys.v[i]);
		cl->email_known[i] = 1;
	}
	return cl->email_owner[i];
}

/* Find the person the contact describes: id or 0. */
static int64_t find(struct kith_contact_merger *m, const struct kith_contact *c, struct clean *cl,
		    const char *name_key)
{
	int64_t id;
	size_t i;
	int shared, rows;

	/* a card kith wrote comes back to the person it was written from */
	if (c->uid && *c->uid && (id = owner(m, S_UID, c->uid)) > 0)
		return id;
	for (i = 0; i < cl->links.n; i++)
		if (!strncmp(cl->links.v[i], "https://www.linkedin.com/in/", 28) &&
		    (id = owner(m, S_LINK, cl->links.v[i])) > 0)
			return id;
	for (i = 0; i < cl->email_keys.n; i++)
		if ((id = email_owner(m, cl, i)) > 0)
			return id;
	for (i = 0; i < cl->phone_keys.n; i++)
		if (strlen(cl->phone_keys.v[i]) >= 6 && (id = owner(m, S_PHONE, cl->phone_keys.v[i])) > 0)
			return id;
	/* the name: exactly one person, and nothing says they differ */
	id = kith_keymap_get(&m->names, name_key);
	if (id <= 0)
		return 0;
	if (m->mem) {
		const struct mem_person *mp = mem_person(m, id);
		if (!mp)
			return 0;
		if (cl->emails.n && mp->emails > 0)
			return 0;
		if (cl->phones.n && mp->phones > 0) {
			char buf[128];
			shared = 0;
			for (i = 0; i < cl->phone_keys.n && !shared; i++) {
				person_phone_key(buf, sizeof(buf), id, cl->phone_keys.v[i]);
				shared = kith_keymap_get(&m->person_phones, buf) > 0;
			}
			if (!shared)
				return 0;
		}
		if (cl->has_li && mp->li)
			return 0;
		return id;
	}
	if (cl->emails.n && q(m, S_N_EMAIL, id, NULL, NULL) > 0)
		return 0; /* none of the emails is theirs (or it would have matched) */
	if (cl->phones.n && q(m, S_N_PHONE, id, NULL, NULL) > 0) {
		shared = 0;
		for (i = 0; i < cl->phone_keys.n && !shared; i++) {
			q(m, S_HAS_PHONE, id, cl->phone_keys.v[i], &rows);
			shared = rows > 0;
		}
		if (!shared)
			return 0;
	}
	if (cl->has_li) {
		q(m, S_HAS_LI, id, NULL, &rows);
		if (rows)
			return 0; /* a different LinkedIn profile */
	}
	return id;
}

static int valid_bday(const char *b)
{
	char buf[16];
	int md;
	return b && !kith_birthday_parse(b, buf, &md);
}

/* Keep in memory what person id now has too: the emails and phones added
 * (their keys), the links (trimmed, as stored). */
static void mem_note(struct kith_contact_merger *m, int64_t id, const struct kith_person_change *ch,
		     const struct kith_strlist *email_keys, const struct kith_strlist *phone_keys)
{
	size_t i;

	struct mem_person *mp;
	char buf[128];

	if (!m->mem)
		return;
	if (!(mp = mem_person(m, id))) {
		mem_end(m);
		return;
	}
	mp->emails += (uint32_t)email_keys->n;
	mp->phones += (uint32_t)phone_keys->n;
	for (i = 0; i < email_keys->n; i++)
		kith_keymap_put(&m->emails, email_keys->v[i], id);
	for (i = 0; i < phone_keys->n; i++) {
		kith_keymap_put(&m->phones, phone_keys->v[i], id);
		person_phone_key(buf, sizeof(buf), id, phone_keys->v[i]);
		kith_keymap_put(&m->person_phones, buf, id);
	}
	for (i = 0; i < ch->add_links.n; i++) {
		const char *u = ch->add_links.v[i];
		size_t n;
		while (*u == ' ' || *u == '\t' || *u == '\n' || *u == '\r')
			u++;
		n = strlen(u);
		while (n && (u[n - 1] == ' ' || u[n - 1] == '\t' || u[n - 1] == '\n' || u[n - 1] == '\r'))
			n--;
		if (n) {
			char *t = xstrndup(u, n);
			kith_keymap_put(&m->links, t, id);
			free(t);
			/* LIKE 'https://www.linkedin.com/in/%' */
			if (n >= 28 && !strncasecmp(u, "https://www.linkedin.com/in/", 28))
				mp->li = 1;
		}
	}
}

/* While the adder defers, nothing but it writes, and the connection may be
 * its writer thread's: the connection's count of changes is not read. */
static int adder_writes(const struct kith_contact_merger *m)
{
	return m->adder && kith_person_adder_deferring(m->adder);
}

enum kith_rc kith_contact_merger_add(struct kith_contact_merger *m, const struct kith_contact *c,
				     struct kith_import_stats *stats, int64_t *id_out)
{
	struct kith *k = m->k;
	struct kith_person_change ch;
	struct clean cl = { KITH_STRLIST_INIT, KITH_STRLIST_INIT, KITH_STRLIST_INIT, KITH_STRLIST_INIT,
			    KITH_STRLIST_INIT, KITH_STRLIST_INIT, 0, NULL, NULL };
	char *cur[6] = { NULL, NULL, NULL, NULL, NULL, NULL };
	struct kith_strlist email_keys = KITH_STRLIST_INIT, phone_keys = KITH_STRLIST_INIT;
	enum kith_rc rc = KITH_OK;
	const char *name_key = NULL;
	char *own_key = NULL;
	int64_t id;
	size_t i;
	int changed = 0, rows;

	/* a change from outside the merger: what it knows in memory may be wrong now */
	if (m->mem && !adder_writes(m) && sqlite3_total_changes64(k->db) != m->changes)
		mem_end(m);
	kith_person_change_init(&ch);
	/* the database's lookups want their indexes back */
	if (!m->mem && m->adder && (rc = kith_person_adder_flush(m->adder)) != KITH_OK)
		goto cleanup;
	if (!c->name || !c->name[strspn(c->name, " \t\r\n")]) {
		rc = kith_fail(k, KITH_EINPUT, "a contact needs a name");
		goto cleanup;
	}
	if (c->prep) { /* borrowed: only the owner lookups are this merge's own */
		cl = c->prep->cl;
		cl.email_owner = NULL;
		cl.email_known = NULL;
		name_key = c->prep->name_key;
	} else {
		clean_contact(c, &cl);
		name_key = own_key = kith_fold_dup(c->name);
	}
	id = find(m, c, &cl, name_key);
	/* someone found: their lists are read below */
	if (id && m->adder && (rc = kith_person_adder_settle(m->adder)) != KITH_OK)
		goto cleanup;

	/* emails that belong to someone else stay with them */
	for (i = 0; i < cl.emails.n; i++) {
		int64_t o = email_owner(m, &cl, i);
		if (o != 0 && o != id)
			continue;
		if (id) {
			q(m, S_HAS_EMAIL, id, cl.email_keys.v[i], &rows);
			if (rows)
				continue;
		}
		kith_strlist_push(&ch.add_emails, cl.emails.v[i]);
		kith_strlist_push(&email_keys, cl.email_keys.v[i]);
	}
	for (i = 0; i < cl.phones.n; i++) {
		if (id) {
			q(m, S_HAS_PHONE, id, cl.phone_keys.v[i], &rows);
			if (rows)
				continue;
		}
		kith_strlist_push(&ch.add_phones, cl.phones.v[i]);
		kith_strlist_push(&phone_keys, cl.phone_keys.v[i]);
	}
	for (i = 0; i < cl.links.n; i++) {
		if (id) {
			q(m, S_HAS_LINK, id, cl.links.v[i], &rows);
			if (rows)
				continue;
		}
		kith_strlist_push(&ch.add_links, cl.links.v[i]);
	}
	for (i = 0; i < cl.tags.n; i++) {
		if (id) {
			q(m, S_HAS_TAG, id, cl.tags.v[i], &rows);
			if (rows)
				continue;
		}
		kith_strlist_push(&ch.add_tags, cl.tags.v[i]);
	}

	if (!id) {
		ch.name = c->name;
		ch.org = c->org;
		ch.title = c->title;
		ch.location = c->location;
		ch.met = c->met;
		ch.notes = c->notes;
		ch.birthday = valid_bday(c->birthday) ? c->birthday : NULL;
		ch.circle = c->circle >= 0 && c->circle < KITH_N_CIRCLES ? c->circle : m->circle;
		if (c->cadence) {
			char err[128];
			if (kith_cadence_parse(c->cadence, &ch.cadence, err, sizeof(err)) == 0)
				ch.set_cadence = 1;
		}
		if (c->role && (!strcmp(c->role, "mentor") || !strcmp(c->role, "mentee")))
			ch.role = c->role;
		for (i = 0; i < c->goals.n; i++)
			kith_strlist_push(&ch.add_goals, c->goals.v[i]);
		for (i = 0; i < c->dates.n; i++) {
			const char *eq = strrchr(c->dates.v[i], '=');
			char b[11];
			int md;
			if (eq && eq != c->dates.v[i] && kith_birthday_parse(eq + 1, b, &md) == 0)
				kith_strlist_push(&ch.add_dates, c->dates.v[i]);
		}
		if (m->adder) {
			kith_day created = c->connected_on != KITH_NO_DAY && c->connected_on < k->today
				? c->connected_on : KITH_NO_DAY;
			/*
			 * Into an empty network (a first import), from the
			 * DEFER_AFTER-th person on, people come in as rows only,
			 * and their indexes are built at the end
			 * (kith_person_adder_defer): as long as the merger only
			 * adds, it looks nothing up in the database. Once: after
			 * an edit or a change from outside, rows go in one by one.
			 * Below a few hundred people, dropping and building the
			 * indexes again costs more than it saves.
			 */
			if (m->may_defer && m->mem && !m->deferred && m->added >= DEFER_AFTER &&
			    !sqlite3_get_autocommit(k->db)) {
				m->deferred = 1;
				if ((rc = kith_person_adder_defer(m->adder)) != KITH_OK)
					goto cleanup;
			}
			/*
			 * find() looked the UID up (free, or it would have
			 * matched), and the emails of someone else are left
			 * out above: the adder need not look again.
			 */
			rc = kith_person_adder_add(m->adder, &ch, created, c->uid, KITH_ADDER_CHECKED, &id);
			goto added;
		}
		rc = kith_person_add(k, &ch, &id);
		/*
		 * A tie that began before today (LinkedIn's connected-on date):
		 * their history starts there, so a thousand new connections do
		 * not all fall due together.
		 */
		if (rc == KITH_OK && c->connected_on != KITH_NO_DAY && c->connected_on < k->today) {
			sqlite3_stmt *st = m->st[S_SET_CREATED];
			sqlite3_reset(st);
			sqlite3_bind_int64(st, 1, id);
			kith_bind_day(st, 2, c->connected_on);
			if (sqlite3_step(st) != SQLITE_DONE)
				rc = kith_fail_db(k, "cannot date the connection");
			sqlite3_reset(st);
			if (rc == KITH_OK)
				rc = kith_person_refresh(k, id);
		}
		/* keep the card's UID, so the next import or sync finds them again */
		if (rc == KITH_OK && c->uid && *c->uid && strlen(c->uid) <= 255) {
			sqlite3_stmt *st = m->st[S_SET_UID];
			sqlite3_reset(st);
			sqlite3_bind_int64(st, 1, id);
			sqlite3_bind_text(st, 2, c->uid, -1, SQLITE_STATIC);
			if (sqlite3_step(st) != SQLITE_DONE)
				rc = kith_fail_db(k, "cannot keep the card's UID");
			sqlite3_reset(st);
		}
added:
		if (rc == KITH_OK) {
			m->added++;
			kith_keymap_put(&m->names, name_key, id);
			if (m->mem && c->uid && *c->uid && strlen(c->uid) <= 255)
				kith_keymap_put(&m->uids, c->uid, id);
			mem_note(m, id, &ch, &email_keys, &phone_keys);
			if (stats)
				stats->added++;
		}
		goto done;
	}

	/* fill the fields that are empty, overwrite nothing */
	{
		sqlite3_stmt *st = m->st[S_PERSON];
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, id);
		if (sqlite3_step(st) == SQLITE_ROW)
			for (int j = 0; j < 6; j++)
				cur[j] = kith_column_strdup(st, j);
		sqlite3_reset(st);
	}
#define FILL(j, field)                                 \
	if (!cur[j] && c->field && *c->field) {        \
		ch.field = c->field;                   \
		changed = 1;                           \
	}
	FILL(0, org)
	FILL(1, title)
	FILL(2, location)
	FILL(3, met)
	FILL(4, notes)
#undef FILL
	if (!cur[5] && valid_bday(c->birthday)) {
		ch.birthday = c->birthday;
		changed = 1;
	}
	if (ch.add_emails.n || ch.add_phones.n || ch.add_links.n || ch.add_tags.n)
		changed = 1;
	if (changed) {
		/* an edit looks emails up in the database: the indexes first */
		rc = m->adder ? kith_person_adder_flush(m->adder) : KITH_OK;
		if (rc == KITH_OK)
			rc = kith_person_edit(k, id, &ch);
		if (rc == KITH_OK)
			mem_note(m, id, &ch, &email_keys, &phone_keys);
		if (rc == KITH_OK && stats)
			stats->updated++;
	} else if (stats) {
		stats->unchanged++;
	}
done:
	if (rc == KITH_OK && id_out)
		*id_out = id;
cleanup:
	if (m->mem && !adder_writes(m))
		m->changes = sqlite3_total_changes64(k->db);
	for (i = 0; i < 6; i++)
		free(cur[i]);
	kith_strlist_release(&email_keys);
	kith_strlist_release(&phone_keys);
	kith_person_change_release(&ch);
	if (c->prep) {
		free(cl.email_owner);
		free(cl.email_known);
	} else {
		clean_release(&cl);
	}
	free(own_key);
	return rc;
}

void kith_contact_merger_bulk(struct kith_contact_merger *m, int on)
{
	if (!on) {
		/* one by one is the reference of the bulk path: the database's own lookups */
		mem_end(m);
		kith_person_adder_free(m->adder);
		m->adder = NULL;
	} else if (!m->adder) {
		m->adder = kith_person_adder_new(m->k);
	}
}

enum kith_rc kith_contact_merge(struct kith *k, const struct kith_contact *c, int circle,
				struct kith_import_stats *stats, int64_t *id)
{
	struct kith_contact_merger *m = kith_contact_merger_new(k, circle);
	enum kith_rc rc;

	if (!m)
		return KITH_ERR;
	rc = kith_contact_merger_add(m, c, stats, id);
	kith_contact_merger_free(m);
	return rc;
}
