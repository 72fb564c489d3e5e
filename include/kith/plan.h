#ifndef KITH_PLAN_H
#define KITH_PLAN_H

/*
 * The daily plan: what to do for the network today, as a short ranked list
 * of actions, each with a reason a person understands.
 *
 * Kinds of action:
 *   thank      a call, coffee or meeting in the last plan.thank-days days
 *              with nobody in it contacted since
 *   celebrate  a birthday or another date (anniversary, ...) today or in
 *              the next plan.celebrate-days days
 *   reconnect  someone due or overdue, ranked by how far past their
 *              cadence they are (relative to it) and by circle
 *   rekindle   a dormant tie: someone not in touch for three years or more
 *              (due, or one a day picked for novelty: fewest touches)
 *
 * When more actions are waiting than the plan holds, up to half of it
 * (rounded up) is kept for thank-yous and celebrations, which cannot wait.
 *
 * The plan is computed on demand from indexed columns (no interaction is
 * scanned except the last few days'), and is deterministic: the same
 * database and the same day give the same plan. Ties break by id.
 */

#include <stddef.h>
#include <stdint.h>

#include "kith/kith.h"

struct kith_action {
	char kind[16];
	char key[80];     /* names the action across days, for kith done / skip */
	size_t n_people;
	int64_t *people;
	char **names;
	char *reason;     /* one line */
	char *detail;     /* an optional second line ("last time: ..."), or NULL */
	char *idea;       /* a way to do it ("share “…” (interest: ai)"), or NULL */
	char *subject;    /* what the action is about when it is not people
			     (an organization, "your brand"), or NULL */
	double priority;  /* higher first */
};

struct kith_plan {
	kith_day date;
	struct kith_action *v;
	size_t n;
	size_t more_due;  /* people due beyond the plan's size, left for the coming days */
};

/*
 * Compute the plan for k's today with at most limit actions (0: the
 * setting plan.size). Release with kith_plan_release.
 */
enum kith_rc kith_plan_today(struct kith *k, size_t limit, struct kith_plan *out);

void kith_plan_release(struct kith_plan *p);

/*
 * Mark the action with `key` (struct kith_action.key) "done" (hidden from
 * every plan: a key names one occurrence, like this birthday or this call)
 * or "skipped" (hidden today only).
 */
enum kith_rc kith_plan_mark(struct kith *k, const char *key, const char *state);

#endif
