/*
 * The daily plan.
 *
 * Candidates come from three indexed sources: recent meetings (the
 * interaction_date index, a few days' worth), dates in the coming days
 * (bday_md and person_date.md, one lookup per day), and people due (the
 * partial index on due_on). Each candidate gets a priority; the plan is the
 * top `limit` by priority, ties broken by kind order and id, so the same
 * database and day always give the same plan.
 *
 * Priorities (documented in docs/design.md):
 *   thank      80 - 5 * days since the meeting
 *   celebrate  90 today, else 84 - 4 * days ahead; minus 3 per circle step
 *   reconnect  40 + 15 * min(ratio - 1, 3) + circle bonus (inner 12,
 *              close 8, active 4) + 8 when overdue, where ratio is the time
 *              since the last touch over the ideal cadence
 */
#include "internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/agenda.h"
#include "kith/cadence.h"
#include "kith/plan.h"
#include "kith/resource.h"
#include "plan_internal.h"
#include "kith/settings.h"
#include "kith/strbuf.h"
#include "util/xalloc.h"
#include "util/fold.h"
#include "banned.h"

/*
 * The people already in an action: an open-addressing hash set (ids are
 * > 0, 0 marks a free slot), because the due scan asks for every row.
 */
static size_t seen_slot(const struct kith_plan_build *b, int64_t id)
{
	uint64_t h = (uint64_t)id * 0x9E3779B97F4A7C15ULL;
	size_t i = (size_t)(h >> 32) & (b->alloc_seen - 1);
	while (b->seen[i] && b->seen[i] != id)
		i = (i + 1) & (b->alloc_seen - 1);
	return i;
}

int kith_plan_seen(struct kith_plan_build *b, int64_t id)
{
	return b->n_seen && b->seen[seen_slot(b, id)] == id;
}

static void mark_seen(struct kith_plan_build *b, int64_t id)
{
	if (id <= 0 || kith_plan_seen(b, id))
		return;
	if (2 * (b->n_seen + 1) > b->alloc_seen) {
		int64_t *old = b->seen;
		size_t old_n = b->alloc_seen;
		b->alloc_seen = old_n ? old_n * 2 : 64;
		b->seen = xcalloc(b->alloc_seen, sizeof(*b->seen));
		for (size_t i = 0; i < old_n; i++)
			if (old[i])
				b->seen[seen_slot(b, old[i])] = old[i];
		free(old);
	}
	b->seen[seen_slot(b, id)] = id;
	b->n_seen++;
}

struct kith_action *kith_plan_add(struct kith_plan_build *b, const char *kind, double priority, const char *key)
{
	struct kith_action *a;
	if (b->n == b->alloc) {
		b->alloc = b->alloc ? b->alloc * 2 : 16;
		b->v = xrealloc(b->v, b->alloc * sizeof(*b->v));
	}
	a = &b->v[b->n++];
	memset(a, 0, sizeof(*a));
	snprintf(a->kind, sizeof(a->kind), "%s", kind);
	snprintf(a->key, sizeof(a->key), "%s", key ? key : kind);
	a->priority = priority;
	return a;
}

static void action_add_person(struct kith_action *a, int64_t id, const char *name)
{
	a->people = xrealloc(a->people, (a->n_people + 1) * sizeof(*a->people));
	a->names = xrealloc(a->names, (a->n_people + 1) * sizeof(*a->names));
	a->people[a->n_people] = id;
	a->names[a->n_people] = xstrdup(name ? name : "?");
	a->n_people++;
}

void kith_plan_add_person(struct kith_plan_build *b, struct kith_action *a, int64_t id, const char *name)
{
	action_add_person(a, id, name);
	mark_seen(b, id);
}

static void set_text(char **dst, const char *fmt, va_list ap)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_vaddf(&sb, fmt, ap);
	free(*dst);
	*dst = strbuf_detach(&sb);
}

void kith_action_reason(struct kith_action *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_text(&a->reason, fmt, ap);
	va_end(ap);
}

void kith_action_detail(struct kith_action *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_text(&a->detail, fmt, ap);
	va_end(ap);
}

static void kith_plan_idea(struct kith_action *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void kith_plan_idea(struct kith_action *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_text(&a->idea, fmt, ap);
	va_end(ap);
}

void kith_action_subject(struct kith_action *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_text(&a->subject, fmt, ap);
	va_end(ap);
}

static void action_release(struct kith_action *a)
{
	for (size_t i = 0; i < a->n_people; i++)
		free(a->names[i]);
	free(a->names);
	free(a->people);
	free(a->reason);
	free(a->detail);
	free(a->idea);
	free(a->subject);
}

void kith_plan_release(struct kith_plan *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n; i++)
		action_release(&p->v[i]);
	free(p->v);
	memset(p, 0, sizeof(*p));
}

/* "today", "yesterday", "3 days ago", "3 years ago" */
static void days_ago(struct strbuf *sb, long d)
{
	if (d <= 0)
		strbuf_addstr(sb, "today");
	else if (d == 1)
		strbuf_addstr(sb, "yesterday");
	else if (d < 730)
		strbuf_addf(sb, "%ld days ago", d);
	else
		strbuf_addf(sb, "%ld years ago", d / 365);
}

/* A tie is dormant after three years without contact (Levin, Walter & Murnighan). */
#define DORMANT_DAYS (3 * 365)

static enum kith_rc add_thanks(struct kith_plan_build *b, int thank_days, size_t limit)
{
	struct kith *k = b->k;
	sqlite3_stmt *st = NULL, *who = NULL;
	enum kith_rc rc = KITH_OK;
	size_t n_thanks = 0;
	int r = SQLITE_DONE;

	if (thank_days <= 0)
		return KITH_OK;
	st = kith_prepare(k, "SELECT id, date, kind, note FROM interaction"
			     " WHERE date >= ?1 AND date <= ?2 AND kind IN ('coffee', 'call', 'meeting')"
			     " ORDER BY date DESC, id DESC");
	/* people in it with nothing logged with them since */
	who = kith_prepare(k, "SELECT p.id, p.name FROM interaction_person ip JOIN person p ON p.id = ip.person_id"
			      " WHERE ip.interaction_id = ?1 AND NOT EXISTS ("
			      "  SELECT 1 FROM interaction_person l WHERE l.person_id = p.id"
			      "  AND (l.date > ?2 OR (l.date = ?2 AND l.interaction_id > ?1)))"
			      " ORDER BY p.id");
	if (!st || !who) {
		rc = KITH_ERR;
		goto cleanup;
	}
	kith_bind_day(st, 1, k->today - thank_days);
	kith_bind_day(st, 2, k->today);
	/* newest first, so the first `limit` thank-yous are the ones that can rank */
	while (n_thanks < limit && (r = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t iid = sqlite3_column_int64(st, 0);
		kith_day date = kith_column_day(st, 1);
		const char *kind = (const char *)sqlite3_column_text(st, 2);
		const char *note = (const char *)sqlite3_column_text(st, 3);
		struct kith_action *a = NULL;
		struct strbuf sb = STRBUF_INIT;

		sqlite3_reset(who);
		sqlite3_bind_int64(who, 1, iid);
		sqlite3_bind_text(who, 2, (const char *)sqlite3_column_text(st, 1), -1, SQLITE_TRANSIENT);
		while (sqlite3_step(who) == SQLITE_ROW) {
			int64_t pid = sqlite3_column_int64(who, 0);
			if (kith_plan_seen(b, pid))
				continue;
			if (!a)
			{
				char key[40];
				snprintf(key, sizeof(key), "thank:i%lld", (long long)iid);
				a = kith_plan_add(b, "thank", 80.0 - 5.0 * (double)(k->today - date), key);
			}
			action_add_person(a, pid, (const char *)sqlite3_column_text(who, 1));
			mark_seen(b, pid);
		}
		if (!a)
			continue;
		n_thanks++;
		strbuf_addf(&sb, "%s ", kind);
		days_ago(&sb, k->today - date);
		strbuf_addstr(&sb, ": send a note of appreciation");
		a->reason = strbuf_detach(&sb);
		if (note && *note) {
			strbuf_addstr(&sb, "re: ");
			kith_add_short(&sb, note, 60);
			a->detail = strbuf_detach(&sb);
		}
	}
	if (r != SQLITE_DONE && r != SQLITE_ROW)
		rc = kith_fail_db(k, "cannot read recent interactions");
cleanup:
	sqlite3_finalize(st);
	sqlite3_finalize(who);
	return rc;
}

static void when_phrase(struct strbuf *sb, long ahead)
{
	if (ahead == 0)
		strbuf_addstr(sb, "today");
	else if (ahead == 1)
		strbuf_addstr(sb, "tomorrow");
	else
		strbuf_addf(sb, "in %ld days", ahead);
}

static enum kith_rc add_celebrations(struct kith_plan_build *b, int days, size_t limit)
{
	struct kith *k = b->k;
	sqlite3_stmt *bday = NULL, *dates = NULL;
	enum kith_rc rc = KITH_OK;

	bday = kith_prepare(k, "SELECT id, name, birthday, circle FROM person WHERE bday_md = ?1 ORDER BY circle, id LIMIT ?2");
	dates = kith_prepare(k, "SELECT p.id, p.name, d.label, d.date, p.circle FROM person_date d"
				" JOIN person p ON p.id = d.person_id WHERE d.md = ?1 ORDER BY p.circle, p.id, d.label LIMIT ?2");
	if (!bday || !dates) {
		rc = KITH_ERR;
		goto cleanup;
	}
	for (long ahead = 0; ahead <= days; ahead++) {
		int y, m, d;
		int mds[2], n_md = 1;
		kith_day_to_civil(k->today + ahead, &y, &m, &d);
		mds[0] = m * 100 + d;
		/* 29 February birthdays are celebrated on the 28th in common years */
		if (m == 2 && d == 28 && kith_days_in_month(y, 2) == 28)
			mds[n_md++] = 229;
		for (int i = 0; i < n_md; i++) {
			sqlite3_reset(bday);
			sqlite3_bind_int(bday, 1, mds[i]);
			/* within a day priority falls with the circle: only the first can rank */
			sqlite3_bind_int64(bday, 2, (sqlite3_int64)limit);
			while (sqlite3_step(bday) == SQLITE_ROW) {
				int64_t pid = sqlite3_column_int64(bday, 0);
				const char *born = (const char *)sqlite3_column_text(bday, 2);
				int circle = sqlite3_column_int(bday, 3);
				struct strbuf sb = STRBUF_INIT;
				struct kith_action *a;
				double pri = ahead == 0 ? 90.0 : 84.0 - 4.0 * (double)ahead;
				if (kith_plan_seen(b, pid))
					continue;
				{
					char key[64], on[KITH_DATE_BUFSZ];
					snprintf(key, sizeof(key), "birthday:p%lld:%s", (long long)pid,
						 kith_day_format(k->today + ahead, on));
					a = kith_plan_add(b, "celebrate", pri - 3.0 * circle, key);
				}
				action_add_person(a, pid, (const char *)sqlite3_column_text(bday, 1));
				mark_seen(b, pid);
				strbuf_addstr(&sb, "birthday ");
				when_phrase(&sb, ahead);
				{
					int by, bm, bd;
					if (kith_birthday_split(born, &by, &bm, &bd) == 0 && by && y > by)
						strbuf_addf(&sb, " (turns %d)", y - by);
				}
				a->reason = strbuf_detach(&sb);
			}
			sqlite3_reset(dates);
			sqlite3_bind_int(dates, 1, mds[i]);
			sqlite3_bind_int64(dates, 2, (sqlite3_int64)limit);
			while (sqlite3_step(dates) == SQLITE_ROW) {
				int64_t pid = sqlite3_column_int64(dates, 0);
				const char *label = (const char *)sqlite3_column_text(dates, 2);
				const char *date = (const char *)sqlite3_column_text(dates, 3);
				int circle = sqlite3_column_int(dates, 4);
				struct strbuf sb = STRBUF_INIT;
				struct kith_action *a;
				double pri = ahead == 0 ? 88.0 : 82.0 - 4.0 * (double)ahead;
				if (kith_plan_seen(b, pid))
					continue;
				{
					char key[80], on[KITH_DATE_BUFSZ];
					snprintf(key, sizeof(key), "date:p%lld:%s:%.40s", (long long)pid,
						 kith_day_format(k->today + ahead, on), label ? label : "");
					a = kith_plan_add(b, "celebrate", pri - 3.0 * circle, key);
				}
				action_add_person(a, pid, (const char *)sqlite3_column_text(dates, 1));
				mark_seen(b, pid);
				strbuf_addf(&sb, "%s ", label);
				when_phrase(&sb, ahead);
				{
					int dy, dm, dd;
					if (kith_birthday_split(date, &dy, &dm, &dd) == 0 && dy && y > dy)
						strbuf_addf(&sb, " (%d year%s)", y - dy, y - dy == 1 ? "" : "s");
				}
				a->reason = strbuf_detach(&sb);
			}
		}
	}
cleanup:
	sqlite3_finalize(bday);
	sqlite3_finalize(dates);
	return rc;
}

struct due_row {
	int64_t id;
	kith_day due;
	double priority;
};


static const int circle_bonus[KITH_N_CIRCLES] = { 12, 8, 4, 0, 0 };

/*
 * A due chat with open agenda items (kith agenda) becomes an "agenda"
 * action that lists them: the reason to meet is already there.
 */
static enum kith_rc add_agenda(struct kith_plan_build *b, struct kith_action *a, int64_t id)
{
	struct kith_strlist items = KITH_STRLIST_INIT;
	struct strbuf sb = STRBUF_INIT;
	size_t n = 0;
	enum kith_rc rc = kith_agenda_open(b->k, id, &items, &n);

	if (rc != KITH_OK || n == 0 || strcmp(a->kind, "reconnect"))
		goto cleanup;
	snprintf(a->kind, sizeof(a->kind), "agenda");
	strbuf_addf(&sb, "%s; %zu agenda item%s", a->reason, n, n == 1 ? "" : "s");
	free(a->reason);
	a->reason = strbuf_detach(&sb);
	strbuf_addstr(&sb, "agenda: ");
	for (size_t i = 0; i < items.n && sb.len < 120; i++) {
		if (i)
			strbuf_addstr(&sb, "; ");
		kith_add_short(&sb, items.v[i], 50);
	}
	if (items.n && sb.len >= 120 && items.n > 1)
		strbuf_addstr(&sb, " …");
	free(a->detail); /* the agenda says more than the last note */
	a->detail = strbuf_detach(&sb);
cleanup:
	kith_strlist_release(&items);
	return rc;
}

/* Reason and detail of a reconnect action for person id. */
static enum kith_rc describe_reconnect(struct kith_plan_build *b, struct kith_action *a, int64_t id)
{
	struct kith *k = b->k;
	sqlite3_stmt *st = kith_prepare(k,
		"SELECT name, last_touch, last_kind, cadence_days, overdue_on, snoozed_until, created,"
		" (SELECT i.note FROM interaction_person ip JOIN interaction i ON i.id = ip.interaction_id"
		"  WHERE ip.person_id = p.id AND i.note IS NOT NULL ORDER BY ip.date DESC, ip.interaction_id DESC LIMIT 1)"
		" FROM person p WHERE id = ?1");
	struct strbuf sb = STRBUF_INIT;
	char every[48] = "";

	if (!st)
		return KITH_ERR;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return kith_fail_db(k, "cannot read person");
	}
	{
		kith_day last = kith_column_day(st, 1);
		const char *kind = (const char *)sqlite3_column_text(st, 2);
		int cad = sqlite3_column_int(st, 3);
		kith_day over = kith_column_day(st, 4);
		kith_day created = kith_column_day(st, 6);
		const char *note = (const char *)sqlite3_column_text(st, 7);
		int overdue = over != KITH_NO_DAY && k->today >= over;

		action_add_person(a, id, (const char *)sqlite3_column_text(st, 0));
		if (cad > 0)
			kith_duration_words(cad, every, sizeof(every));
		if (last != KITH_NO_DAY && k->today - last >= DORMANT_DAYS) {
			snprintf(a->kind, sizeof(a->kind), "rekindle");
			strbuf_addf(&sb, "a dormant tie: last %s ", kind ? kind : "touch");
			days_ago(&sb, k->today - last);
		} else if (last != KITH_NO_DAY) {
			strbuf_addf(&sb, "last %s ", kind ? kind : "touch");
			days_ago(&sb, k->today - last);
		} else if (created != KITH_NO_DAY) {
			strbuf_addstr(&sb, "not in touch since you added them ");
			days_ago(&sb, k->today - created);
		} else {
			strbuf_addstr(&sb, "never in touch");
		}
		if (cad > 0)
			strbuf_addf(&sb, "; %syou aim for %s", overdue ? "overdue: " : "", every);
		a->reason = strbuf_detach(&sb);
		if (note && *note) {
			strbuf_addstr(&sb, "last time: ");
			kith_add_short(&sb, note, 60);
			a->detail = strbuf_detach(&sb);
		}
	}
	sqlite3_finalize(st);
	{
		/* something to give: the best unshared resource for their interests */
		char *title = NULL, *why = NULL;
		enum kith_rc rc = kith_resource_idea(k, id, &title, &why);
		if (rc == KITH_OK && title)
			kith_plan_idea(a, "share “%s” (interest: %s)", title, why ? why : "");
		free(title);
		free(why);
		if (rc != KITH_OK)
			return rc;
	}
	return add_agenda(b, a, id);
}

/* 1 when row a ranks before row b: higher priority, then lower id. */
static int due_before(const struct due_row *a, const struct due_row *b)
{
	return a->priority > b->priority || (a->priority == b->priority && a->id < b->id);
}

static int marked(struct kith_plan_build *b, const char *key);

static enum kith_rc add_reconnects(struct kith_plan_build *b, size_t want, size_t *more)
{
	struct kith *k = b->k;
	sqlite3_stmt *st;
	struct due_row *top;
	/* the best `want` of those not already in the plan are among the best cap */
	size_t cap = want + b->n_seen + 32, n_top = 0, eligible = 0, taken = 0;
	char today[KITH_DATE_BUFSZ];
	enum kith_rc rc = KITH_OK;
	int r;

	*more = 0;
	if (want == 0)
		return KITH_OK;
	top = xcalloc(cap, sizeof(*top));
	kith_day_format(k->today, today);
	/* covered by the person_due index: no table row is read */
	st = kith_prepare(k, "SELECT id, circle, cadence_days, last_touch IS NULL, due_on, overdue_on <= ?1"
			     " FROM person WHERE due_on <= ?1");
	if (!st) {
		free(top);
		return KITH_ERR;
	}
	sqlite3_bind_text(st, 1, today, -1, SQLITE_STATIC);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		struct due_row row;
		int circle = sqlite3_column_int(st, 1);
		int cad = sqlite3_column_int(st, 2);
		kith_day due;
		double ratio;
		size_t at;

		if (cad <= 0)
			continue;
		row.id = sqlite3_column_int64(st, 0);
		if (kith_plan_seen(b, row.id))
			continue;
		eligible++;
		due = kith_column_day(st, 4);
		row.due = due;
		/* time past the ideal, relative to it: due_on already holds base + ideal */
		ratio = 1.0 + (double)(k->today - due) / (double)cad;
		if (sqlite3_column_int(st, 3) && ratio > 1.5)
			ratio = 1.5; /* never in touch: no history to be overdue against */
		if (ratio > 4.0)
			ratio = 4.0;
		row.priority = 40.0 + 15.0 * (ratio - 1.0) +
			       circle_bonus[circle >= 0 && circle < KITH_N_CIRCLES ? circle : 4];
		if (sqlite3_column_int(st, 5))
			row.priority += 8.0;
		/* keep the best `cap` rows, sorted: a partial insertion sort */
		if (n_top == cap && !due_before(&row, &top[cap - 1]))
			continue;
		at = n_top < cap ? n_top++ : cap - 1;
		while (at > 0 && due_before(&row, &top[at - 1])) {
			top[at] = top[at - 1];
			at--;
		}
		top[at] = row;
	}
	if (r != SQLITE_DONE) {
		rc = kith_fail_db(k, "cannot read people due");
		goto cleanup;
	}
	for (size_t i = 0; i < n_top && taken < want; i++) {
		char key[64], due[KITH_DATE_BUFSZ];
		struct kith_action *a;
		snprintf(key, sizeof(key), "reconnect:p%lld:%s", (long long)top[i].id, kith_day_format(top[i].due, due));
		if (marked(b, key))
			continue; /* skipped today: the next one takes the place */
		a = kith_plan_add(b, "reconnect", top[i].priority, key);
		rc = describe_reconnect(b, a, top[i].id);
		if (rc != KITH_OK)
			goto cleanup;
		mark_seen(b, top[i].id);
		taken++;
	}
	*more = eligible - taken;
cleanup:
	sqlite3_finalize(st);
	free(top);
	return rc;
}

/*
 * Now and then, a dormant tie: someone not in touch for three years or
 * more, whatever their circle. Reconnecting them tends to bring more novel
 * help than current ties, and people wrongly prefer the comfortable ones
 * (Levin, Walter & Murnighan 2011), so among a few candidates kith favours
 * novelty: the fewest touches in all. Which few depends on the day (a
 * pivot date from a hash of it), so the suggestion changes from day to day
 * and is the same all day. Indexed: person_last.
 */
static enum kith_rc add_rekindle(struct kith_plan_build *b)
{
	struct kith *k = b->k;
	sqlite3_stmt *st = NULL;
	kith_day cutoff = k->today - DORMANT_DAYS, oldest, pivot;
	int64_t best = 0;
	int64_t best_n = -1;
	enum kith_rc rc = KITH_OK;
	uint64_t h;

	st = kith_prepare(k, "SELECT min(last_touch) FROM person WHERE last_touch IS NOT NULL");
	if (!st)
		return KITH_ERR;
	oldest = sqlite3_step(st) == SQLITE_ROW ? kith_column_day(st, 0) : KITH_NO_DAY;
	sqlite3_finalize(st);
	if (oldest == KITH_NO_DAY || oldest > cutoff)
		return KITH_OK;
	h = (uint64_t)k->today * 0x9E3779B97F4A7C15ULL;
	h ^= h >> 29;
	pivot = oldest + (kith_day)(h % (uint64_t)(cutoff - oldest + 1));

	st = kith_prepare(k, "SELECT p.id, (SELECT count(*) FROM interaction_person ip WHERE ip.person_id = p.id)"
			     " FROM person p WHERE p.last_touch >= ?1 AND p.last_touch <= ?2"
			     " ORDER BY p.last_touch, p.id LIMIT 8");
	if (!st)
		return KITH_ERR;
	for (int pass = 0; pass < 2 && !best; pass++) {
		sqlite3_reset(st);
		kith_bind_day(st, 1, pass ? oldest : pivot);
		kith_bind_day(st, 2, cutoff);
		while (sqlite3_step(st) == SQLITE_ROW) {
			int64_t id = sqlite3_column_int64(st, 0);
			int64_t n = sqlite3_column_int64(st, 1);
			if (kith_plan_seen(b, id))
				continue;
			if (best_n < 0 || n < best_n) {
				best = id;
				best_n = n;
			}
		}
	}
	sqlite3_finalize(st);
	if (best) {
		char key[40];
		struct kith_action *a;
		snprintf(key, sizeof(key), "rekindle:p%lld", (long long)best);
		a = kith_plan_add(b, "rekindle", 42.0, key);
		rc = describe_reconnect(b, a, best);
		if (rc == KITH_OK) {
			struct strbuf sb = STRBUF_INIT;
			strbuf_addf(&sb, "%s; %lld touch%s in all, old ties often bring the most novel help", a->reason,
				    (long long)best_n, best_n == 1 ? "" : "es");
			free(a->reason);
			a->reason = strbuf_detach(&sb);
			snprintf(a->kind, sizeof(a->kind), "rekindle");
			mark_seen(b, best);
		}
	}
	return rc;
}

static int kind_rank(const char *kind)
{
	if (!strcmp(kind, "thank"))
		return 0;
	if (!strcmp(kind, "celebrate"))
		return 1;
	return 2;
}

static int cmp_action(const void *pa, const void *pb)
{
	const struct kith_action *a = pa, *b = pb;
	int ka, kb;
	if (a->priority != b->priority)
		return a->priority > b->priority ? -1 : 1;
	ka = kind_rank(a->kind);
	kb = kind_rank(b->kind);
	if (ka != kb)
		return ka - kb;
	if (a->n_people && b->n_people && a->people[0] != b->people[0])
		return a->people[0] < b->people[0] ? -1 : 1;
	if (!!a->n_people != !!b->n_people)
		return a->n_people ? -1 : 1;
	return strcmp(a->key, b->key);
}

/* What cannot wait: thank-yous, celebrations, a goal step near its deadline. */
static int timely(const struct kith_action *a)
{
	return !strcmp(a->kind, "thank") || !strcmp(a->kind, "celebrate") ||
	       (!strcmp(a->kind, "goal") && a->priority >= 80.0);
}

/*
 * A long backlog of overdue people must not crowd out what cannot wait: a
 * thank-you after yesterday's call, a birthday this week. Up to half the
 * plan (rounded up) is kept for such timely actions when there are any:
 * the best ones left out take the places of the lowest reconnections kept.
 * b->v is sorted by priority before and after.
 */
static void reserve_timely(struct kith_plan_build *b, size_t limit)
{
	size_t reserve = (limit + 1) / 2, have = 0, swap_out;

	if (b->n <= limit)
		return;
	for (size_t i = 0; i < limit; i++)
		have += (size_t)timely(&b->v[i]);
	swap_out = limit;
	for (size_t i = limit; i < b->n && have < reserve; i++) {
		if (!timely(&b->v[i]))
			continue;
		/* the lowest kept action that is not timely */
		while (swap_out > 0 && timely(&b->v[swap_out - 1]))
			swap_out--;
		if (swap_out == 0)
			break;
		{
			struct kith_action t = b->v[swap_out - 1];
			b->v[swap_out - 1] = b->v[i];
			b->v[i] = t;
		}
		swap_out--;
		have++;
	}
	qsort(b->v, limit, sizeof(*b->v), cmp_action);
	qsort(b->v + limit, b->n - limit, sizeof(*b->v), cmp_action);
}

/*
 * Marks: `kith done N` hides an action for good (its key names one
 * occurrence: this birthday, this call), `kith skip N` for the day.
 */
static int marked(struct kith_plan_build *b, const char *key)
{
	int r;
	if (!b->mark_st) {
		b->mark_st = kith_prepare(b->k, "SELECT 1 FROM plan_mark WHERE action_key = ?1"
						" AND (state = 'done' OR date = ?2)");
		if (!b->mark_st)
			return 0;
		kith_bind_day(b->mark_st, 2, b->k->today);
	}
	sqlite3_reset(b->mark_st);
	sqlite3_bind_text(b->mark_st, 1, key, -1, SQLITE_TRANSIENT);
	r = sqlite3_step(b->mark_st) == SQLITE_ROW;
	sqlite3_reset(b->mark_st);
	return r;
}

/* Drop the candidates the user marked done or skipped. */
static void drop_marked(struct kith_plan_build *b)
{
	size_t j = 0;
	for (size_t i = 0; i < b->n; i++) {
		if (marked(b, b->v[i].key)) {
			action_release(&b->v[i]);
			continue;
		}
		b->v[j++] = b->v[i];
	}
	b->n = j;
}

static int timely(const struct kith_action *a);

/*
 * 1 when actions that rank at most `ceiling` cannot make the plan: at
 * least `limit` candidates rank above it, and for actions that cannot wait
 * (which the plan keeps up to half of it for) enough of those do too.
 */
static int plan_full(const struct kith_plan_build *b, double ceiling, int timely_module)
{
	size_t n = 0, t = 0;
	for (size_t i = 0; i < b->n; i++) {
		if (b->v[i].priority <= ceiling)
			continue;
		n++;
		t += (size_t)timely(&b->v[i]);
	}
	if (n < b->limit)
		return 0;
	return !timely_module || t >= (b->limit + 1) / 2;
}

static int plan_full_above(const struct kith_plan_build *b, double ceiling)
{
	return plan_full(b, ceiling, 0);
}

static int counts_as_due(const struct kith_action *a)
{
	return !strcmp(a->kind, "reconnect") || !strcmp(a->kind, "rekindle") || !strcmp(a->kind, "agenda");
}

enum kith_rc kith_plan_mark(struct kith *k, const char *key, const char *state)
{
	sqlite3_stmt *st;
	enum kith_rc rc = KITH_OK;

	if (strcmp(state, "done") && strcmp(state, "skipped"))
		return kith_fail(k, KITH_EINPUT, "unknown mark '%s' (done or skipped)", state);
	st = kith_prepare(k, "INSERT INTO plan_mark(action_key, date, state) VALUES (?1, ?2, ?3)"
			     " ON CONFLICT(action_key, date) DO UPDATE SET state = ?3");
	if (!st)
		return KITH_ERR;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	kith_bind_day(st, 2, k->today);
	sqlite3_bind_text(st, 3, state, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = kith_fail_db(k, "cannot mark the action");
	sqlite3_finalize(st);
	return rc;
}

enum kith_rc kith_plan_today(struct kith *k, size_t limit, struct kith_plan *out)
{
	struct kith_plan_build b;
	enum kith_rc rc;
	size_t more = 0;

	memset(out, 0, sizeof(*out));
	memset(&b, 0, sizeof(b));
	b.k = k;
	if (limit == 0)
		limit = (size_t)kith_setting_int(k, "plan.size", 5, 1, 100);
	b.limit = limit;

	rc = add_thanks(&b, kith_setting_int(k, "plan.thank-days", 3, 0, 30), limit);
	if (rc == KITH_OK)
		rc = add_celebrations(&b, kith_setting_int(k, "plan.celebrate-days", 7, 0, 60), limit);
	/* enough reconnects to fill the plan whatever the others' priorities */
	if (rc == KITH_OK)
		rc = add_reconnects(&b, limit, &more);
	/* after the reconnects: a dormant tie that is also due is told as one */
	/*
	 * The rest can only rank below a ceiling each (see their modules):
	 * when the plan is already full of actions above it, asking is wasted
	 * work, which at 100,000 people is most of the plan's time.
	 */
	drop_marked(&b);
	if (rc == KITH_OK && !plan_full(&b, 78.0, 1))
		rc = kith_milestone_plan(&b);
	if (rc == KITH_OK) {
		double ceiling = kith_goal_ceiling(k);
		if (ceiling > 0.0 && !plan_full(&b, ceiling, ceiling >= 80.0))
			rc = kith_goal_plan(&b);
	}
	if (rc == KITH_OK && !plan_full_above(&b, 42.0))
		rc = add_rekindle(&b);
	if (rc == KITH_OK && !plan_full_above(&b, 70.0))
		rc = kith_org_plan(&b);
	if (rc == KITH_OK && !plan_full_above(&b, 62.0))
		rc = kith_intro_plan(&b);
	if (rc == KITH_OK && !plan_full_above(&b, 60.0))
		rc = kith_resource_plan(&b);
	if (rc == KITH_OK && !plan_full_above(&b, 44.0))
		rc = kith_post_plan(&b);
	if (rc != KITH_OK)
		goto fail;

	drop_marked(&b);
	if (b.n)
		qsort(b.v, b.n, sizeof(*b.v), cmp_action);
	reserve_timely(&b, limit);
	/* what falls off the end of the plan waits for the coming days */
	while (b.n > limit) {
		if (counts_as_due(&b.v[b.n - 1]))
			more++;
		action_release(&b.v[--b.n]);
	}
	out->date = k->today;
	out->v = b.v;
	out->n = b.n;
	out->more_due = more;
	free(b.seen);
	sqlite3_finalize(b.mark_st);
	return KITH_OK;
fail:
	for (size_t i = 0; i < b.n; i++)
		action_release(&b.v[i]);
	free(b.v);
	free(b.seen);
	sqlite3_finalize(b.mark_st);
	return rc;
}
