#ifndef KITH_PERSON_H
#define KITH_PERSON_H

/*
 * People: the records of the network, how to name them, change them, merge
 * and remove them.
 */

#include <stddef.h>
#include <stdint.h>

#include "kith/cadence.h"
#include "kith/kith.h"

/* A list of owned strings. Static initializer; release frees all. */
struct kith_strlist {
	char **v;
	size_t n, alloc;
};
#define KITH_STRLIST_INIT { NULL, 0, 0 }
void kith_strlist_push(struct kith_strlist *l, const char *s); /* copies s */
void kith_strlist_take(struct kith_strlist *l, char *s); /* s itself, malloc'd: the list frees it */
void kith_strlist_release(struct kith_strlist *l);

/* A labelled date of a person ("work anniversary" on 2019-03-01, or --03-01). */
struct kith_pdate {
	char *label;
	char *date; /* "YYYY-MM-DD" or "--MM-DD" when the year is unknown */
};

struct kith_person {
	int64_t id;
	char *uid;
	char *name;
	char *org, *title, *location, *met, *notes; /* NULL when unset */
	int64_t introduced_by;                       /* 0 when unset */
	char *introduced_by_name;
	int circle;                    /* enum kith_circle */
	char *role;                    /* "mentor", "mentee" or NULL */
	struct kith_cadence own;       /* the person's own cadence; ideal -1 = inherit */
	struct kith_cadence cadence;   /* effective cadence (ideal 0 = none) */
	char *birthday;                /* "YYYY-MM-DD" or "--MM-DD", or NULL */
	kith_day created;
	kith_day snoozed_until;        /* KITH_NO_DAY when not snoozed */
	kith_day last_touch;           /* KITH_NO_DAY when never in touch */
	char *last_kind;
	kith_day due_on, overdue_on;   /* KITH_NO_DAY without cadence */
	struct kith_strlist emails, phones, links, tags, goals;
	struct kith_pdate *dates;
	size_t n_dates;
	int64_t n_interactions;
};

/* Free the contents and zero the struct. NULL is accepted. */
void kith_person_release(struct kith_person *p);

/* The status of p today (none, ok, due, overdue). */
enum kith_status kith_person_status(const struct kith *k, const struct kith_person *p);

/*
 * A change to a person, for kith_person_add and kith_person_edit.
 * Scalar text fields: NULL leaves the field alone, "" clears it, anything
 * else sets it (trimmed). Lists: add_* are added (duplicates ignored),
 * rm_* removed (removing a value that is not there is KITH_EINPUT).
 */
struct kith_person_change {
	const char *name;
	const char *org, *title, *location, *met, *notes;
	const char *birthday;      /* "YYYY-MM-DD", "--MM-DD", "MM-DD"; "" clears */
	int64_t introduced_by;     /* 0 leaves alone, -1 clears, else a person id */
	int circle;                /* -1 leaves alone */
	int set_cadence;           /* 0 leave, 1 set own cadence, 2 inherit again */
	struct kith_cadence cadence; /* with set_cadence 1; ideal 0 = no cadence */
	int clear_snooze;          /* 1 removes a snooze */
	const char *role;          /* "mentor", "mentee", "" clears, NULL leaves alone */
	struct kith_strlist add_emails, rm_emails;
	struct kith_strlist add_phones, rm_phones;
	struct kith_strlist add_links, rm_links;
	struct kith_strlist add_tags, rm_tags;
	struct kith_strlist add_goals, rm_goals;
	struct kith_strlist add_dates; /* "LABEL=DATE" */
	struct kith_strlist rm_dates;  /* labels */
};

/* Initialize: everything "leave alone". */
void kith_person_change_init(struct kith_person_change *c);
/* Free the lists (not the const char * fields, which the caller owns). */
void kith_person_change_release(struct kith_person_change *c);

/*
 * Add a person; c->name is required. The circle defaults to the setting
 * default.circle. On success *id is the new id. Bad values (an email
 * without '@', an email that belongs to someone else, a bad birthday) are
 * KITH_EINPUT and nothing is written.
 */
enum kith_rc kith_person_add(struct kith *k, const struct kith_person_change *c, int64_t *id);

/*
 * Many new people at once (an import): the same rows, name tokens, search
 * row and derived columns as kith_person_add, with every statement prepared
 * once and the derived columns computed in C (a new person has no
 * interactions). kith_person_adder_add takes the person's `created` day
 * (KITH_NO_DAY: today), `uid` (NULL, empty, too long or taken: a new one)
 * and flags (0, or KITH_ADDER_CHECKED below). Errors are kith_person_add's; KITH_EINPUT writes nothing, but a
 * database error (KITH_ERR) may leave the person half written: run the
 * adder inside a transaction and roll it back then (there is no savepoint
 * per person, which would cost more than the rest of the call).
 * kith_person_adder_new returns NULL on a database error (set on k); an
 * adder belongs to k, is freed before kith_close(k), and assumes the
 * settings (default circle, circle and tag cadences) do not change while
 * it lives.
 */
struct kith_person_adder;
struct kith_person_adder *kith_person_adder_new(struct kith *k);
enum kith_rc kith_person_adder_add(struct kith_person_adder *a, const struct kith_person_change *c,
				   kith_day created, const char *uid, unsigned flags, int64_t *id);
/* flags: the caller (the contact merger) has looked up already that no
 * email of c belongs to anyone and that uid is free */
#define KITH_ADDER_CHECKED 1u
/*
 * For many people added to a network that is empty or small (a first
 * import), kith_person_adder_defer changes how the adder writes, until
 * kith_person_adder_flush:
 *  - the indexes whose keys come in random order (emails, phones, profile
 *    URLs) are dropped, and the flush builds each again from one sort of
 *    its rows;
 *  - people, their lists, name tokens and search rows are written many to
 *    a statement, by a thread of the adder's own (sets of up to 512 people),
 *    while the caller's thread checks and adds the next people.
 * Only inside a transaction. Until the flush, the connection belongs to the
 * adder: the caller reads, writes and looks up nothing outside the adder
 * (kith_person_adder_settle writes what waits and gives the connection
 * back until the next add, so that the people added can be read by id).
 * An add without KITH_ADDER_CHECKED, or one the bulk path does not cover,
 * flushes first. kith_person_adder_free flushes when a transaction is still
 * open. The three return KITH_ERR on a database error (the writer's is
 * told at the next add, settle or flush); after a failed defer, a flush
 * makes what was dropped again. kith_person_adder_deferring: 1 from the
 * defer to the flush, else 0.
 */
enum kith_rc kith_person_adder_defer(struct kith_person_adder *a);
enum kith_rc kith_person_adder_flush(struct kith_person_adder *a);
enum kith_rc kith_person_adder_settle(struct kith_person_adder *a);
int kith_person_adder_deferring(const struct kith_person_adder *a);
void kith_person_adder_free(struct kith_person_adder *a);

/* The circles' cadences (defaults overridden by the cadence.* settings). */
enum kith_rc kith_circle_cadences(struct kith *k, struct kith_cadence out[KITH_N_CIRCLES]);
/* How many days (1..ideal) after being added someone never in touch falls
 * due, spread by their id; 0 when ideal <= 0. */
int64_t kith_cadence_spread(int64_t id, int ideal);

/* Apply a change to person id. */
enum kith_rc kith_person_edit(struct kith *k, int64_t id, const struct kith_person_change *c);

/*
 * Load person id into *p (which the caller releases). KITH_ENOTFOUND when
 * there is no such person.
 */
enum kith_rc kith_person_get(struct kith *k, int64_t id, struct kith_person *p);

/*
 * kith_person_get for many people (an export): the same result, with its
 * statements prepared once. kith_person_reader_new returns NULL on a
 * database error (set on k); the reader belongs to k and is freed before
 * kith_close(k); kith_person_reader_free accepts NULL.
 */
struct kith_person_reader;
struct kith_person_reader *kith_person_reader_new(struct kith *k);
enum kith_rc kith_person_reader_get(struct kith_person_reader *r, int64_t id, struct kith_person *p);
void kith_person_reader_free(struct kith_person_reader *r);

/*
 * Remove person id with everything that is only theirs; interactions
 * shared with others stay, without them. *n_interactions (may be NULL)
 * tells how many interactions were removed.
 */
enum kith_rc kith_person_rm(struct kith *k, int64_t id, int64_t *n_interactions);

/*
 * Merge person `from` into person `into`: interactions, emails, phones,
 * links, tags, goals and dates move over; fields empty on `into` take
 * `from`'s values; notes are joined; whoever `from` introduced is now
 * introduced by `into`. `from` is removed. *moved (may be NULL) is the
 * number of interactions moved.
 */
enum kith_rc kith_person_merge(struct kith *k, int64_t from, int64_t into, int64_t *moved);

/*
 * Snooze person id until day `until` (pushes next_due, see cadence.h);
 * until == KITH_NO_DAY removes the snooze.
 */
enum kith_rc kith_person_snooze(struct kith *k, int64_t id, kith_day until);

/*
 * Resolve a reference to one person: "12" or "#12" (an id), an email, or a
 * case- and accent-insensitive prefix of the name or of a word in it
 * ("ada", "lovelace", "ada l"). An exact full-name match wins over longer
 * names. `exclude` (0 for none) is never chosen, so `merge "Ada L." ada`
 * can mean the other Ada. Errors: KITH_ENOTFOUND ("no person matches
 * 'x'"), KITH_EAMBIG listing up to 5 candidates with their ids.
 */
enum kith_rc kith_resolve(struct kith *k, const char *ref, int64_t exclude, int64_t *id);

/*
 * Resolve a comma-separated list ("ada,grace, 12"); duplicates are
 * dropped. *ids is a new array (free() it) of *n ids.
 */
enum kith_rc kith_resolve_list(struct kith *k, const char *refs, int64_t **ids, size_t *n);

/* Write a person's display name into buf ("Ada Lovelace"); returns buf. */
char *kith_person_name(struct kith *k, int64_t id, char *buf, size_t len);

/* 1 when e looks like an email address (one '@', no spaces, <= 254 bytes). */
int kith_email_valid(const char *e);
/* The matching key of an email (lowercase) or a phone number (its digits,
 * a leading + kept). New strings (free() them). */
char *kith_email_key(const char *e);
char *kith_phone_key(const char *ph);

/* Normalize a tag as stored: trimmed, lowercase ASCII, spaces to '-'.
 * Returns a new string, or NULL when the tag is empty or too long. */
char *kith_tag_normalize(const char *tag);

/*
 * Parse a birthday "YYYY-MM-DD", "--MM-DD", "--MMDD" or "MM-DD" into its
 * stored form (buf, 11 bytes) and the month*100+day key. 0 or -1.
 */
int kith_birthday_parse(const char *s, char *buf, int *md);

/*
 * The parts of a birthday or date in any form kith_birthday_parse accepts
 * (the stored "YYYY-MM-DD" or "--MM-DD" included): *year is 0 when the year
 * is unknown. 0, or -1 when s is not a date.
 */
int kith_birthday_split(const char *s, int *year, int *month, int *day);

#endif
