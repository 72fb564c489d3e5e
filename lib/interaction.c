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

enum kith_rc kith_log(struct kith *k, const int64_t *ids, size_t n, const char *kind,
		      kith_day date, const char *note, int64_t *out)
{
	const struct kith_kind_info *info = kith_kind_find(kind);
	sqlite3_stmt *st = NULL;
	enum kith_rc rc;
	int64_t iid;

	if (!info)
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

	rc = kith_sp_begin(k);
	if (rc != KITH_OK)
		return rc;
	st = kith_prepare(k, "INSERT INTO interaction(date, kind, note) VALUES (?1, ?2, ?3)");
	if (!st) {
		rc = KITH_ERR;
		goto done;
	}
	kith_bind_day(st, 1, date);
	sqlite3_bind_text(st, 2, info->name, -1, SQLITE_STATIC);
	kith_bind_text(st, 3, note, 1);
	if (sqlite3_step(st) != SQLITE_DONE) {
		rc = kith_fail_db(k, "cannot log interaction");
		goto done;
	}
	iid = sqlite3_last_insert_rowid(k->db);
	sqlite3_finalize(st);
	st = kith_prepare(k, "INSERT OR IGNORE INTO interaction_person(person_id, interaction_id, date) VALUES (?1, ?2, ?3)");
	if (!st) {
		rc = KITH_ERR;
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, ids[i]);
		sqlite3_bind_int64(st, 2, iid);
		kith_bind_day(st, 3, date);
		if (sqlite3_step(st) != SQLITE_DONE) {
			rc = sqlite3_errcode(k->db) == SQLITE_CONSTRAINT
				? kith_fail(k, KITH_ENOTFOUND, "no person #%lld", (long long)ids[i])
				: kith_fail_db(k, "cannot log interaction");
			goto done;
		}
		rc = kith_person_refresh(k, ids[i]);
		if (rc != KITH_OK)
			goto done;
	}
	if (out)
		*out = iid;
done:
	sqlite3_finalize(st);
	return kith_sp_end(k, rc);
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
