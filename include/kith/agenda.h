#ifndef KITH_AGENDA_H
#define KITH_AGENDA_H

/*
 * Agendas: things to bring up in the next chat with someone (a mentor, a
 * mentee, anyone with recurring chats), collected between chats. An item
 * is open until it is checked off (kith_agenda_done) or until the next
 * chat is logged with `kith log ... --agenda-done` (kith_agenda_close_all).
 * A due chat with open items shows them in the daily plan.
 *
 * Items are numbered by their id, which is unique across people; each
 * call that names an item also names its person, so a wrong number cannot
 * touch someone else's agenda.
 */

#include <stddef.h>
#include <stdint.h>

#include "kith/kith.h"
#include "kith/person.h"

#define KITH_AGENDA_TEXT_MAX 1000 /* bytes */

struct kith_agenda_item {
	int64_t id;
	int64_t person_id;
	char *text;
	kith_day created;
	kith_day done_on; /* KITH_NO_DAY while open */
};

/*
 * Add an item (text trimmed, not empty, one line, at most
 * KITH_AGENDA_TEXT_MAX bytes) to the agenda of person `person`, created today. *id (may be
 * NULL) is its number. KITH_ENOTFOUND when there is no such person.
 */
enum kith_rc kith_agenda_add(struct kith *k, int64_t person, const char *text, int64_t *id);

/*
 * Check off item `item` of person `person` on `date` (not after today).
 * KITH_ENOTFOUND when the person has no such item, KITH_EINPUT when it is
 * already checked off.
 */
enum kith_rc kith_agenda_done(struct kith *k, int64_t person, int64_t item, kith_day date);

/* Remove item `item` of person `person` (open or not); KITH_ENOTFOUND. */
enum kith_rc kith_agenda_rm(struct kith *k, int64_t person, int64_t item);

/*
 * Check off every open item of person_id on `date` (the day of the chat
 * that covered them; not after today). Nothing open is not an error.
 */
enum kith_rc kith_agenda_close_all(struct kith *k, int64_t person_id, kith_day date);

/*
 * The open items of person_id, oldest first: their texts are pushed onto
 * texts (may be NULL; the caller releases it) and *count (may be NULL) is
 * how many there are.
 */
enum kith_rc kith_agenda_open(struct kith *k, int64_t person_id, struct kith_strlist *texts, size_t *count);

/*
 * Call fn for each item of person_id: open ones oldest first, then (with
 * all) the checked-off ones, most recently checked off first. fn
 * returning non-zero stops; the struct is released after the call.
 */
enum kith_rc kith_agenda_each(struct kith *k, int64_t person_id, int all,
			      int (*fn)(void *ctx, const struct kith_agenda_item *it), void *ctx);

#endif
