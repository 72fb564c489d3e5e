#ifndef KITH_CONTACT_H
#define KITH_CONTACT_H

/*
 * Contacts from outside (a vCard, a LinkedIn or Google CSV row) and how
 * they join the network without duplicates or loss.
 *
 * An importer parses its format into struct kith_contact values and hands
 * each to kith_contact_merge(), inside one transaction for the whole
 * import. The merge finds the person it describes, in this order: the
 * UID kith gave them (a card kith exported), the LinkedIn profile URL, then an email, then a phone, then the normalized
 * full name — a name alone matches only when exactly one person has it and
 * nothing in the contact contradicts them (a different email or phone on
 * both sides means two people). A match gets the new facts merged in (new
 * emails, phones, links, tags; empty fields filled; nothing overwritten);
 * no match adds a person.
 */

#include <stddef.h>
#include <stdint.h>

#include "kith/kith.h"
#include "kith/person.h"

struct kith_contact {
	char *name;                    /* required */
	char *org, *title, *location, *notes, *met;
	char *birthday;                /* "YYYY-MM-DD" or "--MM-DD", or NULL */
	char *uid;                     /* the source's UID, or NULL */
	struct kith_strlist emails, phones, links, tags;
	kith_day connected_on;         /* when the tie began (LinkedIn), or KITH_NO_DAY;
					  a person the merge adds counts from it */
	/* what kith itself wrote (X-KITH-* in its vCards), so a round trip loses nothing;
	   used for people the import adds */
	int circle;                    /* -1 when not given */
	char *cadence;                 /* "6w..9w" or "none", or NULL */
	char *role;                    /* "mentor", "mentee", or NULL */
	struct kith_strlist goals;
	struct kith_strlist dates;     /* "LABEL=DATE" */
	struct kith_contact_prep *prep; /* kith_contact_prepare's, or NULL */
};

/* Initialize (everything empty). */
void kith_contact_init(struct kith_contact *c);
/* Free the contents and re-initialize. NULL is accepted. */
void kith_contact_release(struct kith_contact *c);

/*
 * The part of merging c that needs no database, done ahead: its emails,
 * phones, links and tags as the merger compares them, and its folded name.
 * An import's reader thread prepares each contact it parsed, so that the
 * thread that merges has less to do. c must not change afterwards, until
 * kith_contact_release (which frees what this keeps).
 */
void kith_contact_prepare(struct kith_contact *c);

struct kith_import_stats {
	size_t added, updated, unchanged, skipped;
	size_t logged, known; /* messages: logged now, and logged by an earlier import */
};

/*
 * Merge one contact into the network (see above). `circle` is the circle of
 * people it adds (-1: the setting default.circle). *id (may be NULL) is the
 * person's id. Updates stats (may be NULL). KITH_EINPUT for a contact
 * without a name.
 */
enum kith_rc kith_contact_merge(struct kith *k, const struct kith_contact *c, int circle,
				struct kith_import_stats *stats, int64_t *id);

/*
 * The same, for many contacts: a merger keeps its prepared statements
 * across calls (an import of thousands of cards prepares them once).
 * kith_contact_merger_new never fails for a valid k (NULL on a database
 * error, with the error set on k); kith_contact_merger_free accepts NULL.
 * A merger belongs to k and must be freed before kith_close(k).
 * Started on a network without people, a merger finds the people it
 * added in memory, without asking the database, as long as nothing else
 * changes the database while it works (if anything does, it asks the
 * database again from then on).
 */
struct kith_contact_merger;
struct kith_contact_merger *kith_contact_merger_new(struct kith *k, int circle);
enum kith_rc kith_contact_merger_add(struct kith_contact_merger *m, const struct kith_contact *c,
				     struct kith_import_stats *stats, int64_t *id);
/*
 * For an import that only merges contacts and reads nothing of the network
 * until kith_contact_merger_finish (kith_contact_merger_defer, before the
 * first add): into an empty network, inside a transaction, once it has
 * added a few hundred people, the merger then hands people's rows to a
 * writer thread and builds some of their indexes at the end (see
 * kith_person_adder_defer), or before its first edit of someone or lookup
 * in the database. kith_contact_merger_finish does that end: call
 * it before reading the network and before committing (KITH_ERR on a
 * database error, and the transaction must be rolled back then).
 * kith_contact_merger_free finishes too when a transaction is open, but
 * says nothing of an error.
 */
void kith_contact_merger_defer(struct kith_contact_merger *m);
enum kith_rc kith_contact_merger_finish(struct kith_contact_merger *m);
void kith_contact_merger_free(struct kith_contact_merger *m);

/*
 * How a merger adds people: on (the default) through a kith_person_adder,
 * its statements prepared once; off through kith_person_add, one call per
 * person. The database is the same either way (tests/unit/test_bulk.c);
 * off is the reference the bulk path is tested against.
 */
void kith_contact_merger_bulk(struct kith_contact_merger *m, int on);

/* The stable form of a LinkedIn profile URL ("https://www.linkedin.com/in/NAME"),
 * a new string, or NULL when url is not one. */
char *kith_linkedin_url(const char *url);

#endif
