#ifndef KITH_GOAL_H
#define KITH_GOAL_H

/*
 * Hard-networking goals: an objective with a deadline ("referral for the PM
 * role at Acme" by 2027-01-15), the people who can help (targets) and how
 * far each one has come, and the warm paths to them through the network.
 *
 * Target states, in pipeline order:
 *
 *   identified -> contacted -> replied -> met -> referred, or no
 *
 * Any state can be set from any other (the user corrects as well as
 * advances); `no` means the target declined or is out of the picture.
 *
 * Warm paths. The user is the root of the network and everyone is one step
 * away, weighted by tie strength: the sum, over the person's interactions
 * of the last two years, of exp(-age_days / 180), so a touch today counts 1,
 * one six months ago 0.37, one two years ago 0.02. People the user knows
 * well are those with a strength of at least KITH_WARM_MIN. A warm path to
 * a target is the user, then someone they know well, then at most one more
 * person, then the target, each step an edge of the knows graph (the knows
 * table, an interaction together, or the same organization). Paths are
 * found by a breadth-first search back from the target, bounded so that a
 * target at a 10,000-person company costs tens of milliseconds, not
 * seconds; shortest paths first, then by the strength of the user's tie to
 * the first person on them.
 */

#include <stddef.h>
#include <stdint.h>

#include "kith/kith.h"

/* The tie strength from which someone counts as known well. */
#define KITH_WARM_MIN 0.1

/* The states of a target, in pipeline order. */
enum kith_target_state {
	KITH_TARGET_IDENTIFIED = 0,
	KITH_TARGET_CONTACTED,
	KITH_TARGET_REPLIED,
	KITH_TARGET_MET,
	KITH_TARGET_REFERRED,
	KITH_TARGET_NO,
	KITH_N_TARGET_STATES
};

/* "identified", ... ; NULL for an out-of-range state. */
const char *kith_target_state_name(enum kith_target_state s);

/* The state named exactly s (lowercase as written above), or -1. */
int kith_target_state_parse(const char *s);

struct kith_goal_target {
	int64_t id;              /* the person */
	char *name;
	enum kith_target_state state;
	kith_day updated;        /* when the state was last set */
};

struct kith_goal {
	int64_t id;
	char *text;
	kith_day by;             /* the deadline */
	char *org;               /* NULL without an organization */
	kith_day created;
	kith_day done_on;        /* KITH_NO_DAY while open */
	size_t n_targets;
	struct kith_goal_target *targets; /* in pipeline order of state (furthest first), then name */
};

/* Free the contents and zero the struct. NULL is accepted. */
void kith_goal_release(struct kith_goal *g);

/*
 * Add a goal: text (1..500 bytes, one line), a deadline `by` (today or
 * later), an optional organization (NULL or "" for none; at most 200 bytes,
 * one line) matched against people's organizations, and n targets (ids of
 * people, may be 0) who start as identified. *id (may be NULL) is the new
 * goal's id. Bad input is KITH_EINPUT and nothing is written.
 */
enum kith_rc kith_goal_add(struct kith *k, const char *text, kith_day by, const char *org,
			   const int64_t *targets, size_t n, int64_t *id);

/* Load goal id into *g (release it). KITH_ENOTFOUND when there is none. */
enum kith_rc kith_goal_get(struct kith *k, int64_t id, struct kith_goal *g);

/*
 * The goals, open ones by deadline (then id), and with `all` the done ones
 * after them (most recently done first). *v is a new array of *n goals:
 * release each, then free(*v).
 */
enum kith_rc kith_goal_list(struct kith *k, int all, struct kith_goal **v, size_t *n);

/*
 * Make the n people targets of goal id (as identified). People who already
 * are stay as they are; *added (may be NULL) counts the new ones.
 */
enum kith_rc kith_goal_target(struct kith *k, int64_t id, const int64_t *people, size_t n, size_t *added);

/*
 * Set the state of target `person` of goal id (stamped today). KITH_ENOTFOUND
 * when there is no such goal or the person is not one of its targets.
 * *old (may be NULL) is the state before.
 */
enum kith_rc kith_goal_set(struct kith *k, int64_t id, int64_t person, enum kith_target_state state,
			   enum kith_target_state *old);

/*
 * Mark goal id done today. *was (may be NULL) is the day it was done
 * before, KITH_NO_DAY when it was open (a done goal stays as it was).
 */
enum kith_rc kith_goal_done(struct kith *k, int64_t id, kith_day *was);

/* Remove goal id and its targets. */
enum kith_rc kith_goal_rm(struct kith *k, int64_t id);

/* ---- tie strength and warm paths ---- */

struct kith_tie {
	double strength;         /* see above; 0 without a touch in two years */
	int touches;             /* touches in the last 365 days */
	kith_day last;           /* the last touch in the two years, KITH_NO_DAY when none */
};

/* The user's tie to person id (no check that the person exists). */
enum kith_rc kith_tie_strength(struct kith *k, int64_t id, struct kith_tie *out);

struct kith_warm_path {
	/*
	 * The people between the user and the end of the path. To a target:
	 * 0 when the user knows the target well, else via[0] knows the target,
	 * or via[0] knows via[1] who knows the target. Into an organization:
	 * via[n_via - 1] works there (n_via is 1 or 2).
	 */
	size_t n_via;
	int64_t via[2];
	char *names[2];
	/*
	 * How via[0] knows the next one on the path (via[1], or the target):
	 * "stated", "intro", "interaction", "org" or "import", as in
	 * kith/intro.h (static, never freed); NULL when n_via is 0, and for a
	 * path into an organization through one person (who works there).
	 */
	const char *how;
	struct kith_tie tie;     /* the user's tie to via[0], or to the target when n_via is 0 */
};

struct kith_warm_paths {
	struct kith_warm_path *v;  /* best first */
	size_t n;
};

void kith_warm_paths_release(struct kith_warm_paths *p);

/*
 * The best warm paths to person `target`, at most `limit` (1..50), best
 * first: the user themselves when they know the target well, then paths
 * through one person, then through two, each group by tie strength.
 * *out is empty when there is none.
 */
enum kith_rc kith_warm_paths_to(struct kith *k, int64_t target, size_t limit, struct kith_warm_paths *out);

/*
 * The best warm paths into an organization: people the user knows well who
 * work there (whose organization, folded for case and accents, equals org
 * or contains it as whole words: "acme" matches "Acme Corp", not
 * "Acmeville"), then people the user knows well who know someone who
 * works there. At most `limit` (1..50).
 */
enum kith_rc kith_warm_paths_org(struct kith *k, const char *org, size_t limit, struct kith_warm_paths *out);

/* The warm paths of a goal: of each target, and into its organization. */
struct kith_goal_paths {
	size_t n_targets;
	struct kith_warm_paths *targets; /* in the order of g->targets */
	struct kith_warm_paths org;      /* empty without an organization */
};

void kith_goal_paths_release(struct kith_goal_paths *p);

/*
 * The best warm paths (at most `limit` each, 1..50) to every target of g
 * and into its organization, as kith_warm_paths_to and kith_warm_paths_org
 * give them, computed together (tie strengths are shared). Release *out.
 */
enum kith_rc kith_goal_paths(struct kith *k, const struct kith_goal *g, size_t limit, struct kith_goal_paths *out);

/*
 * Whether someone whose organization is org_of (NULL: none) works at org,
 * by the rule above: 1 or 0.
 */
int kith_org_matches(const char *org_of, const char *org);

/*
 * Asking someone for something: when the user has never given person_id
 * anything (no praise, share, intro or help interaction, ever), *warning is
 * a new string (free() it) suggesting a soft alternative first:
 *   "you have never given anything to Frank Li: share something useful or
 *    thank them first (kith share, kith praise)"
 * else *warning is NULL. KITH_ENOTFOUND when there is no such person.
 */
enum kith_rc kith_ask_warning(struct kith *k, int64_t person_id, char **warning);

#endif
