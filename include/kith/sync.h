#ifndef KITH_SYNC_H
#define KITH_SYNC_H

/*
 * Two-way sync between the network and a vdir: a folder of .vcf files, one
 * card each, as khard reads and vdirsyncer keeps in step with a CardDAV
 * server.
 *
 * What the last sync saw is kept per folder (its real path) in the table
 * sync_card: for each card file (its href, the file name) the UID it
 * carries, the person it stands for, a hash of the file's bytes and a hash
 * of the person as kith renders them (vCard 3.0 without REV or PRODID, with
 * the card's UID). A side changed when its hash differs from the stored one.
 *
 * The first sync of a folder sends every card through the contact merger
 * (kith/contact.h), so people kith has already merge instead of doubling,
 * and writes a <uid>.vcf for everyone without a card. A card that matched
 * someone kith knew is written back with kith's view of them, under its own
 * file name and UID. Later syncs, per card:
 *
 *   changed in the folder only    the person becomes what the card says, for
 *                                 everything a vCard carries (X-KITH-* too);
 *                                 interactions and other kith-only data stay
 *   changed in kith only          the file is rewritten
 *   deleted in the folder only    the person is removed from kith
 *   removed in kith only          the file is deleted
 *   new card / new person         merged in / a new file
 *
 * Conflicts (changed on both sides; or deleted on one side and changed on
 * the other) follow one rule: kith's version wins field by field, facts only
 * the card has (emails, phones, links, tags, goals, dates, empty fields) are
 * merged in, and a change beats a deletion, so nothing is lost. The file is
 * then rewritten from kith. Every conflict is named in the stats. Not
 * conflicts: the same change on both sides, and a card whose change in the
 * folder is only in what kith does not keep (applied to the person, it
 * gives back the person the last sync agreed on): kith's change is written
 * and the card's new foreign properties are kept.
 *
 * When kith rewrites a card, the properties it neither reads nor writes
 * (PHOTO, ADR, NICKNAME, ...) are carried over from the old file.
 *
 * When every card is gone from a folder that had some, the sync stops
 * (KITH_EINPUT) unless o->force_delete: an unmounted or mistyped folder
 * must not empty the network.
 *
 * Hidden files, files not ending in .vcf and temporary files are ignored.
 * Every card file is read and parsed before anything changes; one that
 * cannot be read fails the sync with "FILE:LINE: why" and nothing changes.
 * The database changes (one savepoint) come before the file writes, which
 * are atomic each (temporary file, fsync, rename).
 */

#include <stddef.h>

#include "kith/kith.h"
#include "kith/person.h"

struct kith_sync_opts {
	int version;          /* vCard version of the cards kith writes: 3 or 4 */
	const char *prodid;   /* the kith version for PRODID; NULL: "unknown" */
	int dry_run;          /* decide and count, but change neither side */
	int force_delete;     /* go on when every card the last sync saw is gone */
};

/* One change a sync made (or would make, in a dry run). */
enum kith_sync_action {
	KITH_SYNC_ADD,    /* a person added from a card */
	KITH_SYNC_UPDATE, /* a person changed by a card */
	KITH_SYNC_REMOVE, /* a person removed: their card was deleted */
	KITH_SYNC_WRITE,  /* a card written from kith */
	KITH_SYNC_DELETE, /* a card deleted: its person was removed in kith */
};

struct kith_sync_change {
	enum kith_sync_action action;
	char *name;    /* the person's name ("" for a deleted card) */
	char *href;    /* the card's file name in the folder */
	int conflict;  /* 1 when part of a conflict */
};

struct kith_sync_stats {
	size_t added, updated, removed; /* people, from the folder into kith */
	size_t written, deleted;        /* files, from kith into the folder */
	size_t cards;                   /* card files in the folder before the sync */
	struct kith_strlist conflicts;  /* names of the people in a conflict */
	struct kith_sync_change *changes; /* every change, in file name order per step */
	size_t n_changes, alloc_changes;
};
#define KITH_SYNC_STATS_INIT { 0, 0, 0, 0, 0, 0, KITH_STRLIST_INIT, NULL, 0, 0 }

/* Free the lists and zero the counts. NULL is accepted. */
void kith_sync_stats_release(struct kith_sync_stats *st);

/*
 * Sync the network with folder dir (created with its parents when missing,
 * unless o->dry_run). st (may be NULL) receives the counts; the caller
 * releases it. Errors: KITH_EINPUT when dir is not a folder or a card
 * cannot be read ("FILE:LINE: why"); KITH_ERR on database or I/O errors.
 * On an error before the files are written, neither side has changed; an
 * error while writing files leaves the files written so far (each
 * complete), and the caller's transaction should be rolled back.
 */
enum kith_rc kith_sync_dir(struct kith *k, const char *dir, const struct kith_sync_opts *o,
			   struct kith_sync_stats *st);

/*
 * FNV-1a, 64 bits, of len bytes as 16 hex digits and a NUL (hex[17]): the
 * fingerprint sync keeps of a file and of a rendered card.
 */
void kith_sync_hash(const void *data, size_t len, char hex[17]);

#endif
