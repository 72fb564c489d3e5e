#ifndef KITH_ORG_H
#define KITH_ORG_H

/*
 * Communities and organizations: employers, professional networks, alumni
 * groups, meetups and online communities, their members, and the events
 * of theirs the user goes to.
 *
 * An organization may have an involvement cadence (every_days): how often
 * the user means to show up. Once its last event (or, before the first,
 * the day it was added) is a cadence old, the daily plan suggests getting
 * involved again (a `community` action, see plan.h).
 *
 * An event is an interaction of kind "event" that carries the
 * organization: with the people met there (their clocks are reset, and
 * they count as knowing each other through it) or with nobody, an event
 * attended alone, which still counts as involvement. Events are part of
 * people's timelines: removing an organization keeps the events that have
 * people in them (without the organization) and removes the others.
 *
 * Names are unique the way people's names are matched: case- and
 * accent-insensitively ("Ellevate" and "ELLEVATE" are the same).
 *
 * The same file has the role of a person (mentor or mentee), which
 * agenda.h builds on.
 */

#include <stddef.h>
#include <stdint.h>

#include "kith/interaction.h"
#include "kith/kith.h"

#define KITH_ORG_NAME_MAX 200 /* bytes */

/* The kinds, NULL-terminated: employer, professional, alumni, meetup, online. */
extern const char *const kith_org_kinds[];

/* The kind named s (case-insensitive) as stored, or NULL. */
const char *kith_org_kind_find(const char *s);

struct kith_org {
	int64_t id;
	char *name;
	char *kind;
	int every_days;      /* involvement cadence; 0 = none */
	kith_day created;
	kith_day last_event; /* the newest event's date, KITH_NO_DAY when none */
	kith_day next_due;   /* (last_event, else created) + every_days; KITH_NO_DAY without cadence */
	int64_t n_members;
	int64_t n_events;
};

/* Free the contents and zero the struct. NULL is accepted. */
void kith_org_release(struct kith_org *o);

/*
 * Add an organization. name is required (trimmed, at most
 * KITH_ORG_NAME_MAX bytes, unique case- and accent-insensitively); kind
 * NULL is "professional"; every_days 0 is no cadence, else 1..36500.
 * *id (may be NULL) is the new id. Errors: KITH_EINPUT for an empty,
 * too long or taken name ("an organization named 'X' already exists
 * (#3)"), an unknown kind or a cadence out of range.
 */
enum kith_rc kith_org_add(struct kith *k, const char *name, const char *kind, int every_days, int64_t *id);

/*
 * Change an organization: name NULL and kind NULL leave them alone,
 * every_days -1 leaves the cadence alone, 0 removes it. Same checks as
 * kith_org_add; KITH_ENOTFOUND when there is no organization id.
 */
enum kith_rc kith_org_edit(struct kith *k, int64_t id, const char *name, const char *kind, int every_days);

/*
 * Remove organization id and its memberships. Its events with people in
 * them stay in their timelines, without the organization; events attended
 * alone are removed. *n_events (may be NULL) is how many events were
 * removed.
 */
enum kith_rc kith_org_rm(struct kith *k, int64_t id, int64_t *n_events);

/*
 * Resolve a reference to an organization: "12" or "#12" (an id), else a
 * case- and accent-insensitive prefix of its name or of a word in it. A
 * name matched whole wins over longer ones, a prefix of the name over a
 * prefix of a later word. Errors: KITH_ENOTFOUND ("no organization
 * matches 'x'"), KITH_EAMBIG listing up to 5 candidates with their ids.
 */
enum kith_rc kith_org_resolve(struct kith *k, const char *ref, int64_t *id);

/* Load organization id into *o (which the caller releases); KITH_ENOTFOUND. */
enum kith_rc kith_org_get(struct kith *k, int64_t id, struct kith_org *o);

/*
 * Call fn for each organization, sorted by name (case- and
 * accent-insensitively). fn returning non-zero stops. The struct passed
 * to fn is released after the call.
 */
enum kith_rc kith_org_each(struct kith *k, int (*fn)(void *ctx, const struct kith_org *o), void *ctx);

/*
 * Make the n people in ids members of organization org (from today).
 * People already members are left as they are; *added (may be NULL) is
 * how many became members. An unknown person is KITH_ENOTFOUND and nobody
 * is added.
 */
enum kith_rc kith_org_join(struct kith *k, int64_t org, const int64_t *ids, size_t n, size_t *added);

/* Person `person` leaves organization org; KITH_ENOTFOUND when not a member. */
enum kith_rc kith_org_leave(struct kith *k, int64_t org, int64_t person);

/*
 * Call fn for each member of org, sorted by name, with the day they
 * joined. fn returning non-zero stops. name is valid during the call.
 */
enum kith_rc kith_org_members(struct kith *k, int64_t org,
			      int (*fn)(void *ctx, int64_t id, const char *name, kith_day since), void *ctx);

/*
 * Log an event of organization org on `date` (not after today) with the
 * n people in ids (n may be 0: an event attended alone) and an optional
 * note (NULL or ""). The people's clocks are reset as by kith_log. *id
 * (may be NULL) is the new interaction's id (kith unlog removes it).
 */
enum kith_rc kith_org_event(struct kith *k, int64_t org, const int64_t *ids, size_t n, kith_day date,
			    const char *note, int64_t *id);

/*
 * Call fn for each event of org, newest first (by date, then by the order
 * logged), at most `limit` (0: all); fn returning non-zero stops. The
 * struct passed to fn (n_people may be 0) is released after the call.
 */
enum kith_rc kith_org_events(struct kith *k, int64_t org, size_t limit,
			     int (*fn)(void *ctx, const struct kith_interaction *i), void *ctx);

/*
 * Set the role of person id: "mentor", "mentee", or NULL (or "" or
 * "none") for no role. Another value is KITH_EINPUT ("unknown role 'x'
 * (mentor, mentee or none)"); KITH_ENOTFOUND when there is no such person.
 */
enum kith_rc kith_person_set_role(struct kith *k, int64_t id, const char *role);

/*
 * The role of person id: *role is a new string ("mentor" or "mentee";
 * free() it) or NULL without a role. KITH_ENOTFOUND when there is no such
 * person.
 */
enum kith_rc kith_person_role(struct kith *k, int64_t id, char **role);

#endif
