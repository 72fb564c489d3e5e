#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kith/cadence.h"
#include "kith/interaction.h"
#include "util/xalloc.h"
#include "banned.h"

#define MAX_NOTE 65536
#define MAX_PEOPLE 1000

const struct kith_kind_info kith_kinds[] = {
	{ "ask", KITH_ASK, 0, "asked them for something" },
	{ "call", KITH_NEUTRAL, 1, "a phone or video call" },
	{ "coffee", KITH_NEUTRAL, 1, "coffee, lunch or a walk together" },
	{ "email", KITH_NEUTRAL, 0, "an email exchange" },
	{ "event", KITH_NEUTRAL, 0, "met at an event" },
	{ "help", KITH_GIVE, 0, "helped them (advice, a review, a favour)" },
	{ "intro", KITH_GIVE, 0, "introduced them to someone" },
	{ "meeting", KITH_NEUTRAL, 1, "a meeting" },
	{ "message", KITH_NEUTRAL, 0, "a message (chat, text, LinkedIn)" },
	{ "praise", KITH_GIVE, 0, "thanked, praised or congratulated them" },
	{ "referral", KITH_ASK, 0, "asked them for a referral" },
	{ "share", KITH_GIVE, 0, "shared a resource or an opportunity" },
	{ "social", KITH_NEUTRAL, 0, "a social media interaction" },
	{ NULL, KITH_NEUTRAL, 0, NULL },
};

const struct kith_kind_info *kith_kind_find(const char *s)
{
	for (const struct kith_kind_info *k = kith_kinds; k->name; k++)
		if (!strcasecmp(k->name, s))
			return k;
	return NULL;
}

const char *kith_kind_class_name(enum kith_kind_class c)
{
	return c == KITH_GIVE ? "give" : c == KITH_ASK ? "ask" : "neutral";
}

void kith_interaction_release(struct kith_interaction *i)
{
	if (!i)
		return;
	free(i->kind);
	free(i->note);
	for (size_t j = 0; j < i->n_people; j++)
		free(i->names[j]);
	free(i->names);
	free(i->people);
	memset(i, 0, sizeof(*i));
}

/* The checks kith_log makes before writing; info is the kind's. */
static enum kith_rc log_check(struct kith *k, size_t n, const char *kind, kith_day date, const char *note,
			      const struct kith_kind_info **info)
{
	*info = kith_kind_find(kind);
	if (!*info)
		return kith_fail(k, KITH_EINPUT,
				 "unknown kind '%.40s' (coffee, call, meeting, message, email, social, event,"
				 " praise, share, intro, help, ask or referral)", kind);
	if (n == 0)
		return kith_fail(k, KITH_EINPUT, "an interaction needs at least one person");
	if (n > MAX_PEOPLE)
		return kith_fail(k, KITH_EINPUT, "too many people in one interaction (%d at most)", MAX_PEOPLE);
	if (date > k->today) {
		char buf[KITH_DATE_BUFSZ];
		return kith_fail(k, KITH_EINPUT, "cannot log an interaction in the future (%s)",
				 kith_day_format(date, buf));
	}
	if (note && strlen(note) > MAX_NOTE)
		return kith_fail(k, KITH_EINPUT, "the note is too long (%d bytes at most)", MAX_NOTE);
	return KITH_OK;
}

/* Insert the interaction and its people with the two statements given. */
static enum kith_rc log_insert(struct kith *k, sqlite3_stmt *ins, sqlite3_stmt *link, const int64_t *ids,
			       size_t n, const struct kith_kind_info *info, kith_day date, const char *note,
			       int64_t *iid)
{
	sqlite3_reset(ins);
	kith_bind_day(ins, 1, date);
	sqlite3_bind_text(ins, 2, info->name, -1, SQLITE_STATIC);
	kith_bind_text(ins, 3, note, 1);
	if (sqlite3_step(ins) != SQLITE_DONE)
		return kith_fail_db(k, "cannot log interaction");
	*iid = sqlite3_last_insert_rowid(k->db);
	for (size_t i = 0; i < n; i++) {
		sqlite3_reset(link);
		sqlite3_bind_int64(link, 1, ids[i]);
		sqlite3_bind_int64(link, 2, *iid);
		kith_bind_day(link, 3, date);
		if (sqlite3_step(link) != SQLITE_DONE)
			return sqlite3_errcode(k->db) == SQLITE_CONSTRAINT
				? kith_fail(k, KITH_ENOTFOUND, "no person #%lld", (long long)ids[i])
				: kith_fail_db(k, "cannot log interaction");
	}
	return KITH_OK;
}

#define SQL_LOG_INSERT "INSERT INTO interaction(date, kind, note) VALUES (?1, ?2, ?3)"
#define SQL_LOG_LINK "INSERT OR IGNORE INTO interaction_person(person_id, interaction_id, date) VALUES (?1, ?2, ?3)"

enum kith_rc kith_log(struct kith *k, const int64_t *ids, size_t n, const char *kind,
		      kith_day date, const char *note, int64_t *out)
{
	const struct kith_kind_info *info;
	sqlite3_stmt *ins = NULL, *link = NULL;
	enum kith_rc rc;
	int64_t iid;

	rc = log_check(k, n, kind, date, note, &info);
	if (rc != KITH_OK)
		return rc;
	rc = kith_sp_begin(k);
	if (rc != KITH_OK)
		return rc;
	ins = kith_prepare(k, SQL_LOG_INSERT);
	link = ins ? kith_prepare(k, SQL_LOG_LINK) : NULL;
	if (!link) {
		rc = KITH_ERR;
		goto done;
	}
	rc = log_insert(k, ins, link, ids, n, info, date, note, &iid);
	for (size_t i = 0; rc == KITH_OK && i < n; i++)
		rc = kith_person_refresh(k, ids[i]);
	if (rc == KITH_OK && out)
		*out = iid;
done:
	sqlite3_finalize(ins);
	sqlite3_finalize(link);
	return kith_sp_end(k, rc);
}

/*
 * The logger: kith_log for many interactions. Its statements are prepared
 * once; the people are checked to exist before anything is written (so a
 * rejected interaction writes nothing without a savepoint each); and each
 * person's clock is refreshed once, by kith_logger_finish, however many
 * interactions they are in — the same end state as kith_log each time.
 */
struct kith_logger {
	struct kith *k;
	sqlite3_stmt *ins, *link, *exists;
	int64_t *touched;
	size_t n_touched, alloc;
};

struct kith_logger *kith_logger_new(struct kith *k)
{
	struct kith_logger *l = xcalloc(1, sizeof(*l));
	l->k = k;
	l->ins = kith_prepare(k, SQL_LOG_INSERT);
	l->link = kith_prepare(k, SQL_LOG_LINK);
	l->exists = kith_prepare(k, "SELECT 1 FROM person WHERE id = ?1");
	if (!l->ins || !l->link || !l->exists) {
		kith_logger_free(l);
		return NULL;
	}
	return l;
}

enum kith_rc kith_logger_add(struct kith_logger *l, const int64_t *ids, size_t n, const char *kind,
			     kith_day date, const char *note, int64_t *out)
{
	const struct kith_kind_info *info;
	enum kith_rc rc;
	int64_t iid;

	rc = log_check(l->k, n, kind, date, note, &info);
	if (rc != KITH_OK)
		return rc;
	for (size_t i = 0; i < n; i++) {
		int found;
		sqlite3_reset(l->exists);
		sqlite3_bind_int64(l->exists, 1, ids[i]);
		found = sqlite3_step(l->exists);
		if (found == SQLITE_DONE)
			return kith_fail(l->k, KITH_ENOTFOUND, "no person #%lld", (long long)ids[i]);
		if (found != SQLITE_ROW)
			return kith_fail_db(l->k, "cannot log interaction");
	}
	rc = log_insert(l->k, l->ins, l->link, ids, n, info, date, note, &iid);
	if (rc != KITH_OK)
		return rc;
	if (l->n_touched + n > l->alloc) {
		l->alloc = 2 * (l->n_touched + n) + 64;
		l->touched = xrealloc(l->touched, l->alloc * sizeof(*l->touched));
	}
	memcpy(l->touched + l->n_touched, ids, n * sizeof(*ids));
	l->n_touched += n;
	if (out)
		*out = iid;
	return KITH_OK;
}

enum kith_rc kith_logger_finish(struct kith_logger *l)
{
	enum kith_rc rc = KITH_OK;
	if (l->n_touched)
		qsort(l->touched, l->n_touched, sizeof(*l->touched), kith_cmp_id);
	for (size_t i = 0; rc == KITH_OK && i < l->n_touched; i++)
		if (i == 0 || l->touched[i] != l->touched[i - 1])
			rc = kith_person_refresh(l->k, l->touched[i]);
	l->n_touched = 0;
	return rc;
}

void kith_logger_free(struct kith_logger *l)
{
	if (!l)
		return;
	sqlite3_finalize(l->ins);
	sqlite3_finalize(l->link);
	sqlite3_finalize(l->exists);
	free(l->touched);
	free(l);
}

enum kith_rc kith_interactions_each(struct kith *k, const char *sql, int64_t key, size_t limit,
				    int (*fn)(void *ctx, const struct kith_interaction *i), void *ctx)
{
	sqlite3_stmt *st, *who = NULL;
	enum kith_rc rc = KITH_OK;
	int r;

	st = kith_prepare(k, sql);
	who = kith_prepare(k, "SELECT p.id, p.name FROM interaction_person ip JOIN person p ON p.id = ip.person_id"
			      " WHERE ip.interaction_id = ?1 ORDER BY p.id");
	if (!st || !who) {
		rc = KITH_ERR;
		goto cleanup;
	}
	sqlite3_bind_int64(st, 1, key);
	sqlite3_bind_int64(st, 2, limit ? (sqlite3_int64)limit : -1);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		struct kith_interaction it;
		size_t alloc = 0;
		int stop;
		memset(&it, 0, sizeof(it));
		it.id = sqlite3_column_int64(st, 0);
		it.date = kith_column_day(st, 1);
		it.kind = kith_column_strdup(st, 2);
		it.note = kith_column_strdup(st, 3);
		sqlite3_reset(who);
		sqlite3_bind_int64(who, 1, it.id);
		while (sqlite3_step(who) == SQLITE_ROW) {
			if (it.n_people == alloc) {
				alloc = alloc ? alloc * 2 : 4;
				it.people = xrealloc(it.people, alloc * sizeof(*it.people));
				it.names = xrealloc(it.names, alloc * sizeof(*it.names));
			}
			it.people[it.n_people] = sqlite3_column_int64(who, 0);
			it.names[it.n_people] = kith_column_strdup(who, 1);
			it.n_people++;
		}
		stop = fn(ctx, &it);
		kith_interaction_release(&it);
		if (stop)
			break;
	}
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		rc = kith_fail_db(k, "cannot read interactions");
cleanup:
	sqlite3_finalize(st);
	sqlite3_finalize(who);
	return rc;
}

enum kith_rc kith_timeline(struct kith *k, int64_t id, size_t limit,
			   int (*fn)(void *ctx, const struct kith_interaction *i), void *ctx)
{
	return kith_interactions_each(k,
		"SELECT i.id, i.date, i.kind, i.note FROM interaction_person ip"
		" JOIN interaction i ON i.id = ip.interaction_id"
		" WHERE ip.person_id = ?1 ORDER BY ip.date DESC, ip.interaction_id DESC LIMIT ?2",
		id, limit, fn, ctx);
}

enum kith_rc kith_interaction_rm(struct kith *k, int64_t id)
{
	sqlite3_stmt *st = NULL;
	int64_t *people = NULL;
	size_t n = 0, alloc = 0;
	enum kith_rc rc = kith_sp_begin(k);

	if (rc != KITH_OK)
		return rc;
	st = kith_prepare(k, "SELECT person_id FROM interaction_person WHERE interaction_id = ?1");
	if (!st) {
		rc = KITH_ERR;
		goto done;
	}
	sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n == alloc) {
			alloc = alloc ? alloc * 2 : 4;
			people = xrealloc(people, alloc * sizeof(*people));
		}
		people[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	st = kith_prepare(k, "DELETE FROM interaction WHERE id = ?1");
	if (!st) {
		rc = KITH_ERR;
		goto done;
	}
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_DONE) {
		rc = kith_fail_db(k, "cannot remove interaction");
		goto done;
	}
	if (sqlite3_changes(k->db) == 0) {
		rc = kith_fail(k, KITH_ENOTFOUND, "no interaction #%lld", (long long)id);
		goto done;
	}
	for (size_t i = 0; rc == KITH_OK && i < n; i++)
		rc = kith_person_refresh(k, people[i]);
done:
	sqlite3_finalize(st);
	free(people);
	return kith_sp_end(k, rc);
}
