/*
 * Hard-networking goals, warm paths through the network, the gentle warning
 * before an ask, the goal steps of the daily plan, and the balance of
 * giving and asking.
 *
 * Warm paths (see kith/goal.h for the contract). The search goes backwards
 * from the target: its neighbours in the knows graph (level 1), then theirs
 * (level 2), and a person on either level the user knows well is the start
 * of a path. Neighbours are the knows table (both directions), the people
 * of shared interactions (interaction_person joined with itself on the
 * interaction), and colleagues (the same person.org, case-insensitively,
 * through the person_org index). Colleagues are the expensive part: a large
 * company can employ a tenth of a network, so
 *   - an organization's people are read once per walk (one search, or all
 *     those of a goal), listed at most once per search (they are each
 *     other's neighbours: listing them again finds nobody new), and those
 *     without a touch in two years are known to have no tie without a look
 *     at their interactions;
 *   - level 2 is searched only when level 1 gives fewer paths than asked
 *     for, expands at most WALK_EXPAND people of level 1 and reads at most
 *     WALK_ROWS neighbour rows in all, so a search stays within tens of
 *     milliseconds whatever the network; it is exact on networks where the
 *     bounds are not reached, the best effort beyond.
 * Tie strengths are computed once per person per walk, from the
 * interaction_person key (person_id, date, interaction_id): a range read of
 * the last two years, never the interaction table. Every public call runs
 * in one read transaction (a savepoint), not one per statement.
 *
 * The daily plan uses a quicker, approximate search (struct walk, `quick`).
 *
 * The neighbour queries are local to this file until the knows graph has
 * one shared function (kith_knows_each in kith/intro.h).
 */
#include "internal.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kith/balance.h"
#include "kith/goal.h"
#include "kith/interaction.h"
#include "kith/intro.h"
#include "kith/person.h"
#include "kith/strbuf.h"
#include "plan_internal.h"
#include "util/fold.h"
#include "util/xalloc.h"
#include "banned.h"

#define MAX_TEXT 500
#define MAX_ORG 200
#define MAX_TARGETS 1000

#define TIE_DAYS 730         /* touches older than two years do not count */
#define TIE_DECAY 180.0      /* e-folding time of a touch, in days */
#define WALK_EXPAND 400      /* level-1 people whose own neighbours are read */
#define WALK_ROWS 200000     /* neighbour rows read in one search, at most */
#define PATHS_MAX 50

/* the plan's quick search (see walk_recent) */
#define QUICK_RECENT 300     /* the most recently touched people it looks among */
#define QUICK_TIES 16        /* tie strengths computed per search */
#define QUICK_EXPAND 6
#define QUICK_ROWS 3000
#define QUICK_SHARED 100     /* a person's latest interactions whose people it reads */
#define QUICK_TIE_ROWS 200   /* a tie strength from the latest touches only */

#define FOLLOW_UP_DAYS 7     /* a contacted target is followed up after a week */
#define STEPS_PER_GOAL 2     /* plan actions for one goal, at most */

static const char *const state_names[KITH_N_TARGET_STATES] = {
	"identified", "contacted", "replied", "met", "referred", "no",
};

const char *kith_target_state_name(enum kith_target_state s)
{
	return (int)s >= 0 && s < KITH_N_TARGET_STATES ? state_names[s] : NULL;
}

int kith_target_state_parse(const char *s)
{
	for (int i = 0; s && i < KITH_N_TARGET_STATES; i++)
		if (!strcmp(s, state_names[i]))
			return i;
	return -1;
}

/* ---- goals ---- */

void kith_goal_release(struct kith_goal *g)
{
	if (!g)
		return;
	free(g->text);
	free(g->org);
	for (size_t i = 0; i < g->n_targets; i++)
		free(g->targets[i].name);
	free(g->targets);
	memset(g, 0, sizeof(*g));
}

/* Trimmed copy of s into a new string; NULL when empty after trimming. */
static char *trimmed(const char *s)
{
	size_t n;
	if (!s)
		return NULL;
	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n ? xstrndup(s, n) : NULL;
}

static int has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

static enum kith_rc goal_exists(struct kith *k, int64_t id)
{
	return kith_exists(k, "SELECT 1 FROM goal WHERE id = ?1", id, "goal", " (see kith goal ls --all)");
}

/* Insert targets (ignoring those already there); counts the new ones. */
static enum kith_rc insert_targets(struct kith *k, int64_t goal, const int64_t *people, size_t n, size_t *added)
{
	sqlite3_stmt *st = kith_prepare(k, "INSERT OR IGNORE INTO goal_target(goal_id, person_id, state, updated)"
					   " VALUES (?1, ?2, 'identified', ?3)");
	enum kith_rc rc = KITH_OK;
	size_t count = 0;

	if (!st)
		return KITH_ERR;
	for (size_t i = 0; i < n; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, goal);
		sqlite3_bind_int64(st, 2, people[i]);
		kith_bind_day(st, 3, k->today);
		if (sqlite3_step(st) != SQLITE_DONE) {
			rc = sqlite3_errcode(k->db) == SQLITE_CONSTRAINT
				? kith_fail(k, KITH_ENOTFOUND, "no person #%lld", (long long)people[i])
				: kith_fail_db(k, "cannot add a target");
			break;
		}
		count += (size_t)sqlite3_changes(k->db);
	}
	sqlite3_finalize(st);
	if (added)
		*added = count;
	return rc;
}

enum kith_rc kith_goal_add(struct kith *k, const char *text, kith_day by, const char *org,
			   const int64_t *targets, size_t n, int64_t *id)
{
	char *t = trimmed(text), *o = trimmed(org);
	sqlite3_stmt *st = NULL;
	enum kith_rc rc = KITH_OK;
	int64_t gid = 0;

	if (!t) {
		rc = kith_fail(k, KITH_EINPUT, "a goal needs a text, e.g. 'referral for the PM role at Acme'");
		goto out;
	}
	if (strlen(t) > MAX_TEXT || has_control(t)) {
		rc = kith_fail(k, KITH_EINPUT, "the goal text must be one line of at most %d bytes", MAX_TEXT);
		goto out;
	}
	if (o && (strlen(o) > MAX_ORG || has_control(o))) {
		rc = kith_fail(k, KITH_EINPUT, "the organization must be one line of at most %d bytes", MAX_ORG);
		goto out;
	}
	if (by == KITH_NO_DAY) {
		rc = kith_fail(k, KITH_EINPUT, "a goal needs a deadline (--by DATE)");
		goto out;
	}
	if (by < k->today) {
		char buf[KITH_DATE_BUFSZ];
		rc = kith_fail(k, KITH_EINPUT, "the deadline %s has passed (today or a later day)",
			       kith_day_format(by, buf));
		goto out;
	}
	if (n > MAX_TARGETS) {
		rc = kith_fail(k, KITH_EINPUT, "too many targets (%d at most)", MAX_TARGETS);
		goto out;
	}
	rc = kith_sp_begin(k);
	if (rc != KITH_OK)
		goto out;
	st = kith_prepare(k, "INSERT INTO goal(text, by, org, created) VALUES (?1, ?2, ?3, ?4)");
	if (!st) {
		rc = KITH_ERR;
		goto done;
	}
	sqlite3_bind_text(st, 1, t, -1, SQLITE_STATIC);
	kith_bind_day(st, 2, by);
	kith_bind_text(st, 3, o, 1);
	kith_bind_day(st, 4, k->today);
	if (sqlite3_step(st) != SQLITE_DONE) {
		rc = kith_fail_db(k, "cannot add the goal");
		goto done;
	}
	gid = sqlite3_last_insert_rowid(k->db);
	rc = insert_targets(k, gid, targets, n, NULL);
done:
	sqlite3_finalize(st);
	rc = kith_sp_end(k, rc);
	if (rc == KITH_OK && id)
		*id = gid;
out:
	free(t);
	free(o);
	return rc;
}

/* Fill g from a row of (id, text, by, org, created, done_on) and read its targets. */
static enum kith_rc load_goal(struct kith *k, sqlite3_stmt *row, sqlite3_stmt *tg, struct kith_goal *g)
{
	size_t alloc = 0;
	int r;

	memset(g, 0, sizeof(*g));
	g->id = sqlite3_column_int64(row, 0);
	g->text = kith_column_strdup(row, 1);
	g->by = kith_column_day(row, 2);
	g->org = kith_column_strdup(row, 3);
	g->created = kith_column_day(row, 4);
	g->done_on = kith_column_day(row, 5);
	sqlite3_reset(tg);
	sqlite3_bind_int64(tg, 1, g->id);
	while ((r = sqlite3_step(tg)) == SQLITE_ROW) {
		struct kith_goal_target *t;
		int s = kith_target_state_parse((const char *)sqlite3_column_text(tg, 2));
		if (g->n_targets == alloc) {
			alloc = alloc ? alloc * 2 : 4;
			g->targets = xrealloc(g->targets, alloc * sizeof(*g->targets));
		}
		t = &g->targets[g->n_targets++];
		t->id = sqlite3_column_int64(tg, 0);
		t->name = kith_column_strdup(tg, 1);
		t->state = s < 0 ? KITH_TARGET_IDENTIFIED : (enum kith_target_state)s;
		t->updated = kith_column_day(tg, 3);
	}
	sqlite3_reset(tg);
	if (r != SQLITE_DONE) {
		kith_goal_release(g);
		return kith_fail_db(k, "cannot read the targets");
	}
	return KITH_OK;
}

#define GOAL_COLS "SELECT id, text, by, org, created, done_on FROM goal"
#define TARGETS_SQL \
	"SELECT t.person_id, p.name, t.state, t.updated FROM goal_target t JOIN person p ON p.id = t.person_id" \
	" WHERE t.goal_id = ?1 ORDER BY CASE t.state WHEN 'referred' THEN 0 WHEN 'met' THEN 1" \
	" WHEN 'replied' THEN 2 WHEN 'contacted' THEN 3 WHEN 'identified' THEN 4 ELSE 5 END, p.name_key, p.id"

enum kith_rc kith_goal_get(struct kith *k, int64_t id, struct kith_goal *g)
{
	sqlite3_stmt *st = kith_prepare(k, GOAL_COLS " WHERE id = ?1");
	sqlite3_stmt *tg = kith_prepare(k, TARGETS_SQL);
	enum kith_rc rc;
	int r;

	memset(g, 0, sizeof(*g));
	if (!st || !tg) {
		rc = KITH_ERR;
		goto cleanup;
	}
	sqlite3_bind_int64(st, 1, id);
	r = sqlite3_step(st);
	if (r == SQLITE_ROW)
		rc = load_goal(k, st, tg, g);
	else if (r == SQLITE_DONE)
		rc = kith_fail(k, KITH_ENOTFOUND, "no goal #%lld (see kith goal ls --all)", (long long)id);
	else
		rc = kith_fail_db(k, "cannot read the goal");
cleanup:
	sqlite3_finalize(st);
	sqlite3_finalize(tg);
	return rc;
}

enum kith_rc kith_goal_list(struct kith *k, int all, struct kith_goal **out, size_t *n_out)
{
	sqlite3_stmt *st = kith_prepare(k, all ? GOAL_COLS " ORDER BY done_on IS NOT NULL, CASE WHEN done_on IS NULL"
						 " THEN by END, done_on DESC, id"
					       : GOAL_COLS " WHERE done_on IS NULL ORDER BY by, id");
	sqlite3_stmt *tg = kith_prepare(k, TARGETS_SQL);
	struct kith_goal *v = NULL;
	size_t n = 0, alloc = 0;
	enum kith_rc rc = KITH_OK;
	int r = SQLITE_DONE;

	*out = NULL;
	*n_out = 0;
	if (!st || !tg) {
		rc = KITH_ERR;
		goto cleanup;
	}
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == alloc) {
			alloc = alloc ? alloc * 2 : 8;
			v = xrealloc(v, alloc * sizeof(*v));
		}
		rc = load_goal(k, st, tg, &v[n]);
		if (rc != KITH_OK)
			break;
		n++;
	}
	if (rc == KITH_OK && r != SQLITE_DONE)
		rc = kith_fail_db(k, "cannot read goals");
	if (rc != KITH_OK) {
		for (size_t i = 0; i < n; i++)
			kith_goal_release(&v[i]);
		free(v);
		goto cleanup;
	}
	*out = v;
	*n_out = n;
cleanup:
	sqlite3_finalize(st);
	sqlite3_finalize(tg);
	return rc;
}

enum kith_rc kith_goal_target(struct kith *k, int64_t id, const int64_t *people, size_t n, size_t *added)
{
	enum kith_rc rc;

	if (added)
		*added = 0;
	if (n == 0)
		return kith_fail(k, KITH_EINPUT, "no person to add as a target");
	if (n > MAX_TARGETS)
		return kith_fail(k, KITH_EINPUT, "too many targets (%d at most)", MAX_TARGETS);
	rc = goal_exists(k, id);
	if (rc != KITH_OK)
		return rc;
	rc = kith_sp_begin(k);
	if (rc != KITH_OK)
		return rc;
	rc = insert_targets(k, id, people, n, added);
	return kith_sp_end(k, rc);
}

enum kith_rc kith_goal_set(struct kith *k, int64_t id, int64_t person, enum kith_target_state state,
			   enum kith_target_state *old)
{
	sqlite3_stmt *st = NULL;
	enum kith_rc rc;
	int prev = -1, r;

	if ((int)state < 0 || state >= KITH_N_TARGET_STATES)
		return kith_fail(k, KITH_EINPUT, "unknown target state");
	rc = goal_exists(k, id);
	if (rc != KITH_OK)
		return rc;
	st = kith_prepare(k, "SELECT state FROM goal_target WHERE goal_id = ?1 AND person_id = ?2");
	if (!st)
		return KITH_ERR;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, person);
	r = sqlite3_step(st);
	if (r == SQLITE_ROW)
		prev = kith_target_state_parse((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	st = NULL;
	if (r == SQLITE_DONE) {
		char name[256];
		kith_person_name(k, person, name, sizeof(name));
		return kith_fail(k, KITH_ENOTFOUND, "'%s' is not a target of goal #%lld (add them: kith goal target %lld '%s')",
				 name, (long long)id, (long long)id, name);
	}
	if (r != SQLITE_ROW)
		return kith_fail_db(k, "cannot read the target");
	if (old)
		*old = prev < 0 ? KITH_TARGET_IDENTIFIED : (enum kith_target_state)prev;
	rc = kith_sp_begin(k);
	if (rc != KITH_OK)
		return rc;
	st = kith_prepare(k, "UPDATE goal_target SET state = ?3, updated = ?4 WHERE goal_id = ?1 AND person_id = ?2");
	if (!st) {
		rc = KITH_ERR;
	} else {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, person);
		sqlite3_bind_text(st, 3, state_names[state], -1, SQLITE_STATIC);
		kith_bind_day(st, 4, k->today);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = kith_fail_db(k, "cannot set the target's state");
	}
	sqlite3_finalize(st);
	return kith_sp_end(k, rc);
}

enum kith_rc kith_goal_done(struct kith *k, int64_t id, kith_day *was)
{
	sqlite3_stmt *st = kith_prepare(k, "SELECT done_on FROM goal WHERE id = ?1");
	kith_day before;
	enum kith_rc rc;
	int r;

	if (!st)
		return KITH_ERR;
	sqlite3_bind_int64(st, 1, id);
	r = sqlite3_step(st);
	before = r == SQLITE_ROW ? kith_column_day(st, 0) : KITH_NO_DAY;
	sqlite3_finalize(st);
	if (r == SQLITE_DONE)
		return kith_fail(k, KITH_ENOTFOUND, "no goal #%lld (see kith goal ls --all)", (long long)id);
	if (r != SQLITE_ROW)
		return kith_fail_db(k, "cannot read the goal");
	if (was)
		*was = before;
	if (before != KITH_NO_DAY)
		return KITH_OK;
	rc = kith_sp_begin(k);
	if (rc != KITH_OK)
		return rc;
	st = kith_prepare(k, "UPDATE goal SET done_on = ?2 WHERE id = ?1");
	if (!st) {
		rc = KITH_ERR;
	} else {
		sqlite3_bind_int64(st, 1, id);
		kith_bind_day(st, 2, k->today);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = kith_fail_db(k, "cannot mark the goal done");
	}
	sqlite3_finalize(st);
	return kith_sp_end(k, rc);
}

enum kith_rc kith_goal_rm(struct kith *k, int64_t id)
{
	enum kith_rc rc = goal_exists(k, id);

	if (rc != KITH_OK)
		return rc;
	/* the targets go with it (ON DELETE CASCADE); one statement is atomic */
	return kith_exec_id(k, "DELETE FROM goal WHERE id = ?1", id, "cannot remove the goal", NULL);
}

/* ---- a map from person ids (never 0) to small integers ---- */

struct idmap {
	int64_t *keys;  /* 0: empty slot */
	int32_t *vals;
	size_t cap, n;
};

static void idmap_release(struct idmap *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

static size_t idmap_hash(int64_t key, size_t cap)
{
	uint64_t h = (uint64_t)key * 0x9E3779B97F4A7C15ULL;
	return (size_t)(h >> 17) & (cap - 1);
}

/* The value slot of key; NULL when absent and !create (a new slot holds -1). */
static int32_t *idmap_at(struct idmap *m, int64_t key, int create)
{
	size_t i;

	if (!m->cap) {
		if (!create)
			return NULL;
		m->cap = 64;
		m->keys = xcalloc(m->cap, sizeof(*m->keys));
		m->vals = xcalloc(m->cap, sizeof(*m->vals));
	}
	for (i = idmap_hash(key, m->cap); m->keys[i]; i = (i + 1) & (m->cap - 1))
		if (m->keys[i] == key)
			return &m->vals[i];
	if (!create)
		return NULL;
	if ((m->n + 1) * 2 > m->cap) {
		struct idmap big = { xcalloc(m->cap * 2, sizeof(int64_t)), xcalloc(m->cap * 2, sizeof(int32_t)),
				     m->cap * 2, 0 };
		for (size_t j = 0; j < m->cap; j++)
			if (m->keys[j])
				*idmap_at(&big, m->keys[j], 1) = m->vals[j];
		idmap_release(m);
		*m = big;
		return idmap_at(m, key, 1);
	}
	m->keys[i] = key;
	m->vals[i] = -1;
	m->n++;
	return &m->vals[i];
}

/* ---- the knows graph and tie strengths ---- */

struct nb {
	int64_t id;
	int stale;       /* known to have no touch in two years: no tie */
	const char *how; /* how they are linked: "stated", "intro", ... (static) */
};

struct nbvec {
	struct nb *v;
	size_t n, alloc;
};

static void nbvec_push(struct nbvec *v, int64_t id, int stale, const char *how)
{
	if (v->n == v->alloc) {
		v->alloc = v->alloc ? v->alloc * 2 : 32;
		v->v = xrealloc(v->v, v->alloc * sizeof(*v->v));
	}
	v->v[v->n].id = id;
	v->v[v->n].stale = stale;
	v->v[v->n].how = how;
	v->n++;
}

/* Someone recently in touch, for the quick search. */
struct recent {
	int64_t id;
	char *org;               /* NULL when none */
	char *folded;            /* org folded, computed when first needed */
	int stale;
};

/* the dates of a person's touches, from the interaction_person key alone */
#define TIE_SQL "SELECT date FROM interaction_person WHERE person_id = ?1 AND date >= ?2 AND date <= ?3"

/* The statements of a walk. */
enum {
	WALK_TIE,          /* the dates of id's touches in the last two years */
	WALK_TIE_QUICK,    /* the same, the latest ?4 only */
	WALK_TOUCHES,      /* how many touches in a range */
	WALK_KNOWS,
	WALK_INTROS,
	WALK_SHARED,       /* the people of id's interactions, the latest ?2 of them (-1: all) */
	WALK_MEMBERS,
	WALK_COLLEAGUES,   /* in id order, straight from the person_org index (no sort) */
	WALK_ORG_OF,
	N_WALK_ST
};

static const char *const walk_sql[N_WALK_ST] = {
	[WALK_TIE] = TIE_SQL,
	[WALK_TIE_QUICK] = (TIE_SQL " ORDER BY date DESC LIMIT ?4"),
	[WALK_TOUCHES] = "SELECT count(*) FROM interaction_person WHERE person_id = ?1 AND date >= ?2 AND date <= ?3",
	[WALK_KNOWS] = "SELECT b, source FROM knows WHERE a = ?1 UNION ALL SELECT a, source FROM knows WHERE b = ?1",
	[WALK_INTROS] = ("SELECT b FROM intro WHERE a = ?1 AND state = 'made'"
			 " UNION ALL SELECT a FROM intro WHERE b = ?1 AND state = 'made'"),
	[WALK_SHARED] = ("SELECT o.person_id FROM (SELECT interaction_id FROM interaction_person"
			 "  WHERE person_id = ?1 ORDER BY date DESC LIMIT ?2) s"
			 " JOIN interaction_person o ON o.interaction_id = s.interaction_id WHERE o.person_id != ?1"),
	[WALK_MEMBERS] = ("SELECT n.person_id FROM org_member m JOIN org_member n ON n.org_id = m.org_id"
			  " WHERE m.person_id = ?1 AND n.person_id != ?1"),
	[WALK_COLLEAGUES] = ("SELECT id, last_touch IS NULL OR last_touch < ?2 FROM person"
			     " WHERE org = ?1 COLLATE NOCASE ORDER BY id"),
	[WALK_ORG_OF] = "SELECT org FROM person WHERE id = ?1",
};

/* The people of an organization, read once per walk. */
struct org_people {
	char *org;
	struct nbvec people;
};

struct walk {
	struct kith *k;
	sqlite3_stmt *st[N_WALK_ST]; /* prepared when first needed (walk_st) */
	sqlite3_stmt *given;
	/* kept across the searches of a walk */
	struct idmap ties;       /* person -> index in tiev */
	struct kith_tie *tiev;
	size_t n_tiev, alloc_tiev;
	struct org_people *orgs;
	size_t n_orgs;
	/* per search */
	struct kith_strlist orgs_listed; /* organizations whose people were listed */
	size_t rows;             /* neighbour rows read */
	size_t ties_left;        /* tie strengths it may still compute */
	/*
	 * The quick search, for the daily plan: colleagues are looked for only
	 * among the QUICK_RECENT people most recently in touch (read once,
	 * from the person_last index), each search computes at most QUICK_TIES
	 * tie strengths (from the latest QUICK_TIE_ROWS touches: more only make
	 * a strong tie stronger) and expands QUICK_EXPAND people, whose
	 * latest QUICK_SHARED interactions only are read. Its paths are good
	 * ones, not always the best; kith goal show gives the best.
	 */
	int quick;
	struct recent *recent;
	size_t n_recent;
	int recent_loaded;
};

static void walk_release(struct walk *w)
{
	for (int i = 0; i < N_WALK_ST; i++)
		sqlite3_finalize(w->st[i]);
	sqlite3_finalize(w->given);
	idmap_release(&w->ties);
	free(w->tiev);
	kith_strlist_release(&w->orgs_listed);
	for (size_t i = 0; i < w->n_recent; i++) {
		free(w->recent[i].org);
		free(w->recent[i].folded);
	}
	free(w->recent);
	for (size_t i = 0; i < w->n_orgs; i++) {
		free(w->orgs[i].org);
		free(w->orgs[i].people.v);
	}
	free(w->orgs);
	memset(w, 0, sizeof(*w));
}

/* Start a new search: the bounds and the organizations listed are per search. */
static void walk_begin(struct walk *w)
{
	kith_strlist_release(&w->orgs_listed);
	w->rows = 0;
	w->ties_left = w->quick ? QUICK_TIES : (size_t)-1;
}

/* Load the people most recently in touch (once per walk). */
static enum kith_rc walk_recent(struct walk *w)
{
	sqlite3_stmt *st;
	size_t alloc = 0;
	int r;

	if (w->recent_loaded)
		return KITH_OK;
	w->recent_loaded = 1;
	st = kith_prepare(w->k, "SELECT id, org, last_touch < ?1 FROM person INDEXED BY person_last"
				" WHERE last_touch IS NOT NULL ORDER BY last_touch DESC, id DESC LIMIT ?2");
	if (!st)
		return KITH_ERR;
	kith_bind_day(st, 1, w->k->today - TIE_DAYS);
	sqlite3_bind_int(st, 2, QUICK_RECENT);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		struct recent *p;
		if (w->n_recent == alloc) {
			alloc = alloc ? alloc * 2 : 256;
			w->recent = xrealloc(w->recent, alloc * sizeof(*w->recent));
		}
		p = &w->recent[w->n_recent++];
		p->id = sqlite3_column_int64(st, 0);
		p->org = kith_column_strdup(st, 1);
		p->folded = NULL;
		p->stale = sqlite3_column_int(st, 2);
	}
	sqlite3_finalize(st);
	if (r != SQLITE_DONE)
		return kith_fail_db(w->k, "cannot read people");
	return KITH_OK;
}

static void walk_init(struct walk *w, struct kith *k)
{
	memset(w, 0, sizeof(*w));
	w->k = k;
}

/* Statement i of the walk, prepared on first use; NULL on failure (error set). */
static sqlite3_stmt *walk_st(struct walk *w, int i)
{
	if (!w->st[i])
		w->st[i] = kith_prepare(w->k, walk_sql[i]);
	return w->st[i];
}

/*
 * The tie to id from the rows of st (TIE_SQL: the dates of id's touches in
 * the last two years; ?4, when st has it, is the most to read, bound by the
 * caller). *rows (may be NULL) is the number of rows read.
 */
static enum kith_rc compute_tie(struct kith *k, sqlite3_stmt *st, int64_t id, struct kith_tie *t, size_t *rows)
{
	size_t n = 0;
	int r;

	memset(t, 0, sizeof(*t));
	t->last = KITH_NO_DAY;
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, id);
	kith_bind_day(st, 2, k->today - TIE_DAYS);
	kith_bind_day(st, 3, k->today);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		kith_day d = kith_column_day(st, 0);
		long age;
		n++;
		if (d == KITH_NO_DAY)
			continue;
		age = k->today - d;
		t->strength += exp(-(double)age / TIE_DECAY);
		if (age < 365)
			t->touches++;
		if (t->last == KITH_NO_DAY || d > t->last)
			t->last = d;
	}
	sqlite3_reset(st);
	if (rows)
		*rows = n;
	if (r != SQLITE_DONE)
		return kith_fail_db(k, "cannot read interactions");
	return KITH_OK;
}

/* The quick search's tie: the strength of the latest touches, their exact count. */
static enum kith_rc quick_tie(struct walk *w, int64_t id, struct kith_tie *t)
{
	sqlite3_stmt *st = walk_st(w, WALK_TIE_QUICK), *count;
	size_t rows = 0;
	enum kith_rc rc;
	int r;

	if (!st)
		return KITH_ERR;
	sqlite3_bind_int(st, 4, QUICK_TIE_ROWS);
	rc = compute_tie(w->k, st, id, t, &rows);
	if (rc != KITH_OK || rows < QUICK_TIE_ROWS)
		return rc;
	if (!(count = walk_st(w, WALK_TOUCHES)))
		return KITH_ERR;
	sqlite3_reset(count);
	sqlite3_bind_int64(count, 1, id);
	kith_bind_day(count, 2, w->k->today - 364);
	kith_bind_day(count, 3, w->k->today);
	r = sqlite3_step(count);
	if (r == SQLITE_ROW)
		t->touches = sqlite3_column_int(count, 0);
	sqlite3_reset(count);
	if (r != SQLITE_ROW)
		return kith_fail_db(w->k, "cannot read interactions");
	return KITH_OK;
}

/* The user's tie to id, computed once per walk; stale people have none. */
static enum kith_rc walk_tie(struct walk *w, int64_t id, int stale, struct kith_tie *out)
{
	int32_t *slot = idmap_at(&w->ties, id, 1);
	enum kith_rc rc;

	if (*slot >= 0) {
		*out = w->tiev[*slot];
		return KITH_OK;
	}
	memset(out, 0, sizeof(*out));
	out->last = KITH_NO_DAY;
	if (!stale) {
		if (!w->ties_left)
			return KITH_OK; /* over the quick search's bound: not known, not kept */
		w->ties_left--;
		if (w->quick)
			rc = quick_tie(w, id, out);
		else
			rc = walk_st(w, WALK_TIE) ? compute_tie(w->k, w->st[WALK_TIE], id, out, NULL) : KITH_ERR;
		if (rc != KITH_OK)
			return rc;
	}
	if (w->n_tiev == w->alloc_tiev) {
		w->alloc_tiev = w->alloc_tiev ? w->alloc_tiev * 2 : 64;
		w->tiev = xrealloc(w->tiev, w->alloc_tiev * sizeof(*w->tiev));
	}
	*slot = (int32_t)w->n_tiev;
	w->tiev[w->n_tiev++] = *out;
	return KITH_OK;
}

/* A person's organization into buf ("" when none). */
static enum kith_rc walk_org_of(struct walk *w, int64_t id, char *buf, size_t len)
{
	sqlite3_stmt *st = walk_st(w, WALK_ORG_OF);
	int r;
	buf[0] = '\0';
	if (!st)
		return KITH_ERR;
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, id);
	r = sqlite3_step(st);
	if (r == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(buf, len, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		return kith_fail_db(w->k, "cannot read a person");
	return KITH_OK;
}

static int org_listed(const struct walk *w, const char *org)
{
	for (size_t i = 0; i < w->orgs_listed.n; i++)
		if (!strcasecmp(w->orgs_listed.v[i], org))
			return 1;
	return 0;
}

/* Append the people of organization org (by NOCASE equality) to out, once per walk. */
static enum kith_rc walk_colleagues(struct walk *w, const char *org, struct nbvec *out)
{
	struct nbvec *cached = NULL;
	int r;

	if (!*org || org_listed(w, org))
		return KITH_OK;
	kith_strlist_push(&w->orgs_listed, org);
	if (w->quick) {
		enum kith_rc rc = walk_recent(w);
		for (size_t i = 0; rc == KITH_OK && i < w->n_recent; i++)
			if (w->recent[i].org && !strcasecmp(w->recent[i].org, org))
				nbvec_push(out, w->recent[i].id, w->recent[i].stale, "org");
		return rc;
	}
	for (size_t i = 0; i < w->n_orgs; i++) {
		if (strcasecmp(w->orgs[i].org, org))
			continue;
		cached = &w->orgs[i].people;
		break;
	}
	if (!cached) {
		sqlite3_stmt *st = walk_st(w, WALK_COLLEAGUES);
		struct org_people *op;
		if (!st)
			return KITH_ERR;
		w->orgs = xrealloc(w->orgs, (w->n_orgs + 1) * sizeof(*w->orgs));
		op = &w->orgs[w->n_orgs++];
		op->org = xstrdup(org);
		memset(&op->people, 0, sizeof(op->people));
		cached = &op->people;
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, org, -1, SQLITE_TRANSIENT);
		kith_bind_day(st, 2, w->k->today - TIE_DAYS);
		while ((r = sqlite3_step(st)) == SQLITE_ROW)
			nbvec_push(cached, sqlite3_column_int64(st, 0), sqlite3_column_int(st, 1), "org");
		sqlite3_reset(st);
		if (r != SQLITE_DONE)
			return kith_fail_db(w->k, "cannot read colleagues");
	}
	for (size_t i = 0; i < cached->n; i++)
		nbvec_push(out, cached->v[i].id, cached->v[i].stale, "org");
	w->rows += cached->n;
	return KITH_OK;
}

/* A knows row's source as a static string (the CHECK of the table lists them). */
static const char *source_how(const char *source)
{
	static const char *const sources[] = { "stated", "intro", "interaction", "org", "import" };
	for (size_t i = 0; source && i < sizeof(sources) / sizeof(sources[0]); i++)
		if (!strcmp(source, sources[i]))
			return sources[i];
	return "stated";
}

/* The ids of st's rows, linked by how (NULL: the row's second column is the source). */
static enum kith_rc read_ids(struct walk *w, sqlite3_stmt *st, int64_t id, const char *how, struct nbvec *out)
{
	int r;
	if (!st)
		return KITH_ERR;
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, id);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		nbvec_push(out, sqlite3_column_int64(st, 0), 0,
			   how ? how : source_how((const char *)sqlite3_column_text(st, 1)));
		w->rows++;
	}
	sqlite3_reset(st);
	if (r != SQLITE_DONE)
		return kith_fail_db(w->k, "cannot read who knows whom");
	return KITH_OK;
}

/*
 * The neighbours of id in the knows graph, appended to out (with repeats;
 * id itself may appear), strongest link first, as kith_knows_each (in
 * kith/intro.h) defines them: the knows table, introductions made, people
 * in an interaction with them, members of the same communities (org_member),
 * then their colleagues (person.org), unless with_org is 0 or their
 * organization was listed already in this search.
 */
static enum kith_rc walk_neighbours(struct walk *w, int64_t id, int with_org, struct nbvec *out)
{
	enum kith_rc rc = read_ids(w, walk_st(w, WALK_KNOWS), id, NULL, out);
	if (rc == KITH_OK)
		rc = read_ids(w, walk_st(w, WALK_INTROS), id, "intro", out);
	if (rc == KITH_OK && walk_st(w, WALK_SHARED)) {
		sqlite3_bind_int(w->st[WALK_SHARED], 2, w->quick ? QUICK_SHARED : -1);
		rc = read_ids(w, w->st[WALK_SHARED], id, "interaction", out);
	} else if (rc == KITH_OK) {
		rc = KITH_ERR;
	}
	if (rc == KITH_OK)
		rc = read_ids(w, walk_st(w, WALK_MEMBERS), id, "org", out);
	if (rc == KITH_OK && with_org) {
		char org[512];
		rc = walk_org_of(w, id, org, sizeof(org));
		if (rc == KITH_OK)
			rc = walk_colleagues(w, org, out);
	}
	return rc;
}

enum kith_rc kith_tie_strength(struct kith *k, int64_t id, struct kith_tie *out)
{
	sqlite3_stmt *st = kith_prepare(k, TIE_SQL);
	enum kith_rc rc;
	if (!st) {
		memset(out, 0, sizeof(*out));
		out->last = KITH_NO_DAY;
		return KITH_ERR;
	}
	rc = compute_tie(k, st, id, out, NULL);
	sqlite3_finalize(st);
	return rc;
}

/* ---- warm paths ---- */

void kith_warm_paths_release(struct kith_warm_paths *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n; i++) {
		free(p->v[i].names[0]);
		free(p->v[i].names[1]);
	}
	free(p->v);
	memset(p, 0, sizeof(*p));
}

struct pathvec {
	struct kith_warm_path *v;
	size_t n, alloc;
};

static void path_push(struct pathvec *pv, size_t n_via, int64_t a, int64_t b, const char *how,
		      const struct kith_tie *tie)
{
	struct kith_warm_path *p;
	if (pv->n == pv->alloc) {
		pv->alloc = pv->alloc ? pv->alloc * 2 : 16;
		pv->v = xrealloc(pv->v, pv->alloc * sizeof(*pv->v));
	}
	p = &pv->v[pv->n++];
	memset(p, 0, sizeof(*p));
	p->n_via = n_via;
	p->via[0] = a;
	p->via[1] = b;
	p->how = how;
	p->tie = *tie;
}

static void pathvec_release(struct pathvec *pv)
{
	struct kith_warm_paths p = { pv->v, pv->n };
	kith_warm_paths_release(&p);
	memset(pv, 0, sizeof(*pv));
}

static int cmp_path(const void *pa, const void *pb)
{
	const struct kith_warm_path *a = pa, *b = pb;
	if (a->n_via != b->n_via)
		return a->n_via < b->n_via ? -1 : 1;
	if (a->tie.strength != b->tie.strength)
		return a->tie.strength > b->tie.strength ? -1 : 1;
	return a->via[0] < b->via[0] ? -1 : a->via[0] > b->via[0];
}

/* Sort, keep the best `limit`, name the people, and hand over to out. */
static void finish_paths(struct kith *k, struct pathvec *pv, size_t limit, struct kith_warm_paths *out)
{
	char name[256];
	if (pv->n)
		qsort(pv->v, pv->n, sizeof(*pv->v), cmp_path);
	if (pv->n > limit)
		pv->n = limit;
	for (size_t i = 0; i < pv->n; i++)
		for (size_t j = 0; j < pv->v[i].n_via; j++)
			pv->v[i].names[j] = xstrdup(kith_person_name(k, pv->v[i].via[j], name, sizeof(name)));
	out->v = pv->v;
	out->n = pv->n;
	pv->v = NULL;
	pv->n = pv->alloc = 0;
}

/*
 * Level 2 of a search: for the people of level 1 (at most WALK_EXPAND of
 * them, within WALK_ROWS rows), people the user knows well among their
 * neighbours, not already seen, make paths [x, y]. with_org: whether the
 * colleagues of level-1 people count (not when level 1 is an organization:
 * their colleagues are level 1 already).
 */
static enum kith_rc walk_level2(struct walk *w, const struct nbvec *l1, struct idmap *seen, int with_org,
				struct pathvec *pv)
{
	struct nbvec l2 = { NULL, 0, 0 };
	enum kith_rc rc = KITH_OK;

	size_t expand = w->quick ? QUICK_EXPAND : WALK_EXPAND, rows = w->quick ? QUICK_ROWS : WALK_ROWS;

	for (size_t i = 0; i < l1->n && i < expand && w->rows < rows; i++) {
		int64_t y = l1->v[i].id;
		l2.n = 0;
		rc = walk_neighbours(w, y, with_org, &l2);
		if (rc != KITH_OK)
			break;
		for (size_t j = 0; j < l2.n; j++) {
			int32_t *s = idmap_at(seen, l2.v[j].id, 1);
			struct kith_tie tie;
			if (*s >= 0)
				continue;
			*s = 2;
			rc = walk_tie(w, l2.v[j].id, l2.v[j].stale, &tie);
			if (rc != KITH_OK)
				goto out;
			if (tie.strength >= KITH_WARM_MIN)
				path_push(pv, 2, l2.v[j].id, y, l2.v[j].how, &tie);
		}
	}
out:
	free(l2.v);
	return rc;
}

/* Count the paths with n_via == want. */
static size_t count_via(const struct pathvec *pv, size_t want)
{
	size_t n = 0;
	for (size_t i = 0; i < pv->n; i++)
		n += pv->v[i].n_via == want;
	return n;
}

static enum kith_rc paths_to(struct walk *w, int64_t target, size_t limit, struct kith_warm_paths *out)
{
	struct nbvec l1 = { NULL, 0, 0 }, uniq = { NULL, 0, 0 };
	struct idmap seen = { NULL, NULL, 0, 0 };
	struct pathvec pv = { NULL, 0, 0 };
	struct kith_tie tie;
	enum kith_rc rc;

	memset(out, 0, sizeof(*out));
	walk_begin(w);
	rc = walk_tie(w, target, 0, &tie);
	if (rc != KITH_OK)
		goto cleanup;
	if (tie.strength >= KITH_WARM_MIN)
		path_push(&pv, 0, 0, 0, NULL, &tie);
	*idmap_at(&seen, target, 1) = 0;
	rc = walk_neighbours(w, target, 1, &l1);
	if (rc != KITH_OK)
		goto cleanup;
	for (size_t i = 0; i < l1.n; i++) {
		int32_t *s = idmap_at(&seen, l1.v[i].id, 1);
		if (*s >= 0)
			continue;
		*s = 1;
		nbvec_push(&uniq, l1.v[i].id, l1.v[i].stale, l1.v[i].how);
		rc = walk_tie(w, l1.v[i].id, l1.v[i].stale, &tie);
		if (rc != KITH_OK)
			goto cleanup;
		if (tie.strength >= KITH_WARM_MIN)
			path_push(&pv, 1, l1.v[i].id, 0, l1.v[i].how, &tie);
	}
	/* longer paths only rank after the shorter ones: look only when needed */
	if (count_via(&pv, 0) + count_via(&pv, 1) < limit)
		rc = walk_level2(w, &uniq, &seen, 1, &pv);
	if (rc == KITH_OK)
		finish_paths(w->k, &pv, limit, out);
cleanup:
	free(l1.v);
	free(uniq.v);
	idmap_release(&seen);
	pathvec_release(&pv);
	return rc;
}

enum kith_rc kith_warm_paths_to(struct kith *k, int64_t target, size_t limit, struct kith_warm_paths *out)
{
	struct walk w;
	enum kith_rc rc;

	memset(out, 0, sizeof(*out));
	if (limit < 1 || limit > PATHS_MAX)
		return kith_fail(k, KITH_EINPUT, "a number of paths from 1 to %d", PATHS_MAX);
	/* one read transaction for the many small reads, not one each */
	rc = kith_sp_begin(k);
	if (rc != KITH_OK)
		return rc;
	walk_init(&w, k);
	rc = paths_to(&w, target, limit, out);
	walk_release(&w);
	return kith_sp_end(k, rc);
}

/* Forward: paths into an organization (below). */
static enum kith_rc paths_org(struct walk *w, const char *org, size_t limit, struct kith_warm_paths *out);

void kith_goal_paths_release(struct kith_goal_paths *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n_targets; i++)
		kith_warm_paths_release(&p->targets[i]);
	free(p->targets);
	kith_warm_paths_release(&p->org);
	memset(p, 0, sizeof(*p));
}

static enum kith_rc goal_paths(struct walk *w, const struct kith_goal *g, size_t limit, struct kith_goal_paths *out)
{
	enum kith_rc rc = KITH_OK;

	out->targets = xcalloc(g->n_targets ? g->n_targets : 1, sizeof(*out->targets));
	out->n_targets = g->n_targets;
	for (size_t i = 0; rc == KITH_OK && i < g->n_targets; i++)
		rc = paths_to(w, g->targets[i].id, limit, &out->targets[i]);
	if (rc == KITH_OK && g->org && *g->org)
		rc = paths_org(w, g->org, limit, &out->org);
	return rc;
}

enum kith_rc kith_goal_paths(struct kith *k, const struct kith_goal *g, size_t limit, struct kith_goal_paths *out)
{
	struct walk w;
	enum kith_rc rc;

	memset(out, 0, sizeof(*out));
	if (limit < 1 || limit > PATHS_MAX)
		return kith_fail(k, KITH_EINPUT, "a number of paths from 1 to %d", PATHS_MAX);
	rc = kith_sp_begin(k);
	if (rc != KITH_OK)
		return rc;
	walk_init(&w, k);
	rc = goal_paths(&w, g, limit, out);
	walk_release(&w);
	if (rc != KITH_OK)
		kith_goal_paths_release(out);
	return kith_sp_end(k, rc);
}

/* 1 when the folded needle is in the folded hay as whole words. */
static int contains_words(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	if (!n)
		return 0;
	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++) {
		int before = p == hay || !isalnum((unsigned char)p[-1]);
		int after = !isalnum((unsigned char)p[n]);
		if (before && after)
			return 1;
	}
	return 0;
}

int kith_org_matches(const char *org_of, const char *org)
{
	char *a, *b;
	int r;
	if (!org_of || !org)
		return 0;
	a = kith_fold_dup(org_of);
	b = kith_fold_dup(org);
	r = *b && contains_words(a, b);
	free(a);
	free(b);
	return r;
}

/*
 * The organizations (as stored, one per case-insensitive spelling) that
 * match org. Reads only the person_org index, folding each distinct
 * spelling once.
 */
static enum kith_rc matching_orgs(struct kith *k, const char *org, struct kith_strlist *out)
{
	sqlite3_stmt *st = kith_prepare(k, "SELECT org FROM person INDEXED BY person_org WHERE org IS NOT NULL"
					   " ORDER BY org COLLATE NOCASE");
	struct strbuf key = STRBUF_INIT, folded = STRBUF_INIT;
	char *prev = NULL;
	enum kith_rc rc = KITH_OK;
	int r;

	if (!st)
		return KITH_ERR;
	kith_fold(org, &key);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		const char *o = (const char *)sqlite3_column_text(st, 0);
		if (!o || (prev && !strcasecmp(prev, o)))
			continue;
		free(prev);
		prev = xstrdup(o);
		strbuf_reset(&folded);
		kith_fold(o, &folded);
		if (key.len && contains_words(folded.buf, key.buf))
			kith_strlist_push(out, o);
	}
	if (r != SQLITE_DONE)
		rc = kith_fail_db(k, "cannot read organizations");
	free(prev);
	strbuf_release(&key);
	strbuf_release(&folded);
	sqlite3_finalize(st);
	return rc;
}

/* Quick search: the people recently in touch who work at org. */
static enum kith_rc recent_at_org(struct walk *w, const char *org, struct nbvec *out)
{
	char *key = kith_fold_dup(org);
	enum kith_rc rc = walk_recent(w);

	for (size_t i = 0; rc == KITH_OK && *key && i < w->n_recent; i++) {
		struct recent *p = &w->recent[i];
		if (!p->org)
			continue;
		if (!p->folded)
			p->folded = kith_fold_dup(p->org);
		if (contains_words(p->folded, key))
			nbvec_push(out, p->id, p->stale, "org");
	}
	free(key);
	return rc;
}

static enum kith_rc paths_org(struct walk *w, const char *org, size_t limit, struct kith_warm_paths *out)
{
	struct kith_strlist orgs = KITH_STRLIST_INIT;
	struct nbvec l1 = { NULL, 0, 0 };
	struct idmap seen = { NULL, NULL, 0, 0 };
	struct pathvec pv = { NULL, 0, 0 };
	enum kith_rc rc;

	memset(out, 0, sizeof(*out));
	walk_begin(w);
	if (w->quick)
		rc = recent_at_org(w, org, &l1);
	else
		rc = matching_orgs(w->k, org, &orgs);
	for (size_t i = 0; rc == KITH_OK && i < orgs.n; i++)
		rc = walk_colleagues(w, orgs.v[i], &l1);
	for (size_t i = 0; rc == KITH_OK && i < l1.n; i++) {
		struct kith_tie tie;
		*idmap_at(&seen, l1.v[i].id, 1) = 1;
		rc = walk_tie(w, l1.v[i].id, l1.v[i].stale, &tie);
		if (rc == KITH_OK && tie.strength >= KITH_WARM_MIN)
			path_push(&pv, 1, l1.v[i].id, 0, NULL, &tie);
	}
	if (rc == KITH_OK && pv.n < limit)
		rc = walk_level2(w, &l1, &seen, 0, &pv);
	if (rc == KITH_OK)
		finish_paths(w->k, &pv, limit, out);
	kith_strlist_release(&orgs);
	free(l1.v);
	idmap_release(&seen);
	pathvec_release(&pv);
	return rc;
}

enum kith_rc kith_warm_paths_org(struct kith *k, const char *org, size_t limit, struct kith_warm_paths *out)
{
	struct walk w;
	enum kith_rc rc;

	memset(out, 0, sizeof(*out));
	if (limit < 1 || limit > PATHS_MAX)
		return kith_fail(k, KITH_EINPUT, "a number of paths from 1 to %d", PATHS_MAX);
	if (!org || !*org)
		return KITH_OK;
	rc = kith_sp_begin(k);
	if (rc != KITH_OK)
		return rc;
	walk_init(&w, k);
	rc = paths_org(&w, org, limit, out);
	walk_release(&w);
	return kith_sp_end(k, rc);
}

/* ---- asking ---- */

/*
 * "kind IN (?first, ...)" over the kinds of class cls, bound from
 * kith_kinds so the list of gives lives in one place. Returns the number
 * of placeholders written.
 */
static int kinds_in(struct strbuf *sql, enum kith_kind_class cls, int first)
{
	int n = 0;
	strbuf_addstr(sql, "kind IN (");
	for (const struct kith_kind_info *ki = kith_kinds; ki->name; ki++) {
		if (ki->cls != cls)
			continue;
		strbuf_addf(sql, "%s?%d", n ? ", " : "", first + n);
		n++;
	}
	strbuf_addch(sql, ')');
	return n;
}

static void bind_kinds(sqlite3_stmt *st, enum kith_kind_class cls, int first)
{
	int n = 0;
	for (const struct kith_kind_info *ki = kith_kinds; ki->name; ki++)
		if (ki->cls == cls)
			sqlite3_bind_text(st, first + n++, ki->name, -1, SQLITE_STATIC);
}

/*
 * 1 when the user ever gave person id something, 0 when not, -1 on error.
 * *st is the statement, prepared on the first call; the caller finalizes it.
 */
static int ever_given(struct kith *k, sqlite3_stmt **st, int64_t id)
{
	int r;

	if (!*st) {
		struct strbuf sql = STRBUF_INIT;
		strbuf_addstr(&sql, "SELECT 1 FROM interaction_person ip JOIN interaction i ON i.id = ip.interaction_id"
				    " WHERE ip.person_id = ?1 AND i.");
		kinds_in(&sql, KITH_GIVE, 2);
		strbuf_addstr(&sql, " LIMIT 1");
		*st = kith_prepare(k, sql.buf);
		strbuf_release(&sql);
		if (!*st)
			return -1;
		bind_kinds(*st, KITH_GIVE, 2);
	}
	sqlite3_reset(*st);
	sqlite3_bind_int64(*st, 1, id);
	r = sqlite3_step(*st);
	sqlite3_reset(*st);
	if (r == SQLITE_ROW)
		return 1;
	if (r == SQLITE_DONE)
		return 0;
	kith_fail_db(k, "cannot read interactions");
	return -1;
}

enum kith_rc kith_ask_warning(struct kith *k, int64_t person_id, char **warning)
{
	sqlite3_stmt *st = kith_prepare(k, "SELECT name FROM person WHERE id = ?1");
	char *name = NULL;
	int r;

	*warning = NULL;
	if (!st)
		return KITH_ERR;
	sqlite3_bind_int64(st, 1, person_id);
	r = sqlite3_step(st);
	if (r == SQLITE_ROW)
		name = kith_column_strdup(st, 0);
	sqlite3_finalize(st);
	if (r == SQLITE_DONE)
		return kith_fail(k, KITH_ENOTFOUND, "no person #%lld", (long long)person_id);
	if (r != SQLITE_ROW)
		return kith_fail_db(k, "cannot read the person");
	{
		sqlite3_stmt *given = NULL;
		r = ever_given(k, &given, person_id);
		sqlite3_finalize(given);
	}
	if (r == 0) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "you have never given anything to %s: share something useful or thank them first"
				 " (kith share, kith praise)", name ? name : "them");
		*warning = strbuf_detach(&sb);
	}
	free(name);
	return r < 0 ? KITH_ERR : KITH_OK;
}

/* ---- the plan: next steps of open goals ---- */

/*
 * Priority of a goal's steps: 30 while the deadline is more than two weeks
 * away (soft, giving actions come first), rising linearly to 88 three days
 * before it, 88 to the deadline; past it, 60 until the goal is done or
 * removed.
 */
static double goal_priority(long days_left)
{
	if (days_left < 0)
		return 60.0;
	if (days_left <= 3)
		return 88.0;
	if (days_left > 14)
		return 30.0;
	return 88.0 - (double)(days_left - 3) * (88.0 - 30.0) / 11.0;
}

double kith_goal_ceiling(struct kith *k)
{
	sqlite3_stmt *st = kith_prepare(k, "SELECT min(by) FROM goal WHERE done_on IS NULL");
	double ceiling = 0.0;
	if (!st)
		return 88.0; /* cannot tell: assume the highest */
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		kith_day by = kith_column_day(st, 0);
		ceiling = by == KITH_NO_DAY ? 88.0 : goal_priority((long)(by - k->today));
		/* the nearest deadline is not always the highest: a passed one is 60 */
		if (ceiling < 60.0 && by < k->today)
			ceiling = 60.0;
	}
	sqlite3_finalize(st);
	return ceiling;
}

static void due_phrase(struct strbuf *sb, long days_left)
{
	if (days_left < 0)
		strbuf_addf(sb, "%ld day%s past the deadline", -days_left, days_left == -1 ? "" : "s");
	else if (days_left == 0)
		strbuf_addstr(sb, "due today");
	else if (days_left == 1)
		strbuf_addstr(sb, "due tomorrow");
	else
		strbuf_addf(sb, "due in %ld days", days_left);
}

/* "6 touches this year", "last touch 400 days ago", "no touch in two years" */
static void tie_phrase(struct strbuf *sb, kith_day today, const struct kith_tie *t)
{
	if (t->touches)
		strbuf_addf(sb, "%d touch%s this year", t->touches, t->touches == 1 ? "" : "es");
	else if (t->last != KITH_NO_DAY)
		strbuf_addf(sb, "last touch %ld days ago", (long)(today - t->last));
	else
		strbuf_addstr(sb, "no touch in two years");
}

enum step {
	STEP_NONE = 0,
	STEP_REACH,      /* identified: reach out, directly or through a warm path */
	STEP_FOLLOW,     /* contacted more than a week ago: follow up */
	STEP_MEET,       /* replied: a call or a coffee */
	STEP_ASK,        /* met: make the ask */
};

struct cand {
	int64_t id;
	char *name, *org;
	enum kith_target_state state;
	kith_day updated;
	enum step step;
	struct kith_tie tie;
};

static int cmp_cand(const void *pa, const void *pb)
{
	const struct cand *a = pa, *b = pb;
	if (a->step != b->step)
		return a->step > b->step ? -1 : 1;
	if (a->tie.strength != b->tie.strength)
		return a->tie.strength > b->tie.strength ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

static enum step step_of(const struct kith *k, enum kith_target_state s, kith_day updated)
{
	switch (s) {
	case KITH_TARGET_IDENTIFIED:
		return STEP_REACH;
	case KITH_TARGET_CONTACTED:
		return updated != KITH_NO_DAY && k->today - updated > FOLLOW_UP_DAYS ? STEP_FOLLOW : STEP_NONE;
	case KITH_TARGET_REPLIED:
		return STEP_MEET;
	case KITH_TARGET_MET:
		return STEP_ASK;
	default:
		return STEP_NONE;
	}
}

struct goal_row {
	int64_t id;
	char *text, *org;
	kith_day by;
};

/* Add "; give first: ..." when the user never gave `who` anything. */
static enum kith_rc give_first(struct walk *w, int64_t who, struct strbuf *reason)
{
	int r = ever_given(w->k, &w->given, who);
	if (r < 0)
		return KITH_ERR;
	if (r == 0)
		strbuf_addstr(reason, "; give first: share something or thank them");
	return KITH_OK;
}

static void finish_action(struct kith_plan_build *b, const struct goal_row *g, double pri, const char *key,
			  int64_t who, const char *who_name, struct strbuf *reason)
{
	struct kith_action *a = kith_plan_add(b, "goal", pri, key);
	struct strbuf detail = STRBUF_INIT;

	kith_plan_add_person(b, a, who, who_name);
	a->reason = strbuf_detach(reason);
	strbuf_addf(&detail, "goal #%lld: ", (long long)g->id);
	kith_add_short(&detail, g->text, 70);
	a->detail = strbuf_detach(&detail);
}

/* The action for one target; *added is 1 when one was added. */
static enum kith_rc target_step(struct kith_plan_build *b, struct walk *w, const struct goal_row *g,
				const struct cand *c, double pri, int *added)
{
	struct kith *k = b->k;
	struct strbuf reason = STRBUF_INIT;
	char key[80];
	long left = (long)(g->by - k->today);
	int64_t who = c->id;
	const char *who_name = c->name;
	struct kith_warm_paths paths = { NULL, 0 };
	enum kith_rc rc = KITH_OK;

	*added = 0;
	snprintf(key, sizeof(key), "goal:g%lld:p%lld:%s", (long long)g->id, (long long)c->id, state_names[c->state]);
	due_phrase(&reason, left);
	strbuf_addstr(&reason, ": ");
	switch (c->step) {
	case STEP_REACH:
		if (c->tie.strength >= KITH_WARM_MIN) {
			strbuf_addf(&reason, "reach out to %s (", c->name);
			if (c->org)
				strbuf_addf(&reason, "works at %s; ", c->org);
			tie_phrase(&reason, k->today, &c->tie);
			strbuf_addch(&reason, ')');
			break;
		}
		/* the best path through someone not already in the plan (looking
		   further only when the best one is through someone who is) */
		rc = paths_to(w, c->id, 1, &paths);
		if (rc == KITH_OK && paths.n && paths.v[0].n_via && kith_plan_seen(b, paths.v[0].via[0])) {
			kith_warm_paths_release(&paths);
			rc = paths_to(w, c->id, 5, &paths);
		}
		if (rc != KITH_OK)
			goto cleanup;
		for (size_t i = 0; i < paths.n && who == c->id; i++)
			if (paths.v[i].n_via >= 1 && !kith_plan_seen(b, paths.v[i].via[0]))
				who = paths.v[i].via[0];
		if (who != c->id) {
			const struct kith_warm_path *p = paths.v;
			while (p->n_via == 0 || p->via[0] != who)
				p++;
			who_name = p->names[0];
			strbuf_addf(&reason, "ask %s for an intro to %s (", p->names[0], c->name);
			if (p->n_via == 2)
				strbuf_addf(&reason, "through %s; ", p->names[1]);
			else
				strbuf_addf(&reason, "%s; ", kith_knows_how_words(p->how));
			tie_phrase(&reason, k->today, &p->tie);
			strbuf_addch(&reason, ')');
		} else {
			strbuf_addf(&reason, "reach out to %s (", c->name);
			if (c->org)
				strbuf_addf(&reason, "works at %s; ", c->org);
			/* with paths only through people already in the plan, no claim either way */
			strbuf_addstr(&reason, paths.n ? "a short, specific note)"
						       : "no warm path found: a short, specific note)");
		}
		break;
	case STEP_FOLLOW:
		strbuf_addf(&reason, "follow up with %s (contacted %ld days ago)", c->name, (long)(k->today - c->updated));
		break;
	case STEP_MEET:
		strbuf_addf(&reason, "set up a call or a coffee with %s (they replied)", c->name);
		break;
	case STEP_ASK: {
		char *folded = kith_fold_dup(g->text);
		if (strstr(folded, "referr"))
			strbuf_addf(&reason, "ask %s for the referral (you met)", c->name);
		else
			strbuf_addf(&reason, "make your ask to %s (you met)", c->name);
		free(folded);
		break;
	}
	default:
		goto cleanup;
	}
	rc = give_first(w, who, &reason);
	if (rc != KITH_OK)
		goto cleanup;
	finish_action(b, g, pri, key, who, who_name, &reason);
	*added = 1;
cleanup:
	strbuf_release(&reason);
	kith_warm_paths_release(&paths);
	return rc;
}

/* A goal with an organization and no target to work on: a warm path in. */
static enum kith_rc org_step(struct kith_plan_build *b, struct walk *w, const struct goal_row *g, double pri)
{
	struct kith *k = b->k;
	struct kith_warm_paths paths = { NULL, 0 };
	struct strbuf reason = STRBUF_INIT;
	enum kith_rc rc = paths_org(w, g->org, 1, &paths);
	const struct kith_warm_path *p = NULL;
	char key[80];

	if (rc == KITH_OK && paths.n && kith_plan_seen(b, paths.v[0].via[0])) {
		kith_warm_paths_release(&paths);
		rc = paths_org(w, g->org, 5, &paths);
	}
	if (rc != KITH_OK)
		goto cleanup;
	for (size_t i = 0; i < paths.n && !p; i++)
		if (!kith_plan_seen(b, paths.v[i].via[0]))
			p = &paths.v[i];
	if (!p)
		goto cleanup;
	due_phrase(&reason, (long)(g->by - k->today));
	strbuf_addf(&reason, ": find a warm path into %s: %s (", g->org, p->names[0]);
	tie_phrase(&reason, k->today, &p->tie);
	if (p->n_via == 1)
		strbuf_addstr(&reason, ") works there");
	else
		strbuf_addf(&reason, ") knows %s, who works there", p->names[1]);
	rc = give_first(w, p->via[0], &reason);
	if (rc != KITH_OK)
		goto cleanup;
	snprintf(key, sizeof(key), "goal:g%lld:p%lld:path", (long long)g->id, (long long)p->via[0]);
	finish_action(b, g, pri, key, p->via[0], p->names[0], &reason);
cleanup:
	strbuf_release(&reason);
	kith_warm_paths_release(&paths);
	return rc;
}

static enum kith_rc plan_goal(struct kith_plan_build *b, struct walk *w, sqlite3_stmt *tg, const struct goal_row *g)
{
	struct kith *k = b->k;
	struct cand *cv = NULL;
	size_t n = 0, alloc = 0, open = 0, taken = 0;
	double pri = goal_priority((long)(g->by - k->today));
	enum kith_rc rc = KITH_OK;
	int r;

	sqlite3_reset(tg);
	sqlite3_bind_int64(tg, 1, g->id);
	while ((r = sqlite3_step(tg)) == SQLITE_ROW) {
		int s = kith_target_state_parse((const char *)sqlite3_column_text(tg, 2));
		struct cand c;
		memset(&c, 0, sizeof(c));
		c.id = sqlite3_column_int64(tg, 0);
		c.state = s < 0 ? KITH_TARGET_IDENTIFIED : (enum kith_target_state)s;
		c.updated = kith_column_day(tg, 3);
		if (c.state != KITH_TARGET_REFERRED && c.state != KITH_TARGET_NO)
			open++;
		c.step = step_of(k, c.state, c.updated);
		if (c.step == STEP_NONE || kith_plan_seen(b, c.id))
			continue;
		c.name = kith_column_strdup(tg, 1);
		c.org = kith_column_strdup(tg, 4);
		if (n == alloc) {
			alloc = alloc ? alloc * 2 : 8;
			cv = xrealloc(cv, alloc * sizeof(*cv));
		}
		cv[n++] = c;
	}
	sqlite3_reset(tg);
	if (r != SQLITE_DONE) {
		rc = kith_fail_db(k, "cannot read the targets");
		goto cleanup;
	}
	/* the targets' own ties are not bounded: there are few */
	walk_begin(w);
	w->ties_left = (size_t)-1;
	for (size_t i = 0; i < n; i++) {
		rc = walk_tie(w, cv[i].id, 0, &cv[i].tie);
		if (rc != KITH_OK)
			goto cleanup;
	}
	if (n)
		qsort(cv, n, sizeof(*cv), cmp_cand);
	for (size_t i = 0; i < n && taken < STEPS_PER_GOAL; i++) {
		int added;
		if (kith_plan_seen(b, cv[i].id))
			continue;
		rc = target_step(b, w, g, &cv[i], pri - (double)taken, &added);
		if (rc != KITH_OK)
			goto cleanup;
		taken += (size_t)added;
	}
	/* no target left to work on (none, or all referred or out): find a way in */
	if (!taken && !open && g->org)
		rc = org_step(b, w, g, pri);
cleanup:
	for (size_t i = 0; i < n; i++) {
		free(cv[i].name);
		free(cv[i].org);
	}
	free(cv);
	return rc;
}

static enum kith_rc goal_plan(struct kith_plan_build *b)
{
	struct kith *k = b->k;
	sqlite3_stmt *st = kith_prepare(k, "SELECT id, text, by, org FROM goal WHERE done_on IS NULL ORDER BY by, id");
	sqlite3_stmt *tg = kith_prepare(k, "SELECT t.person_id, p.name, t.state, t.updated, p.org FROM goal_target t"
					   " JOIN person p ON p.id = t.person_id WHERE t.goal_id = ?1");
	struct walk w;
	enum kith_rc rc = KITH_OK;
	int r = SQLITE_DONE, have_walk = 0;

	if (!st || !tg) {
		rc = KITH_ERR;
		goto cleanup;
	}
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		struct goal_row g;
		if (!have_walk) {
			walk_init(&w, k);
			have_walk = 1;
			w.quick = 1;
		}
		g.id = sqlite3_column_int64(st, 0);
		g.text = kith_column_strdup(st, 1);
		g.by = kith_column_day(st, 2);
		g.org = kith_column_strdup(st, 3);
		rc = g.by == KITH_NO_DAY ? KITH_OK : plan_goal(b, &w, tg, &g);
		free(g.text);
		free(g.org);
		if (rc != KITH_OK)
			goto cleanup;
	}
	if (r != SQLITE_DONE)
		rc = kith_fail_db(k, "cannot read goals");
cleanup:
	if (have_walk)
		walk_release(&w);
	sqlite3_finalize(st);
	sqlite3_finalize(tg);
	return rc;
}

/* ---- balance ---- */

void kith_balance_release(struct kith_balance *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->n_top_given; i++)
		free(b->top_given[i].name);
	for (size_t i = 0; i < b->n_top_asked; i++)
		free(b->top_asked[i].name);
	free(b->months);
	memset(b, 0, sizeof(*b));
}

/* The class of a kind as stored (its exact lowercase name). */
static int class_of(const char *kind)
{
	for (const struct kith_kind_info *ki = kith_kinds; ki->name; ki++)
		if (ki->name[0] == kind[0] && !strcmp(ki->name, kind))
			return (int)ki->cls;
	return (int)KITH_NEUTRAL;
}

struct counter {
	struct idmap map;  /* person -> index in v */
	int64_t *ids, *counts;
	size_t n, alloc;
};

static void counter_add(struct counter *c, int64_t id)
{
	int32_t *slot = idmap_at(&c->map, id, 1);
	if (*slot < 0) {
		if (c->n == c->alloc) {
			c->alloc = c->alloc ? c->alloc * 2 : 64;
			c->ids = xrealloc(c->ids, c->alloc * sizeof(*c->ids));
			c->counts = xrealloc(c->counts, c->alloc * sizeof(*c->counts));
		}
		c->ids[c->n] = id;
		c->counts[c->n] = 0;
		*slot = (int32_t)c->n++;
	}
	c->counts[*slot]++;
}

static void counter_release(struct counter *c)
{
	idmap_release(&c->map);
	free(c->ids);
	free(c->counts);
	memset(c, 0, sizeof(*c));
}

/* The top KITH_BALANCE_TOP of a counter: most first, then lowest id. */
static size_t counter_top(struct kith *k, const struct counter *c, struct kith_balance_person *top)
{
	size_t n = 0;
	char name[256];
	for (size_t i = 0; i < c->n; i++) {
		size_t at;
		if (n == KITH_BALANCE_TOP && (c->counts[i] < top[n - 1].count ||
					       (c->counts[i] == top[n - 1].count && c->ids[i] > top[n - 1].id)))
			continue;
		at = n < KITH_BALANCE_TOP ? n++ : n - 1;
		while (at > 0 && (c->counts[i] > top[at - 1].count ||
				  (c->counts[i] == top[at - 1].count && c->ids[i] < top[at - 1].id))) {
			top[at] = top[at - 1];
			at--;
		}
		top[at].id = c->ids[i];
		top[at].count = c->counts[i];
		top[at].name = NULL;
	}
	for (size_t i = 0; i < n; i++)
		top[i].name = xstrdup(kith_person_name(k, top[i].id, name, sizeof(name)));
	return n;
}

/*
 * Weeks in a row with a give, ending this week or the last: one indexed
 * probe per week (interaction_date), stopping at the first week without.
 */
static enum kith_rc give_streak(struct kith *k, int *weeks)
{
	struct strbuf sql = STRBUF_INIT;
	sqlite3_stmt *st;
	kith_day monday = k->today - kith_day_weekday(k->today);
	enum kith_rc rc = KITH_OK;
	int n = 0;

	*weeks = 0;
	strbuf_addstr(&sql, "SELECT 1 FROM interaction WHERE date >= ?1 AND date <= ?2 AND ");
	kinds_in(&sql, KITH_GIVE, 3);
	strbuf_addstr(&sql, " LIMIT 1");
	st = kith_prepare(k, sql.buf);
	strbuf_release(&sql);
	if (!st)
		return KITH_ERR;
	bind_kinds(st, KITH_GIVE, 3);
	/* at most 100 years of weeks */
	for (int w = 0; w < 5300; w++) {
		kith_day from = monday - 7 * w, to = w ? from + 6 : k->today;
		int r;
		if (from < KITH_DAY_MIN)
			break;
		sqlite3_reset(st);
		kith_bind_day(st, 1, from);
		kith_bind_day(st, 2, to);
		r = sqlite3_step(st);
		if (r == SQLITE_ROW) {
			n++;
			continue;
		}
		if (r != SQLITE_DONE) {
			rc = kith_fail_db(k, "cannot read interactions");
			break;
		}
		/* this week may not have its give yet: the streak can end last week */
		if (w == 0)
			continue;
		break;
	}
	sqlite3_finalize(st);
	if (rc == KITH_OK)
		*weeks = n;
	return rc;
}

static enum kith_rc balance(struct kith *k, kith_day since, struct kith_balance *out)
{
	sqlite3_stmt *st = NULL, *who = NULL;
	struct counter given, asked;
	int64_t *ids = NULL;
	int8_t *cls = NULL;
	size_t n_ids = 0, alloc = 0;
	int ty, tm, sy, sm, base;
	enum kith_rc rc = KITH_OK;
	int r;

	memset(out, 0, sizeof(*out));
	memset(&given, 0, sizeof(given));
	memset(&asked, 0, sizeof(asked));
	kith_day_to_civil(k->today, &ty, &tm, NULL);
	if (since == KITH_NO_DAY) {
		int m = ty * 12 + (tm - 1) - 11;
		since = kith_day_from_civil(m / 12, m % 12 + 1, 1);
	}
	if (since > k->today)
		return kith_fail(k, KITH_EINPUT, "the balance starts after today (--since must be today or earlier)");
	if (k->today - since > 36500)
		return kith_fail(k, KITH_EINPUT, "the balance can go back 100 years at most");
	kith_day_to_civil(since, &sy, &sm, NULL);
	base = sy * 12 + (sm - 1);
	out->since = since;
	out->until = k->today;
	out->n_months = (size_t)(ty * 12 + (tm - 1) - base + 1);
	out->months = xcalloc(out->n_months, sizeof(*out->months));
	for (size_t i = 0; i < out->n_months; i++) {
		out->months[i].year = (int)((size_t)base + i) / 12;
		out->months[i].month = (int)((size_t)base + i) % 12 + 1;
	}

	/*
	 * One pass over the period in date order (the interaction_date index),
	 * a month at a time so the rows need not carry their date: counts by
	 * month and class, and the gives and asks kept for their people.
	 */
	st = kith_prepare(k, "SELECT id, kind FROM interaction INDEXED BY interaction_date"
			     " WHERE date >= ?1 AND date <= ?2");
	if (!st) {
		rc = KITH_ERR;
		goto cleanup;
	}
	for (size_t i = 0; i < out->n_months; i++) {
		struct kith_balance_month *mo = &out->months[i];
		kith_day from = kith_day_from_civil(mo->year, mo->month, 1);
		kith_day to = from + kith_days_in_month(mo->year, mo->month) - 1;

		sqlite3_reset(st);
		kith_bind_day(st, 1, from < since ? since : from);
		kith_bind_day(st, 2, to > k->today ? k->today : to);
		while ((r = sqlite3_step(st)) == SQLITE_ROW) {
			const char *kind = (const char *)sqlite3_column_text(st, 1);
			int c = kind ? class_of(kind) : (int)KITH_NEUTRAL;
			if (c == KITH_NEUTRAL) {
				mo->neutral++;
				continue;
			}
			if (c == KITH_GIVE)
				mo->gives++;
			else
				mo->asks++;
			if (n_ids == alloc) {
				alloc = alloc ? alloc * 2 : 256;
				ids = xrealloc(ids, alloc * sizeof(*ids));
				cls = xrealloc(cls, alloc * sizeof(*cls));
			}
			ids[n_ids] = sqlite3_column_int64(st, 0);
			cls[n_ids++] = (int8_t)c;
		}
		if (r != SQLITE_DONE) {
			rc = kith_fail_db(k, "cannot read interactions");
			goto cleanup;
		}
		out->gives += mo->gives;
		out->asks += mo->asks;
		out->neutral += mo->neutral;
	}
	out->soft = out->gives + out->neutral;
	out->hard = out->asks;
	out->touches_per_week = (double)(out->gives + out->asks + out->neutral) * 7.0 /
				(double)(k->today - since + 1);

	/* who the gives went to and the asks were of: the people of those interactions */
	who = kith_prepare(k, "SELECT person_id FROM interaction_person WHERE interaction_id = ?1");
	if (!who) {
		rc = KITH_ERR;
		goto cleanup;
	}
	for (size_t i = 0; i < n_ids; i++) {
		sqlite3_reset(who);
		sqlite3_bind_int64(who, 1, ids[i]);
		while ((r = sqlite3_step(who)) == SQLITE_ROW)
			counter_add(cls[i] == KITH_GIVE ? &given : &asked, sqlite3_column_int64(who, 0));
		if (r != SQLITE_DONE) {
			rc = kith_fail_db(k, "cannot read interactions");
			goto cleanup;
		}
	}
	out->n_top_given = counter_top(k, &given, out->top_given);
	out->n_top_asked = counter_top(k, &asked, out->top_asked);
	rc = give_streak(k, &out->streak_weeks);
cleanup:
	sqlite3_finalize(st);
	sqlite3_finalize(who);
	counter_release(&given);
	counter_release(&asked);
	free(ids);
	free(cls);
	if (rc != KITH_OK)
		kith_balance_release(out);
	return rc;
}

/* One read transaction for the many small reads, rather than one each. */
enum kith_rc kith_goal_plan(struct kith_plan_build *b)
{
	enum kith_rc rc = kith_sp_begin(b->k);
	if (rc != KITH_OK)
		return rc;
	return kith_sp_end(b->k, goal_plan(b));
}

enum kith_rc kith_balance(struct kith *k, kith_day since, struct kith_balance *out)
{
	enum kith_rc rc;

	memset(out, 0, sizeof(*out));
	rc = kith_sp_begin(k);
	if (rc != KITH_OK)
		return rc;
	return kith_sp_end(k, balance(k, since, out));
}
