#ifndef KITH_ICSIMPORT_H
#define KITH_ICSIMPORT_H

/*
 * Calendar in: past events of an iCalendar file (RFC 5545, read with
 * libical) become interactions with the people they were with.
 *
 * Two layers. The reader (kith_ics_read) needs no database: it parses the
 * file, expands each event's occurrences up to today and hands each past
 * occurrence to a callback with the email keys of the people in it. The
 * importer (kith_ics_import) matches those emails to people and logs one
 * interaction per occurrence through kith_log, remembering each occurrence
 * in the table ics_import so that a re-import skips it.
 *
 * What counts:
 *   - VEVENTs only; STATUS:CANCELLED events (or cancelled instances) are
 *     skipped. The people in an occurrence are its ORGANIZER and its
 *     ATTENDEEs with a mailto: address, except attendees with
 *     PARTSTAT=DECLINED.
 *   - Occurrences: DTSTART, the RRULEs (libical's recurrence iterator),
 *     RDATEs, less the EXDATEs; an instance overridden by a VEVENT with the
 *     same UID and a RECURRENCE-ID takes that VEVENT's time, summary,
 *     status and attendees (RANGE=THISANDFUTURE is treated as the one
 *     instance). At most KITH_ICS_MAX_OCCURRENCES up to today per event.
 *   - The day of an occurrence is its start's date in the event's own time
 *     zone (DTSTART's TZID; a floating time or an all-day date as written).
 *     A UTC time is taken in the calendar's X-WR-TIMEZONE when it names a
 *     zone libical knows, else in UTC. Occurrences up to and including
 *     today are past; later ones are left for a later import.
 *   - The kind, by whole words of SUMMARY, then of LOCATION (where "Zoom
 *     Meeting" or a meet.google.com link lives), case and accents ignored:
 *     coffee, cafe (café), lunch, breakfast, dinner, drinks, walk: coffee; call, phone,
 *     zoom, meet, teams, video: call (coffee words win when both appear);
 *     anything else: meeting. DESCRIPTION is not used (invitations carry
 *     boilerplate such as "Join with Google Meet" in every event).
 *   - The note is the SUMMARY, on one line, trimmed, at most
 *     KITH_ICS_MAX_NOTE bytes (cut on a character boundary).
 *   - The key of an occurrence is (UID, day of the instance as scheduled:
 *     the RECURRENCE-ID's day for a moved one), at most one per event and
 *     day. An event without UID gets "nouid-" and a hash of its DTSTART,
 *     SUMMARY and ORGANIZER, so a re-import of the same file still matches.
 *
 * Errors: a file libical cannot parse, with BEGIN and END lines that do
 * not pair up, or with errors outside its events (in VCALENDAR or
 * VTIMEZONE), fails as a whole. An event with errors
 * (libical's X-LIC-ERROR), without DTSTART, with an unreadable RRULE or too
 * many occurrences is bad: reported with the line of its BEGIN:VEVENT, and
 * it fails the whole import unless the caller chose to skip bad events.
 */

#include <stddef.h>

#include "kith/kith.h"

#define KITH_ICS_MAX_FILE (64u << 20)      /* bytes in one file */
#define KITH_ICS_MAX_OCCURRENCES 5000      /* per event, up to today */
#define KITH_ICS_MAX_NOTE 500              /* bytes of SUMMARY kept */
#define KITH_ICS_MAX_EMAILS 1000           /* people per occurrence */

/* One past occurrence, valid only during the callback (owned by the reader). */
struct kith_ics_occurrence {
	const char *key;      /* UID, or "nouid-" and a hash */
	kith_day key_day;     /* the instance's day as scheduled */
	kith_day day;         /* the day it took place */
	const char *kind;     /* "coffee", "call" or "meeting" */
	const char *note;     /* the cleaned SUMMARY, NULL when empty */
	size_t event;         /* index of its event in the file (0-based) */
	size_t n_emails;
	char **emails;        /* email keys (kith_email_key), no duplicates */
};

struct kith_ics_handler {
	/* Each past occurrence, event by event; non-zero stops the reading. */
	int (*occurrence)(void *ctx, const struct kith_ics_occurrence *o);
	/*
	 * A bad event: line of its BEGIN:VEVENT (0 when unknown) and why.
	 * Return 0 to skip it and go on, non-zero to stop (the read fails).
	 * NULL: every bad event stops the read.
	 */
	int (*bad)(void *ctx, size_t line, const char *why);
	void *ctx;
};

struct kith_ics_read_stats {
	size_t events;        /* events in the file (VEVENTs sharing a UID count once) */
	size_t occurrences;   /* past occurrences handed to the callback */
	size_t cancelled;     /* events cancelled as a whole */
	size_t future;        /* events with no occurrence up to today */
	size_t bad;           /* bad events skipped */
};

/*
 * Read the calendar in data (len bytes, need not be NUL-terminated) as of
 * `today`. Returns 0 when read to the end, 1 when a callback stopped it,
 * -1 when the file cannot be read or a bad event stopped it: then err
 * (errlen bytes) holds the reason and *err_line (may be NULL) the line, 0
 * when the failure is not tied to one line. st may be NULL.
 */
int kith_ics_read(const char *data, size_t len, kith_day today, const struct kith_ics_handler *h,
		  struct kith_ics_read_stats *st, char *err, size_t errlen, size_t *err_line);

/* The kind for an event's SUMMARY and LOCATION (either may be NULL), by the rule above. */
const char *kith_ics_kind(const char *summary, const char *location);

struct kith_ics_import_opts {
	int skip_bad;   /* skip bad events (each passed to on_bad) instead of failing */
	int dry_run;    /* count what would be logged, change nothing */
	void (*on_bad)(void *ctx, size_t line, const char *why);
	void *ctx;
};

struct kith_ics_import_stats {
	struct kith_ics_read_stats read;
	size_t logged;     /* interactions logged (or that would be, dry run) */
	size_t known;      /* matched occurrences already imported before */
	size_t unmatched;  /* events with past occurrences, none with anyone in the network */
	size_t err_line;   /* on failure: the line of the error, 0 when none */
	int bad_event;     /* on failure: it is a bad event (skip_bad would have skipped it) */
};

/*
 * Import the calendar in data (len bytes) as of k's today. One savepoint:
 * on failure nothing is changed. A file that cannot be read and (without
 * skip_bad) a bad event are KITH_EINPUT, with the reason in kith_errmsg()
 * and the line in st->err_line. opts and st may be NULL.
 */
enum kith_rc kith_ics_import(struct kith *k, const char *data, size_t len,
			     const struct kith_ics_import_opts *opts, struct kith_ics_import_stats *st);

#endif
