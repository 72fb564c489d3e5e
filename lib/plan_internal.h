#ifndef KITH_PLAN_INTERNAL_H
#define KITH_PLAN_INTERNAL_H

/*
 * How library modules contribute actions to the daily plan (lib/ only).
 *
 * kith_plan_today() builds the plan in passes; each module with something
 * to suggest has a function `enum kith_rc kith_MODULE_plan(struct
 * kith_plan_build *b)` that adds candidate actions with a priority. The
 * planner then ranks them, keeps the plan's size, and drops what the user
 * marked done or skipped (kith done / kith skip) by each action's key.
 *
 * Each person is in one action at most: check kith_plan_seen() before
 * adding someone, and kith_plan_add_person() marks them seen.
 */

#include <stdint.h>

#include "kith/plan.h"
#include "internal.h"

struct kith_plan_build {
	struct kith *k;
	size_t limit;         /* the plan's size */
	struct kith_action *v;
	size_t n, alloc;
	int64_t *seen;
	size_t n_seen, alloc_seen;
	sqlite3_stmt *mark_st; /* cached: is a key marked done or skipped */
};

/* 1 when person id is already in an action. */
int kith_plan_seen(struct kith_plan_build *b, int64_t id);

/*
 * A new candidate action of `kind` with a priority (see plan.c for the
 * scale) and a key that names it stably across days ("share:r3:p12"), used
 * by kith done / kith skip. The action is owned by the builder; the
 * pointer is valid until the next kith_plan_add.
 */
struct kith_action *kith_plan_add(struct kith_plan_build *b, const char *kind, double priority,
				  const char *key);

/* Add a person to an action (copies the name) and mark them seen. */
void kith_plan_add_person(struct kith_plan_build *b, struct kith_action *a, int64_t id, const char *name);

/* Set an action's reason or detail line (printf-style; replaces). */
void kith_action_reason(struct kith_action *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void kith_action_detail(struct kith_action *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* What an action without people is about ("Ellevate Network", "your brand"). */
void kith_action_subject(struct kith_action *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * The modules' contributions, called by kith_plan_today in this order
 * (each adds candidates; the planner ranks them all together). Thank-yous
 * and birthdays come first, then milestones and goals, then reconnections
 * (and agendas, rekindles), then the rest:
 *   kith_milestone_plan  congratulate recent milestones          (resource.c)
 *   kith_goal_plan       goal deadlines and next steps          (goal.c)
 *   kith_resource_plan   share opportunities before they close  (resource.c)
 *   kith_intro_plan      introductions to suggest or follow up  (intro.c)
 *   kith_org_plan        communities whose cadence has passed   (org.c)
 *   kith_post_plan       the personal brand's cadence           (org.c)
 */
enum kith_rc kith_goal_plan(struct kith_plan_build *b);
/* The highest priority a goal step can have today (0 without open goals). */
double kith_goal_ceiling(struct kith *k);
enum kith_rc kith_milestone_plan(struct kith_plan_build *b);
enum kith_rc kith_resource_plan(struct kith_plan_build *b);
enum kith_rc kith_intro_plan(struct kith_plan_build *b);
enum kith_rc kith_org_plan(struct kith_plan_build *b);
enum kith_rc kith_post_plan(struct kith_plan_build *b);

#endif
