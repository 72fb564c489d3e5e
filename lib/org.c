/*
 * Communities and organizations, their members and events; the role of a
 * person (mentor, mentee) and the agendas of recurring chats; the
 * personal brand (posts and their cadence); and what these add to the
 * daily plan: `community` and `brand` actions.
 *
 * Three small parts in one file because they share their plan hooks'
 * shape and a few helpers; each part only touches its own tables:
 *   org, org_member, interaction.org_id   organizations and events
 *   person.role, agenda                   mentors and agendas
 *   post, post_tag                        the personal brand
 */
#include "internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kith/agenda.h"
#include "kith/cadence.h"
#include "kith/date.h"
#include "kith/interaction.h"
#include "kith/org.h"
#include "kith/person.h"
#include "kith/post.h"
#include "kith/settings.h"
#include "kith/strbuf.h"
#include "plan_internal.h"
#include "util/fold.h"
#include "util/xalloc.h"
#include "banned.h"

#define MAX_NOTE 65536
#define MAX_EVENT_PEOPLE 1000
#define MAX_SHOWN 5
#define MAX_EVERY 36500

/* ------------------------------------------------------------ helpers */

/* A new copy of s without leading and trailing whitespace (NULL for NULL). */
static char *trim_dup(const char *s)
{
	size_t n;
	if (!s)
		return NULL;
	while (*s && isspace((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return xstrndup(s, n);
}

/* 1 when s has a control character (a newline, a tab): one-line fields refuse them. */
static int has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

/* "12" or "#12": 0 and *id, else -1. */
static int parse_id(const char *s, int64_t *id)
{
	int64_t v = 0;
	if (*s == '#')
		s++;
	if (!*s)
		return -1;
	for (; *s; s++) {
		if (!isdigit((unsigned char)*s) || v > (INT64_MAX - 9) / 10)
			return -1;
		v = v * 10 + (*s - '0');
	}
	*id = v;
	return 0;
}

/* Run one statement binding up to two ids; KITH_OK or the error "cannot <what>". */
static enum kith_rc run2(struct kith *k, const char *sql, int64_t a, int64_t b, const char *what)
{
	sqlite3_stmt *st = kith_prepare(k, sql);
	enum kith_rc rc = KITH_OK;
	if (!st)
		return KITH_ERR;
	if (sqlite3_bind_parameter_count(st) >= 1)
		sqlite3_bind_int64(st, 1, a);
	if (sqlite3_bind_parameter_count(st) >= 2)
		sqlite3_bind_int64(st, 2, b);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = kith_fail_db(k, what);
	sqlite3_finalize(st);
	return rc;
}

/*
 * Shorten s to one line of at most max bytes with "…", cut between words
 * when a word boundary is in the second half, else on a UTF-8 boundary.
 */
static void add_short(struct strbuf *sb, const char *s, size_t max)
{
	size_t n = strcspn(s, "\r\n");
	if (n > max) {
		size_t cut = max;
		n = max;
		while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
		if (s[n] != ' ') {
			while (cut > max / 2 && s[cut] != ' ')
				cut--;
			if (cut > max / 2)
				n = cut;
		}
		while (n && s[n - 1] == ' ')
			n--;
		strbuf_add(sb, s, n);
		strbuf_addstr(sb, "…");
	} else {
		strbuf_add(sb, s, n);
	}
}

/* ------------------------------------------------------ organizations */

const char *const kith_org_kinds[] = { "employer", "professional", "alumni", "meetup", "online", NULL };

const char *kith_org_kind_find(const char *s)
{
	if (!s)
		return NULL;
	for (size_t i = 0; kith_org_kinds[i]; i++)
		if (!strcasecmp(kith_org_kinds[i], s))
			return kith_org_kinds[i];
	return NULL;
}

void kith_org_release(struct kith_org *o)
{
	if (!o)
		return;
	free(o->name);
	free(o->kind);
	memset(o, 0, sizeof(*o));
}

static enum kith_rc check_kind(struct kith *k, const char *kind, const char **out)
{
	*out = kith_org_kind_find(kind);
	if (!*out)
		return kith_fail(k, KITH_EINPUT, "unknown kind '%.40s' (employer, professional, alumni, meetup or online)",
				 kind);
	return KITH_OK;
}

static enum kith_rc check_every(struct kith *k, int every_days)
{
	if (every_days < 0 || every_days > MAX_EVERY)
		return kith_fail(k, KITH_EINPUT, "involvement cadence out of range (%d days; 1 day to 100 years)",
				 every_days);
	return KITH_OK;
}

/*
 * Check a new name for organization `self` (0 for a new one): trimmed, not
 * empty, one line, not too long, not taken. *name and *key are new strings.
 */
static enum kith_rc check_name(struct kith *k, const char *raw, int64_t self, char **name, char **key)
{
	sqlite3_stmt *st = NULL;
	enum kith_rc rc = KITH_OK;

	*name = trim_dup(raw);
	*key = NULL;
	if (!*name || !**name)
		rc = kith_fail(k, KITH_EINPUT, "an organization needs a name");
	else if (strlen(*name) > KITH_ORG_NAME_MAX)
		rc = kith_fail(k, KITH_EINPUT, "organization name too long (%d bytes at most)", KITH_ORG_NAME_MAX);
	else if (has_control(*name))
		rc = kith_fail(k, KITH_EINPUT, "an organization name is one line, without control characters");
	if (rc != KITH_OK)
		goto fail;
	*key = kith_fold_dup(*name);
	st = kith_prepare(k, "SELECT id, name FROM org WHERE name_key = ?1 AND id != ?2");
	if (!st) {
		rc = KITH_ERR;
		goto fail;
	}
	sqlite3_bind_text(st, 1, *key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, self);
	if (sqlite3_step(st) == SQLITE_ROW)
		rc = kith_fail(k, KITH_EINPUT, "an organization named '%s' already exists (#%lld)",
			       (const char *)sqlite3_column_text(st, 1), (long long)sqlite3_column_int64(st, 0));
	sqlite3_finalize(st);
	if (rc == KITH_OK)
		return rc;
fail:
	free(*name);
	free(*key);
	*name = *key = NULL;
	return rc;
}

enum kith_rc kith_org_add(struct kith *k, const char *name, const char *kind, int every_days, int64_t *id)
{
	sqlite3_stmt *st = NULL;
	char *nm = NULL, *key = NULL;
	const char *kd = "professional";
	enum kith_rc rc;

	if (kind && (rc = check_kind(k, kind, &kd)) != KITH_OK)
		return rc;
	if ((rc = check_every(k, every_days)) != KITH_OK)
		return rc;
	if ((rc = check_name(k, name ? name : "", 0, &nm, &key)) != KITH_OK)
		return rc;
	rc = kith_sp_begin(k);
	if (rc != KITH_OK)
		goto cleanup;
	st = kith_prepare(k, "INSERT INTO org(name, name_key, kind, every_days, created) VALUES (?1, ?2, ?3, ?4, ?5)");
	if (!st) {
		rc = KITH_ERR;
	} else {
		sqlite3_bind_text(st, 1, nm, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, kd, -1, SQLITE_STATIC);
		if (every_days > 0)
			sqlite3_bind_int(st, 4, every_days);
		kith_bind_day(st, 5, k->today);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = kith_fail_db(k, "cannot add the organization");
		else if (id)
			*id = sqlite3_last_insert_rowid(k->db);
	}
	sqlite3_finalize(st);
	rc = kith_sp_end(k, rc);
cleanup:
	free(nm);
	free(key);
	return rc;
}

static enum kith_rc org_exists(struct kith *k, int64_t id)
{
	return kith_exists(k, "SELECT 1 FROM org WHERE id = ?1", id, "organization", NULL);
}

enum kith_rc kith_org_edit(struct kith *k, int64_t id, const char *name, const char *kind, int every_days)
{
	sqlite3_stmt *st = NULL;
	char *nm = NULL, *key = NULL;
	const char *kd = NULL;
	enum kith_rc rc;

	if ((rc = org_exists(k, id)) != KITH_OK)
		return rc;
	if (kind && (rc = check_kind(k, kind, &kd)) != KITH_OK)
		return rc;
	if (every_days != -1 && (rc = check_every(k, every_days)) != KITH_OK)
		return rc;
	if (name && (rc = check_name(k, name, id, &nm, &key)) != KITH_OK)
		return rc;
	rc = kith_sp_begin(k);
	if (rc != KITH_OK)
		goto cleanup;
	st = kith_prepare(k, "UPDATE org SET name = coalesce(?2, name), name_key = coalesce(?3, name_key),"
			     " kind = coalesce(?4, kind),"
			     " every_days = CASE WHEN ?5 < 0 THEN every_days WHEN ?5 = 0 THEN NULL ELSE ?5 END"
			     " WHERE id = ?1");
	if (!st) {
		rc = KITH_ERR;
	} else {
		sqlite3_bind_int64(st, 1, id);
		kith_bind_text(st, 2, nm, 0);
		kith_bind_text(st, 3, key, 0);
		kith_bind_text(st, 4, kd, 0);
		sqlite3_bind_int(st, 5, every_days);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = kith_fail_db(k, "cannot change the organization");
	}
	sqlite3_finalize(st);
	rc = kith_sp_end(k, rc);
cleanup:
	free(nm);
	free(key);
	return rc;
}

enum kith_rc kith_org_rm(struct kith *k, int64_t id, int64_t *n_events)
{
	enum kith_rc rc;

	if ((rc = org_exists(k, id)) != KITH_OK)
		return rc;
	rc = kith_sp_begin(k);
	if (rc != KITH_OK)
		return rc;
	/* an event attended alone means nothing without its organization */
	rc = run2(k, "DELETE FROM interaction WHERE org_id = ?1 AND NOT EXISTS"
		     " (SELECT 1 FROM interaction_person ip WHERE ip.interaction_id = interaction.id)",
		  id, 0, "cannot remove the events");
	if (rc == KITH_OK && n_events)
		*n_events = sqlite3_changes(k->db);
	/* the other events stay in people's timelines: org_id is set to NULL */
	if (rc == KITH_OK)
		rc = run2(k, "DELETE FROM org WHERE id = ?1", id, 0, "cannot remove the organization");
	return kith_sp_end(k, rc);
}


struct org_cand {
	int64_t id;
	char *name;
	int level;
};

enum kith_rc kith_org_resolve(struct kith *k, const char *ref, int64_t *out)
{
	struct org_cand *c = NULL;
	size_t n = 0, alloc = 0, n_best = 0;
	sqlite3_stmt *st = NULL;
	enum kith_rc rc = KITH_OK;
	char *q = NULL;
	int best = 0;
	int64_t id;

	while (*ref && isspace((unsigned char)*ref))
		ref++;
	if (!*ref)
		return kith_fail(k, KITH_EINPUT, "which organization? (a name or an id)");
	if (strlen(ref) > 1024)
		return kith_fail(k, KITH_EINPUT, "organization name too long");
	if (parse_id(ref, &id) == 0) {
		rc = org_exists(k, id);
		if (rc == KITH_OK)
			*out = id;
		else if (rc == KITH_ENOTFOUND)
			rc = kith_fail(k, KITH_ENOTFOUND, "no organization has the id '%s' (kith org ls lists them)", ref);
		return rc;
	}
	q = kith_fold_dup(ref);
	/* organizations are few (tens, a few thousand at most): a scan is fine */
	st = kith_prepare(k, "SELECT id, name, name_key FROM org ORDER BY name_key, id");
	if (!st) {
		rc = KITH_ERR;
		goto cleanup;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		int level = kith_name_level((const char *)sqlite3_column_text(st, 2), q);
		if (!level)
			continue;
		if (n == alloc) {
			alloc = alloc ? alloc * 2 : 8;
			c = xrealloc(c, alloc * sizeof(*c));
		}
		c[n].id = sqlite3_column_int64(st, 0);
		c[n].name = kith_column_strdup(st, 1);
		c[n].level = level;
		if (level > best) {
			best = level;
			n_best = 0;
		}
		n_best += level == best;
		n++;
	}
	if (n == 0) {
		rc = kith_fail(k, KITH_ENOTFOUND, "no organization matches '%.200s' (kith org ls lists them)", ref);
	} else if (n_best == 1) {
		for (size_t i = 0; i < n; i++)
			if (c[i].level == best)
				*out = c[i].id;
	} else {
		struct strbuf sb = STRBUF_INIT;
		size_t shown = 0;
		strbuf_addf(&sb, "'%.200s' matches %zu organizations: ", ref, n_best);
		for (size_t i = 0; i < n && shown < MAX_SHOWN; i++) {
			if (c[i].level != best)
				continue;
			strbuf_addf(&sb, "%s'%s' #%lld", shown ? (shown + 1 == n_best ? " or " : ", ") : "", c[i].name,
				    (long long)c[i].id);
			shown++;
		}
		if (n_best > MAX_SHOWN)
			strbuf_addf(&sb, " and %zu more", n_best - MAX_SHOWN);
		strbuf_addstr(&sb, " (use the id or more of the name)");
		rc = kith_fail(k, KITH_EAMBIG, "%s", sb.buf);
		strbuf_release(&sb);
	}
cleanup:
	for (size_t i = 0; i < n; i++)
		free(c[i].name);
	free(c);
	free(q);
	sqlite3_finalize(st);
	return rc;
}

#define ORG_SELECT \
	"SELECT o.id, o.name, o.kind, o.every_days, o.created," \
	" (SELECT count(*) FROM org_member m WHERE m.org_id = o.id)," \
	" (SELECT max(i.date) FROM interaction i WHERE i.org_id = o.id)," \
	" (SELECT count(*) FROM interaction i WHERE i.org_id = o.id)" \
	" FROM org o"

static void org_from_row(sqlite3_stmt *st, struct kith_org *o)
{
	memset(o, 0, sizeof(*o));
	o->id = sqlite3_column_int64(st, 0);
	o->name = kith_column_strdup(st, 1);
	o->kind = kith_column_strdup(st, 2);
	o->every_days = sqlite3_column_int(st, 3);
	o->created = kith_column_day(st, 4);
	o->n_members = sqlite3_column_int64(st, 5);
	o->last_event = kith_column_day(st, 6);
	o->n_events = sqlite3_column_int64(st, 7);
	o->next_due = KITH_NO_DAY;
	if (o->every_days > 0) {
		kith_day base = o->last_event != KITH_NO_DAY ? o->last_event : o->created;
		if (base != KITH_NO_DAY)
			o->next_due = base + o->every_days;
	}
}

enum kith_rc kith_org_get(struct kith *k, int64_t id, struct kith_org *o)
{
	sqlite3_stmt *st = kith_prepare(k, ORG_SELECT " WHERE o.id = ?1");
	enum kith_rc rc = KITH_OK;
	int r;

	memset(o, 0, sizeof(*o));
	if (!st)
		return KITH_ERR;
	sqlite3_bind_int64(st, 1, id);
	r = sqlite3_step(st);
	if (r == SQLITE_ROW)
		org_from_row(st, o);
	else if (r == SQLITE_DONE)
		rc = kith_fail(k, KITH_ENOTFOUND, "no organization #%lld", (long long)id);
	else
		rc = kith_fail_db(k, "cannot read the organization");
	sqlite3_finalize(st);
	return rc;
}

enum kith_rc kith_org_each(struct kith *k, int (*fn)(void *ctx, const struct kith_org *o), void *ctx)
{
	sqlite3_stmt *st = kith_prepare(k, ORG_SELECT " ORDER BY o.name_key, o.id");
	enum kith_rc rc = KITH_OK;
	int r;

	if (!st)
		return KITH_ERR;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		struct kith_org o;
		int stop;
		org_from_row(st, &o);
		stop = fn(ctx, &o);
		kith_org_release(&o);
		if (stop)
			break;
	}
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		rc = kith_fail_db(k, "cannot read the organizations");
	sqlite3_finalize(st);
	return rc;
}

enum kith_rc kith_org_join(struct kith *k, int64_t org, const int64_t *ids, size_t n, size_t *added)
{
	sqlite3_stmt *st = NULL;
	enum kith_rc rc;
	size_t count = 0;

	if (added)
		*added = 0;
	if ((rc = org_exists(k, org)) != KITH_OK)
		return rc;
	if (n == 0)
		return kith_fail(k, KITH_EINPUT, "who joins? (one or more people)");
	rc = kith_sp_begin(k);
	if (rc != KITH_OK)
		return rc;
	st = kith_prepare(k, "INSERT OR IGNORE INTO org_member(org_id, person_id, since) VALUES (?1, ?2, ?3)");
	if (!st) {
		rc = KITH_ERR;
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		if ((rc = kith_person_exists(k, ids[i])) != KITH_OK)
			goto done;
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, org);
		sqlite3_bind_int64(st, 2, ids[i]);
		kith_bind_day(st, 3, k->today);
		if (sqlite3_step(st) != SQLITE_DONE) {
			rc = kith_fail_db(k, "cannot add the member");
			goto done;
		}
		count += (size_t)sqlite3_changes(k->db);
	}
	if (added)
		*added = count;
done:
	sqlite3_finalize(st);
	return kith_sp_end(k, rc);
}

enum kith_rc kith_org_leave(struct kith *k, int64_t org, int64_t person)
{
	enum kith_rc rc;

	if ((rc = org_exists(k, org)) != KITH_OK)
		return rc;
	if ((rc = kith_person_exists(k, person)) != KITH_OK)
		return rc;
	rc = kith_sp_begin(k);
	if (rc != KITH_OK)
		return rc;
	rc = run2(k, "DELETE FROM org_member WHERE org_id = ?1 AND person_id = ?2", org, person,
		  "cannot remove the member");
	if (rc == KITH_OK && sqlite3_changes(k->db) == 0) {
		char name[256];
		rc = kith_fail(k, KITH_ENOTFOUND, "'%s' is not a member", kith_person_name(k, person, name, sizeof(name)));
	}
	return kith_sp_end(k, rc);
}

enum kith_rc kith_org_members(struct kith *k, int64_t org,
			      int (*fn)(void *ctx, int64_t id, const char *name, kith_day since), void *ctx)
{
	sqlite3_stmt *st = kith_prepare(k, "SELECT p.id, p.name, m.since FROM org_member m"
					   " JOIN person p ON p.id = m.person_id WHERE m.org_id = ?1"
					   " ORDER BY p.name_key, p.id");
	enum kith_rc rc = KITH_OK;
	int r;

	if (!st)
		return KITH_ERR;
	sqlite3_bind_int64(st, 1, org);
	while ((r = sqlite3_step(st)) == SQLITE_ROW)
		if (fn(ctx, sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
		       kith_column_day(st, 2)))
			break;
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		rc = kith_fail_db(k, "cannot read the members");
	sqlite3_finalize(st);
	return rc;
}

enum kith_rc kith_org_event(struct kith *k, int64_t org, const int64_t *ids, size_t n, kith_day date,
			    const char *note, int64_t *out)
{
	sqlite3_stmt *st = NULL;
	enum kith_rc rc;
	int64_t iid = 0;

	if ((rc = org_exists(k, org)) != KITH_OK)
		return rc;
	if (date > k->today) {
		char buf[KITH_DATE_BUFSZ];
		return kith_fail(k, KITH_EINPUT, "cannot log an event in the future (%s)", kith_day_format(date, buf));
	}
	if (date < KITH_DAY_MIN)
		return kith_fail(k, KITH_EINPUT, "date out of range");
	if (note && strlen(note) > MAX_NOTE)
		return kith_fail(k, KITH_EINPUT, "the note is too long (%d bytes at most)", MAX_NOTE);
	if (n > MAX_EVENT_PEOPLE)
		return kith_fail(k, KITH_EINPUT, "too many people in one event (%d at most)", MAX_EVENT_PEOPLE);
	rc = kith_sp_begin(k);
	if (rc != KITH_OK)
		return rc;
	if (n > 0) {
		/* kith_log resets their clocks; the event then gets its organization */
		rc = kith_log(k, ids, n, "event", date, note, &iid);
		if (rc == KITH_OK)
			rc = run2(k, "UPDATE interaction SET org_id = ?2 WHERE id = ?1", iid, org,
				  "cannot log the event");
	} else {
		/* attended alone: no clock to reset, but it is involvement all the same */
		st = kith_prepare(k, "INSERT INTO interaction(date, kind, note, org_id) VALUES (?1, 'event', ?2, ?3)");
		if (!st) {
			rc = KITH_ERR;
		} else {
			kith_bind_day(st, 1, date);
			kith_bind_text(st, 2, note, 1);
			sqlite3_bind_int64(st, 3, org);
			if (sqlite3_step(st) != SQLITE_DONE)
				rc = kith_fail_db(k, "cannot log the event");
			else
				iid = sqlite3_last_insert_rowid(k->db);
		}
		sqlite3_finalize(st);
	}
	if (rc == KITH_OK && out)
		*out = iid;
	return kith_sp_end(k, rc);
}

enum kith_rc kith_org_events(struct kith *k, int64_t org, size_t limit,
			     int (*fn)(void *ctx, const struct kith_interaction *i), void *ctx)
{
	return kith_interactions_each(k, "SELECT id, date, kind, note FROM interaction WHERE org_id = ?1"
					 " ORDER BY date DESC, id DESC LIMIT ?2",
				      org, limit, fn, ctx);
}

/* --------------------------------------------------------------- roles */

enum kith_rc kith_person_set_role(struct kith *k, int64_t id, const char *role)
{
	struct kith_person_change ch;
	enum kith_rc rc;

	/* the one way a person changes: kith_person_edit (which checks the role) */
	kith_person_change_init(&ch);
	if (!role || !*role || !strcasecmp(role, "none"))
		ch.role = "";
	else if (!strcasecmp(role, "mentor"))
		ch.role = "mentor";
	else if (!strcasecmp(role, "mentee"))
		ch.role = "mentee";
	else
		ch.role = role;
	rc = kith_person_edit(k, id, &ch);
	kith_person_change_release(&ch);
	return rc;
}

enum kith_rc kith_person_role(struct kith *k, int64_t id, char **role)
{
	sqlite3_stmt *st = kith_prepare(k, "SELECT role FROM person WHERE id = ?1");
	enum kith_rc rc = KITH_OK;

	*role = NULL;
	if (!st)
		return KITH_ERR;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		*role = kith_column_strdup(st, 0);
	else
		rc = kith_fail(k, KITH_ENOTFOUND, "no person #%lld", (long long)id);
	sqlite3_finalize(st);
	return rc;
}

/* ------------------------------------------------------------- agendas */

enum kith_rc kith_agenda_add(struct kith *k, int64_t person, const char *text, int64_t *id)
{
	sqlite3_stmt *st = NULL;
	char *t = trim_dup(text ? text : "");
	enum kith_rc rc = KITH_OK;

	if (!*t)
		rc = kith_fail(k, KITH_EINPUT, "an agenda item needs some text");
	else if (strlen(t) > KITH_AGENDA_TEXT_MAX)
		rc = kith_fail(k, KITH_EINPUT, "the agenda item is too long (%d bytes at most)", KITH_AGENDA_TEXT_MAX);
	else if (has_control(t))
		rc = kith_fail(k, KITH_EINPUT, "an agenda item is one line, without control characters");
	else
		rc = kith_person_exists(k, person);
	if (rc != KITH_OK)
		goto cleanup;
	rc = kith_sp_begin(k);
	if (rc != KITH_OK)
		goto cleanup;
	st = kith_prepare(k, "INSERT INTO agenda(person_id, text, created) VALUES (?1, ?2, ?3)");
	if (!st) {
		rc = KITH_ERR;
	} else {
		sqlite3_bind_int64(st, 1, person);
		sqlite3_bind_text(st, 2, t, -1, SQLITE_STATIC);
		kith_bind_day(st, 3, k->today);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = kith_fail_db(k, "cannot add the agenda item");
		else if (id)
			*id = sqlite3_last_insert_rowid(k->db);
	}
	sqlite3_finalize(st);
	rc = kith_sp_end(k, rc);
cleanup:
	free(t);
	return rc;
}

/* Item `item` of `person`: KITH_OK with its done day, or KITH_ENOTFOUND. */
static enum kith_rc agenda_item(struct kith *k, int64_t person, int64_t item, kith_day *done_on)
{
	sqlite3_stmt *st = kith_prepare(k, "SELECT done_on FROM agenda WHERE id = ?1 AND person_id = ?2");
	enum kith_rc rc = KITH_OK;
	if (!st)
		return KITH_ERR;
	sqlite3_bind_int64(st, 1, item);
	sqlite3_bind_int64(st, 2, person);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*done_on = kith_column_day(st, 0);
	} else {
		char name[256];
		rc = kith_fail(k, KITH_ENOTFOUND, "'%s' has no agenda item #%lld",
			       kith_person_name(k, person, name, sizeof(name)), (long long)item);
	}
	sqlite3_finalize(st);
	return rc;
}

static enum kith_rc check_past(struct kith *k, kith_day date, const char *what)
{
	char buf[KITH_DATE_BUFSZ];
	if (date > k->today)
		return kith_fail(k, KITH_EINPUT, "cannot %s in the future (%s)", what, kith_day_format(date, buf));
	if (date < KITH_DAY_MIN)
		return kith_fail(k, KITH_EINPUT, "date out of range");
	return KITH_OK;
}

enum kith_rc kith_agenda_done(struct kith *k, int64_t person, int64_t item, kith_day date)
{
	kith_day done_on = KITH_NO_DAY;
	enum kith_rc rc;

	if ((rc = check_past(k, date, "check off an agenda item")) != KITH_OK)
		return rc;
	if ((rc = agenda_item(k, person, item, &done_on)) != KITH_OK)
		return rc;
	if (done_on != KITH_NO_DAY) {
		char buf[KITH_DATE_BUFSZ];
		return kith_fail(k, KITH_EINPUT, "agenda item #%lld is already checked off (%s)", (long long)item,
				 kith_day_format(done_on, buf));
	}
	rc = kith_sp_begin(k);
	if (rc != KITH_OK)
		return rc;
	{
		sqlite3_stmt *st = kith_prepare(k, "UPDATE agenda SET done_on = ?2 WHERE id = ?1");
		if (!st) {
			rc = KITH_ERR;
		} else {
			sqlite3_bind_int64(st, 1, item);
			kith_bind_day(st, 2, date);
			if (sqlite3_step(st) != SQLITE_DONE)
				rc = kith_fail_db(k, "cannot check off the agenda item");
		}
		sqlite3_finalize(st);
	}
	return kith_sp_end(k, rc);
}

enum kith_rc kith_agenda_rm(struct kith *k, int64_t person, int64_t item)
{
	kith_day done_on;
	enum kith_rc rc;

	if ((rc = agenda_item(k, person, item, &done_on)) != KITH_OK)
		return rc;
	rc = kith_sp_begin(k);
	if (rc != KITH_OK)
		return rc;
	rc = run2(k, "DELETE FROM agenda WHERE id = ?1", item, 0, "cannot remove the agenda item");
	return kith_sp_end(k, rc);
}

enum kith_rc kith_agenda_close_all(struct kith *k, int64_t person_id, kith_day date)
{
	sqlite3_stmt *st;
	enum kith_rc rc;

	if ((rc = check_past(k, date, "check off agenda items")) != KITH_OK)
		return rc;
	rc = kith_sp_begin(k);
	if (rc != KITH_OK)
		return rc;
	/* a chat covers what was on the agenda by then, not what came up after it */
	st = kith_prepare(k, "UPDATE agenda SET done_on = ?2 WHERE person_id = ?1 AND done_on IS NULL"
			     " AND created <= ?2");
	if (!st) {
		rc = KITH_ERR;
	} else {
		sqlite3_bind_int64(st, 1, person_id);
		kith_bind_day(st, 2, date);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = kith_fail_db(k, "cannot check off the agenda");
	}
	sqlite3_finalize(st);
	return kith_sp_end(k, rc);
}

enum kith_rc kith_agenda_open(struct kith *k, int64_t person_id, struct kith_strlist *texts, size_t *count)
{
	sqlite3_stmt *st = kith_prepare(k, "SELECT text FROM agenda WHERE person_id = ?1 AND done_on IS NULL"
					   " ORDER BY id");
	enum kith_rc rc = KITH_OK;
	size_t n = 0;
	int r;

	if (count)
		*count = 0;
	if (!st)
		return KITH_ERR;
	sqlite3_bind_int64(st, 1, person_id);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		if (texts)
			kith_strlist_push(texts, (const char *)sqlite3_column_text(st, 0));
		n++;
	}
	if (r != SQLITE_DONE)
		rc = kith_fail_db(k, "cannot read the agenda");
	else if (count)
		*count = n;
	sqlite3_finalize(st);
	return rc;
}

enum kith_rc kith_agenda_each(struct kith *k, int64_t person_id, int all,
			      int (*fn)(void *ctx, const struct kith_agenda_item *it), void *ctx)
{
	sqlite3_stmt *st = kith_prepare(k, "SELECT id, person_id, text, created, done_on FROM agenda"
					   " WHERE person_id = ?1 AND (?2 OR done_on IS NULL)"
					   " ORDER BY done_on IS NOT NULL, done_on DESC, id");
	enum kith_rc rc = KITH_OK;
	int r;

	if (!st)
		return KITH_ERR;
	sqlite3_bind_int64(st, 1, person_id);
	sqlite3_bind_int(st, 2, all ? 1 : 0);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		struct kith_agenda_item it;
		int stop;
		it.id = sqlite3_column_int64(st, 0);
		it.person_id = sqlite3_column_int64(st, 1);
		it.text = kith_column_strdup(st, 2);
		it.created = kith_column_day(st, 3);
		it.done_on = kith_column_day(st, 4);
		stop = fn(ctx, &it);
		free(it.text);
		if (stop)
			break;
	}
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		rc = kith_fail_db(k, "cannot read the agenda");
	sqlite3_finalize(st);
	return rc;
}

/* --------------------------------------------------------------- posts */

void kith_post_release(struct kith_post *p)
{
	if (!p)
		return;
	free(p->title);
	free(p->url);
	free(p->channel);
	kith_strlist_release(&p->tags);
	memset(p, 0, sizeof(*p));
}

/* Check and trim the text fields of a post; the new strings are the caller's. */
static enum kith_rc check_post(struct kith *k, const struct kith_post *p, char **title, char **url, char **channel)
{
	*title = trim_dup(p->title ? p->title : "");
	*url = trim_dup(p->url);
	*channel = trim_dup(p->channel);
	if (!**title)
		return kith_fail(k, KITH_EINPUT, "a post needs a title");
	if (strlen(*title) > KITH_POST_TITLE_MAX)
		return kith_fail(k, KITH_EINPUT, "the title is too long (%d bytes at most)", KITH_POST_TITLE_MAX);
	if (has_control(*title))
		return kith_fail(k, KITH_EINPUT, "a title is one line, without control characters");
	if (*url && strlen(*url) > KITH_POST_URL_MAX)
		return kith_fail(k, KITH_EINPUT, "the URL is too long (%d bytes at most)", KITH_POST_URL_MAX);
	if (*url) {
		for (const char *s = *url; *s; s++)
			if ((unsigned char)*s <= ' ' || *s == 0x7f)
				return kith_fail(k, KITH_EINPUT, "a URL has no spaces or control characters: '%.200s'", *url);
	}
	if (*channel && strlen(*channel) > KITH_POST_CHANNEL_MAX)
		return kith_fail(k, KITH_EINPUT, "the channel is too long (%d bytes at most)", KITH_POST_CHANNEL_MAX);
	if (*channel && has_control(*channel))
		return kith_fail(k, KITH_EINPUT, "a channel is one line, without control characters");
	if (p->tags.n > KITH_POST_TAGS_MAX)
		return kith_fail(k, KITH_EINPUT, "too many tags (%d at most)", KITH_POST_TAGS_MAX);
	return check_past(k, p->date, "log a post");
}

enum kith_rc kith_post_add(struct kith *k, const struct kith_post *p, int64_t *id)
{
	sqlite3_stmt *st = NULL;
	char *title = NULL, *url = NULL, *channel = NULL;
	struct kith_strlist tags = KITH_STRLIST_INIT;
	enum kith_rc rc;
	int64_t pid = 0;

	rc = check_post(k, p, &title, &url, &channel);
	for (size_t i = 0; rc == KITH_OK && i < p->tags.n; i++) {
		char *t = kith_tag_normalize(p->tags.v[i]);
		if (!t) {
			rc = kith_fail(k, KITH_EINPUT, "invalid tag '%.100s'", p->tags.v[i]);
			break;
		}
		kith_strlist_push(&tags, t);
		free(t);
	}
	if (rc != KITH_OK)
		goto cleanup;
	rc = kith_sp_begin(k);
	if (rc != KITH_OK)
		goto cleanup;
	st = kith_prepare(k, "INSERT INTO post(title, url, date, channel) VALUES (?1, ?2, ?3, ?4)");
	if (!st) {
		rc = KITH_ERR;
		goto done;
	}
	sqlite3_bind_text(st, 1, title, -1, SQLITE_STATIC);
	kith_bind_text(st, 2, url, 1);
	kith_bind_day(st, 3, p->date);
	kith_bind_text(st, 4, channel, 1);
	if (sqlite3_step(st) != SQLITE_DONE) {
		rc = kith_fail_db(k, "cannot log the post");
		goto done;
	}
	pid = sqlite3_last_insert_rowid(k->db);
	sqlite3_finalize(st);
	st = kith_prepare(k, "INSERT OR IGNORE INTO post_tag(post_id, tag) VALUES (?1, ?2)");
	if (!st) {
		rc = KITH_ERR;
		goto done;
	}
	for (size_t i = 0; i < tags.n; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, pid);
		sqlite3_bind_text(st, 2, tags.v[i], -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE) {
			rc = kith_fail_db(k, "cannot tag the post");
			goto done;
		}
	}
	if (id)
		*id = pid;
done:
	sqlite3_finalize(st);
	rc = kith_sp_end(k, rc);
cleanup:
	free(title);
	free(url);
	free(channel);
	kith_strlist_release(&tags);
	return rc;
}

static void post_from_row(sqlite3_stmt *st, sqlite3_stmt *tags, struct kith_post *p)
{
	memset(p, 0, sizeof(*p));
	p->id = sqlite3_column_int64(st, 0);
	p->title = kith_column_strdup(st, 1);
	p->url = kith_column_strdup(st, 2);
	p->date = kith_column_day(st, 3);
	p->channel = kith_column_strdup(st, 4);
	sqlite3_reset(tags);
	sqlite3_bind_int64(tags, 1, p->id);
	while (sqlite3_step(tags) == SQLITE_ROW)
		kith_strlist_push(&p->tags, (const char *)sqlite3_column_text(tags, 0));
}

#define POST_SELECT "SELECT id, title, url, date, channel FROM post"
#define POST_TAGS "SELECT tag FROM post_tag WHERE post_id = ?1 ORDER BY tag"

enum kith_rc kith_post_get(struct kith *k, int64_t id, struct kith_post *p)
{
	sqlite3_stmt *st = kith_prepare(k, POST_SELECT " WHERE id = ?1");
	sqlite3_stmt *tags = kith_prepare(k, POST_TAGS);
	enum kith_rc rc = KITH_OK;
	int r;

	memset(p, 0, sizeof(*p));
	if (!st || !tags) {
		rc = KITH_ERR;
		goto cleanup;
	}
	sqlite3_bind_int64(st, 1, id);
	r = sqlite3_step(st);
	if (r == SQLITE_ROW)
		post_from_row(st, tags, p);
	else if (r == SQLITE_DONE)
		rc = kith_fail(k, KITH_ENOTFOUND, "no post #%lld (kith post ls lists them)", (long long)id);
	else
		rc = kith_fail_db(k, "cannot read the post");
cleanup:
	sqlite3_finalize(st);
	sqlite3_finalize(tags);
	return rc;
}

enum kith_rc kith_post_rm(struct kith *k, int64_t id)
{
	enum kith_rc rc = kith_sp_begin(k);
	if (rc != KITH_OK)
		return rc;
	rc = run2(k, "DELETE FROM post WHERE id = ?1", id, 0, "cannot remove the post");
	if (rc == KITH_OK && sqlite3_changes(k->db) == 0)
		rc = kith_fail(k, KITH_ENOTFOUND, "no post #%lld (kith post ls lists them)", (long long)id);
	return kith_sp_end(k, rc);
}

enum kith_rc kith_post_each(struct kith *k, kith_day since, int (*fn)(void *ctx, const struct kith_post *p),
			    void *ctx)
{
	sqlite3_stmt *st = kith_prepare(k, POST_SELECT " WHERE ?1 IS NULL OR date >= ?1 ORDER BY date DESC, id DESC");
	sqlite3_stmt *tags = kith_prepare(k, POST_TAGS);
	enum kith_rc rc = KITH_OK;
	int r = SQLITE_DONE;

	if (!st || !tags) {
		rc = KITH_ERR;
		goto cleanup;
	}
	kith_bind_day(st, 1, since);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		struct kith_post p;
		int stop;
		post_from_row(st, tags, &p);
		stop = fn(ctx, &p);
		kith_post_release(&p);
		if (stop)
			break;
	}
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		rc = kith_fail_db(k, "cannot read the posts");
cleanup:
	sqlite3_finalize(st);
	sqlite3_finalize(tags);
	return rc;
}

#define BRAND_DEFAULT_DAYS 14

enum kith_rc kith_brand_cadence(struct kith *k, int *every_days, kith_day *last)
{
	char *v = NULL;
	enum kith_rc rc;
	int days = BRAND_DEFAULT_DAYS;

	rc = kith_setting_value(k, "brand.every", &v);
	if (rc != KITH_OK)
		return rc;
	if (v) {
		char *t = trim_dup(v);
		/* the setting is checked when set: a value that does not parse is the default */
		if (!strcasecmp(t, "none") || !strcmp(t, "0"))
			days = 0;
		else if (kith_duration_parse(t, &days, NULL, 0) < 0)
			days = BRAND_DEFAULT_DAYS;
		free(t);
		free(v);
	}
	*every_days = days;
	if (last) {
		sqlite3_stmt *st = kith_prepare(k, "SELECT max(date) FROM post");
		if (!st)
			return KITH_ERR;
		*last = sqlite3_step(st) == SQLITE_ROW ? kith_column_day(st, 0) : KITH_NO_DAY;
		sqlite3_finalize(st);
	}
	return KITH_OK;
}

/* ---------------------------------------------------------- plan hooks */

/* 1 when the action `key` was marked done, or skipped today (see plan.c). */
static int plan_marked(struct kith *k, sqlite3_stmt **st, const char *key)
{
	int r;
	if (!*st) {
		*st = kith_prepare(k, "SELECT 1 FROM plan_mark WHERE action_key = ?1 AND (state = 'done' OR date = ?2)");
		if (!*st)
			return 0;
	}
	sqlite3_reset(*st);
	sqlite3_bind_text(*st, 1, key, -1, SQLITE_TRANSIENT);
	kith_bind_day(*st, 2, k->today);
	r = sqlite3_step(*st) == SQLITE_ROW;
	sqlite3_reset(*st);
	return r;
}

struct org_due {
	int64_t id;
	kith_day base, due;
	int every, has_event;
	double priority;
	char *name;
};

static int cmp_org_due(const void *pa, const void *pb)
{
	const struct org_due *a = pa, *b = pb;
	if (a->priority != b->priority)
		return a->priority > b->priority ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

/*
 * Communities whose involvement cadence has passed since their last event
 * (or since they were added, before the first): a `community` action each,
 * 50 when just due, half a point more per day late up to 70, so a missed
 * community ranks with a friend just due and never above a thank-you. At
 * most the plan's size of them are added: no more could be shown.
 */
enum kith_rc kith_org_plan(struct kith_plan_build *b)
{
	struct kith *k = b->k;
	sqlite3_stmt *st, *mark = NULL, *mem = NULL;
	struct org_due *v = NULL;
	size_t n = 0, alloc = 0, taken = 0;
	enum kith_rc rc = KITH_OK;
	int r;

	st = kith_prepare(k, "SELECT o.id, o.name, o.every_days, o.created,"
			     " (SELECT max(i.date) FROM interaction i WHERE i.org_id = o.id)"
			     " FROM org o WHERE o.every_days > 0");
	if (!st)
		return KITH_ERR;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		struct org_due d;
		kith_day last = kith_column_day(st, 4);
		d.id = sqlite3_column_int64(st, 0);
		d.every = sqlite3_column_int(st, 2);
		d.has_event = last != KITH_NO_DAY;
		d.base = d.has_event ? last : kith_column_day(st, 3);
		if (d.base == KITH_NO_DAY)
			continue;
		d.due = d.base + d.every;
		if (d.due > k->today)
			continue;
		d.priority = 50.0 + 0.5 * (double)(k->today - d.due);
		if (d.priority > 70.0)
			d.priority = 70.0;
		d.name = kith_column_strdup(st, 1);
		if (n == alloc) {
			alloc = alloc ? alloc * 2 : 8;
			v = xrealloc(v, alloc * sizeof(*v));
		}
		v[n++] = d;
	}
	if (r != SQLITE_DONE) {
		rc = kith_fail_db(k, "cannot read the organizations");
		goto cleanup;
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_org_due);
	/* a few members by id (the earliest added), and how many: three person rows
	   read per action, not every member's (a big community has hundreds) */
	mem = kith_prepare(k, "SELECT p.name, (SELECT count(*) FROM org_member c WHERE c.org_id = ?1)"
			      " FROM org_member m JOIN person p ON p.id = m.person_id"
			      " WHERE m.org_id = ?1 ORDER BY m.person_id LIMIT 3");
	if (!mem) {
		rc = KITH_ERR;
		goto cleanup;
	}
	for (size_t i = 0; i < n && taken < b->limit; i++) {
		struct kith_action *a;
		struct strbuf sb = STRBUF_INIT;
		char key[64], due[KITH_DATE_BUFSZ], every[48];
		size_t shown = 0;
		int64_t members = 0;

		snprintf(key, sizeof(key), "community:o%lld:%s", (long long)v[i].id, kith_day_format(v[i].due, due));
		if (plan_marked(k, &mark, key))
			continue;
		a = kith_plan_add(b, "community", v[i].priority, key);
		kith_action_subject(a, "%s", v[i].name);
		kith_duration_words(v[i].every, every, sizeof(every));
		if (v[i].has_event)
			kith_action_reason(a, "no %s event for %ld days; you aim for %s", v[i].name,
					   (long)(k->today - v[i].base), every);
		else
			kith_action_reason(a, "no %s event yet, added %ld days ago; you aim for %s", v[i].name,
					   (long)(k->today - v[i].base), every);
		/* who you might see there */
		sqlite3_reset(mem);
		sqlite3_bind_int64(mem, 1, v[i].id);
		while (sqlite3_step(mem) == SQLITE_ROW) {
			strbuf_addstr(&sb, shown++ ? ", " : "members: ");
			strbuf_addstr(&sb, (const char *)sqlite3_column_text(mem, 0));
			members = sqlite3_column_int64(mem, 1);
		}
		if (members > (int64_t)shown)
			strbuf_addf(&sb, " and %lld more", (long long)(members - (int64_t)shown));
		if (shown)
			kith_action_detail(a, "%s", sb.buf);
		strbuf_release(&sb);
		taken++;
	}
cleanup:
	for (size_t i = 0; i < n; i++)
		free(v[i].name);
	free(v);
	sqlite3_finalize(st);
	sqlite3_finalize(mem);
	sqlite3_finalize(mark);
	return rc;
}

/*
 * The personal brand: once the newest post is a brand cadence old, a
 * `brand` action at 44 (a soft, visible give to the whole network; below
 * a friend just due in the active circle). No post ever: no action.
 */
enum kith_rc kith_post_plan(struct kith_plan_build *b)
{
	struct kith *k = b->k;
	sqlite3_stmt *st;
	enum kith_rc rc;
	int every = 0;
	kith_day last = KITH_NO_DAY, due;
	char key[40], on[KITH_DATE_BUFSZ], words[48];

	rc = kith_brand_cadence(k, &every, &last);
	if (rc != KITH_OK || every <= 0 || last == KITH_NO_DAY)
		return rc;
	due = last + every;
	if (due > k->today)
		return KITH_OK;
	st = kith_prepare(k, "SELECT title, channel FROM post WHERE date = ?1 ORDER BY id DESC LIMIT 1");
	if (!st)
		return KITH_ERR;
	kith_bind_day(st, 1, last);
	if (sqlite3_step(st) == SQLITE_ROW) {
		struct kith_action *a;
		struct strbuf sb = STRBUF_INIT;
		const char *title = (const char *)sqlite3_column_text(st, 0);
		const char *channel = (const char *)sqlite3_column_text(st, 1);
		long ago = (long)(k->today - last);

		snprintf(key, sizeof(key), "brand:%s", kith_day_format(due, on));
		a = kith_plan_add(b, "brand", 44.0, key);
		kith_action_subject(a, "your brand");
		strbuf_addf(&sb, "last post %ld day%s ago (“", ago, ago == 1 ? "" : "s");
		add_short(&sb, title ? title : "", 40);
		strbuf_addstr(&sb, "”");
		if (channel && *channel)
			strbuf_addf(&sb, " on %s", channel);
		strbuf_addf(&sb, "); you aim for %s", kith_duration_words(every, words, sizeof(words)));
		kith_action_reason(a, "%s", sb.buf);
		strbuf_release(&sb);
	}
	sqlite3_finalize(st);
	return KITH_OK;
}
