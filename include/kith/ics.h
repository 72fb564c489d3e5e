#ifndef KITH_ICS_H
#define KITH_ICS_H

/*
 * The calendar feed: reminders as iCalendar (RFC 5545) that Google
 * Calendar, Apple Calendar and Thunderbird import cleanly.
 *
 * VEVENTs (not VTODOs), all-day:
 *   birthday-UID@kith    yearly birthdays (29 February: the last day of
 *                        February, BYMONTH=2;BYMONTHDAY=-1)
 *   reconnect-UID@kith   the day someone is next due, with an alarm
 *   chat-UID@kith        a mentor's or mentee's recurring chat, every
 *                        cadence from their next due day, with an alarm
 *   goal-ID@kith         a goal's deadline, with an alarm
 * UIDs are stable (the person's uid, the goal's id). DTSTAMP is the day of
 * the export. Each event's content is remembered (table ics_event): when
 * it changes, its SEQUENCE goes up by one and LAST-MODIFIED moves, so
 * calendars that already have it update it. Text is escaped and lines are
 * folded at 75 octets on UTF-8 character boundaries, with CRLF.
 */

#include <stddef.h>

#include "kith/kith.h"
#include "kith/strbuf.h"

struct kith_ics_stats {
	size_t events, changed;
};

/*
 * Write the whole feed into out and record each event's content (a write:
 * run it in a transaction). stats may be NULL.
 */
enum kith_rc kith_ics_export(struct kith *k, struct strbuf *out, struct kith_ics_stats *stats);

/* Append an iCalendar content line "name:value" (value already escaped as
 * needed), folded at 75 octets on character boundaries, ending in CRLF. */
void kith_ics_line(struct strbuf *out, const char *name, const char *value);

/* Append text escaped for an iCalendar TEXT value (\\ \; \, \n). */
void kith_ics_escape(struct strbuf *out, const char *text);

#endif
