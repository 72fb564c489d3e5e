/*
 * Calendar in: the kind rule, occurrences (recurrence, EXDATE, moved and
 * cancelled instances, time zones, all-day), people (declined attendees
 * left out), keys for events without UID, bad events and broken files, and
 * the importer (logging, re-import, unlog, dry run, nothing changed on
 * failure).
 */
#include <libical/ical.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/icsimport.h"
#include "kith/interaction.h"
#include "kith/person.h"
#include "kith/strbuf.h"
#include "tap.h"
#include "testdb.h"

static kith_day D(int y, int m, int d)
{
	return kith_day_from_civil(y, m, d);
}

#define MAX_OCC 64

struct got {
	size_t n, bad, bad_line[8];
	char key[MAX_OCC][80];
	kith_day day[MAX_OCC], key_day[MAX_OCC];
	char kind[MAX_OCC][16];
	char note[MAX_OCC][600];
	char emails[MAX_OCC][200];
	size_t event[MAX_OCC];
};

static int on_occ(void *ctx, const struct kith_ics_occurrence *o)
{
	struct got *g = ctx;
	struct strbuf e = STRBUF_INIT;
	if (g->n == MAX_OCC)
		return 1;
	snprintf(g->key[g->n], sizeof(g->key[0]), "%s", o->key);
	g->day[g->n] = o->day;
	g->key_day[g->n] = o->key_day;
	snprintf(g->kind[g->n], sizeof(g->kind[0]), "%s", o->kind);
	snprintf(g->note[g->n], sizeof(g->note[0]), "%s", o->note ? o->note : "(null)");
	for (size_t i = 0; i < o->n_emails; i++)
		strbuf_addf(&e, "%s%s", i ? "," : "", o->emails[i]);
	snprintf(g->emails[g->n], sizeof(g->emails[0]), "%s", e.buf);
	g->event[g->n] = o->event;
	strbuf_release(&e);
	g->n++;
	return 0;
}

static int on_bad(void *ctx, size_t line, const char *why)
{
	struct got *g = ctx;
	(void)why;
	if (g->bad < 8)
		g->bad_line[g->bad] = line;
	g->bad++;
	return 0;
}

static int read_cal(const char *text, struct got *g, struct kith_ics_read_stats *st, char *err, size_t *line)
{
	struct kith_ics_handler h = { on_occ, on_bad, g };
	memset(g, 0, sizeof(*g));
	return kith_ics_read(text, strlen(text), D(2026, 11, 26), &h, st, err, 256, line);
}

/* index of the occurrence on day d, or -1 */
static int on_day(const struct got *g, kith_day d)
{
	for (size_t i = 0; i < g->n; i++)
		if (g->day[i] == d)
			return (int)i;
	return -1;
}

#define VTZ_BERLIN \
	"BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n" \
	"BEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n" \
	"TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\n" \
	"BEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n" \
	"TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n"

/* a weekly call on Thursdays from 1 October 2026 (across the end of summer
   time), 15 October excluded, 22 October moved to the 23rd, 12 November
   cancelled, Cy declined the series but accepted the moved one */
static const char weekly[] =
	"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" VTZ_BERLIN
	"BEGIN:VEVENT\r\nUID:weekly@test\r\nDTSTAMP:20261001T000000Z\r\n"
	"DTSTART;TZID=Europe/Berlin:20261001T100000\r\nDTEND;TZID=Europe/Berlin:20261001T103000\r\n"
	"RRULE:FREQ=WEEKLY;BYDAY=TH\r\nEXDATE;TZID=Europe/Berlin:20261015T100000\r\n"
	"SUMMARY:Weekly sync\r\nLOCATION:https://meet.google.com/abc-defg-hij\r\n"
	"ORGANIZER;CN=Bob:mailto:Bob@Example.org\r\n"
	"ATTENDEE;PARTSTAT=DECLINED:mailto:cy@example.net\r\n"
	"ATTENDEE;PARTSTAT=ACCEPTED:MAILTO:ADA@example.com\r\n"
	"ATTENDEE;PARTSTAT=ACCEPTED:mailto:ada@example.com\r\n"
	"END:VEVENT\r\n"
	"BEGIN:VEVENT\r\nUID:weekly@test\r\nDTSTAMP:20261001T000000Z\r\n"
	"RECURRENCE-ID;TZID=Europe/Berlin:20261022T100000\r\n"
	"DTSTART;TZID=Europe/Berlin:20261023T233000\r\nDTEND;TZID=Europe/Berlin:20261023T235900\r\n"
	"SUMMARY:Weekly sync (moved)\r\nLOCATION:Zoom\r\n"
	"ORGANIZER:mailto:bob@example.org\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:cy@example.net\r\n"
	"END:VEVENT\r\n"
	"BEGIN:VEVENT\r\nUID:weekly@test\r\nDTSTAMP:20261001T000000Z\r\n"
	"RECURRENCE-ID:20261112T090000Z\r\nSTATUS:CANCELLED\r\n"
	"DTSTART;TZID=Europe/Berlin:20261112T100000\r\n"
	"END:VEVENT\r\n"
	"END:VCALENDAR\r\n";

static void test_kind(void)
{
	CHECK_STR(kith_ics_kind("Coffee with Ada", NULL), "coffee");
	CHECK_STR(kith_ics_kind("CAFÉ", NULL), "coffee");
	CHECK_STR(kith_ics_kind("drinks!", "Room 4"), "coffee");
	CHECK_STR(kith_ics_kind("Lunch call", NULL), "coffee");
	CHECK_STR(kith_ics_kind("Phone-call", NULL), "call");
	CHECK_STR(kith_ics_kind("Sync", "https://us02web.zoom.us/j/123"), "call");
	CHECK_STR(kith_ics_kind("Sync", "Microsoft Teams Meeting"), "call");
	CHECK_STR(kith_ics_kind("Recall the walking plan", "Room 4"), "meeting");
	CHECK_STR(kith_ics_kind("Planning", NULL), "meeting");
	CHECK_STR(kith_ics_kind(NULL, NULL), "meeting");
	/* the summary decides before the location */
	CHECK_STR(kith_ics_kind("Call", "Café Central"), "call");
}

static void test_weekly(void)
{
	struct kith_ics_read_stats st;
	struct got g;
	char err[256];
	size_t line;
	int i;

	CHECK_INT(read_cal(weekly, &g, &st, err, &line), 0);
	/* 1, 8, (15 excluded), 22 moved to 23, 29 Oct, 5, (12 cancelled), 19, 26 Nov (today counts) */
	CHECK_INT(g.n, 7);
	CHECK_INT(st.events, 1);
	CHECK_INT(st.occurrences, 7);
	CHECK(on_day(&g, D(2026, 10, 15)) < 0);
	CHECK(on_day(&g, D(2026, 10, 22)) < 0);
	CHECK(on_day(&g, D(2026, 11, 12)) < 0);
	CHECK(on_day(&g, D(2026, 11, 26)) >= 0);
	/* after the switch to winter time the local day and hour stay */
	CHECK((i = on_day(&g, D(2026, 10, 29))) >= 0);
	if (i >= 0) {
		CHECK_STR(g.kind[i], "call");
		CHECK_STR(g.note[i], "Weekly sync");
		/* declined Cy left out, Ada once, case ignored */
		CHECK_STR(g.emails[i], "bob@example.org,ada@example.com");
		CHECK_STR(g.key[i], "weekly@test");
		CHECK_INT(g.key_day[i], D(2026, 10, 29));
	}
	/* the moved one: its own day (23:30 in Berlin, 21:30 UTC: still the 23rd), time, title and people; keyed by the day it was planned */
	CHECK((i = on_day(&g, D(2026, 10, 23))) >= 0);
	if (i >= 0) {
		CHECK_STR(g.note[i], "Weekly sync (moved)");
		CHECK_STR(g.emails[i], "bob@example.org,cy@example.net");
		CHECK_INT(g.key_day[i], D(2026, 10, 22));
	}
}

static void test_days_and_keys(void)
{
	static const char cal[] =
		"BEGIN:VCALENDAR\nVERSION:2.0\nX-WR-TIMEZONE:America/New_York\n"
		/* all-day, no UID */
		"BEGIN:VEVENT\nDTSTART;VALUE=DATE:20260301\nSUMMARY:  Lunch \\n at   the\tpier  \n"
		"ORGANIZER:mailto:cy@example.net\nEND:VEVENT\n"
		/* UTC, taken in the calendar's zone */
		"BEGIN:VEVENT\nUID:utc@test\nDTSTART:20261101T030000Z\nSUMMARY:Planning\n"
		"ATTENDEE;EMAIL=dee@example.com:urn:uuid:1\nEND:VEVENT\n"
		/* floating, as written; RDATE and a future one */
		"BEGIN:VEVENT\nUID:float@test\nDTSTART:20260110T233000\nRDATE:20260115T080000,20270101T080000\n"
		"SUMMARY:Dinner\nATTENDEE:mailto:ada@example.com\nEND:VEVENT\n"
		/* cancelled, future, nobody */
		"BEGIN:VEVENT\nUID:c@test\nDTSTART:20260101T100000Z\nSTATUS:CANCELLED\n"
		"ATTENDEE:mailto:ada@example.com\nEND:VEVENT\n"
		"BEGIN:VEVENT\nUID:f@test\nDTSTART:20261127T100000Z\nATTENDEE:mailto:ada@example.com\nEND:VEVENT\n"
		"END:VCALENDAR\n";
	struct kith_ics_read_stats st;
	struct got g, again;
	char err[256];
	size_t line;
	int i;

	CHECK_INT(read_cal(cal, &g, &st, err, &line), 0);
	CHECK_INT(st.events, 5);
	CHECK_INT(st.cancelled, 1);
	CHECK_INT(st.future, 1);
	CHECK_INT(g.n, 4);
	CHECK((i = on_day(&g, D(2026, 3, 1))) >= 0);
	if (i >= 0) {
		CHECK_STR(g.kind[i], "coffee");
		CHECK_STR(g.note[i], "Lunch at the pier");
		CHECK(!strncmp(g.key[i], "nouid-", 6));
		CHECK_STR(g.emails[i], "cy@example.net");
	}
	if (icaltimezone_get_builtin_timezone("America/New_York"))
		CHECK((i = on_day(&g, D(2026, 10, 31))) >= 0);
	else
		CHECK((i = on_day(&g, D(2026, 11, 1))) >= 0);
	if (i >= 0)
		CHECK_STR(g.emails[i], "dee@example.com");
	CHECK(on_day(&g, D(2026, 1, 10)) >= 0);
	CHECK(on_day(&g, D(2026, 1, 15)) >= 0);

	/* the synthetic key is stable */
	CHECK_INT(read_cal(cal, &again, &st, err, &line), 0);
	i = on_day(&g, D(2026, 3, 1));
	CHECK(i >= 0 && !strcmp(g.key[i], again.key[on_day(&again, D(2026, 3, 1))]));
}

static void test_limits(void)
{
	struct kith_ics_read_stats st;
	struct got g;
	char err[256], note[4000];
	struct strbuf cal = STRBUF_INIT;
	size_t line;

	/* hourly since 2020: past the cap, a bad event on its line */
	CHECK_INT(read_cal("BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:ok\nDTSTART:20260101\n"
			   "ATTENDEE:mailto:a@b.c\nEND:VEVENT\n"
			   "BEGIN:VEVENT\nUID:h\nDTSTART:20200101T000000Z\nRRULE:FREQ=HOURLY\nEND:VEVENT\nEND:VCALENDAR\n",
			   &g, &st, err, &line), 0);
	CHECK_INT(g.bad, 1);
	CHECK_INT(g.bad_line[0], 8);
	CHECK_INT(st.bad, 1);
	CHECK_INT(g.n, 1);

	/* an EXDATE in the year 4129 excludes nothing (and is not converted between zones) */
	CHECK_INT(read_cal("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" VTZ_BERLIN
			   "BEGIN:VEVENT\r\nUID:w\r\nDTSTART;TZID=Europe/Berlin:20261105T100000\r\nRRULE:FREQ=WEEKLY\r\n"
			   "EXDATE;TZID=Europe/Berlin:41290105T100000\r\nEXDATE:20261112T090000Z\r\n"
			   "ATTENDEE:mailto:a@b.c\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
			   &g, &st, err, &line), 0);
	CHECK_INT(g.n, 3);
	CHECK(on_day(&g, D(2026, 11, 12)) < 0);

	/* without a bad handler the read fails, with the message and line */
	{
		struct kith_ics_handler h = { on_occ, NULL, &g };
		const char *text = "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:h\nDTSTART:2026garbage\nEND:VEVENT\nEND:VCALENDAR\n";
		memset(&g, 0, sizeof(g));
		CHECK_INT(kith_ics_read(text, strlen(text), D(2026, 11, 26), &h, &st, err, sizeof(err), &line), -1);
		CHECK_INT(line, 3);
		CHECK(strstr(err, "DTSTART") != NULL);
	}

	/* a long title: cut on a character boundary */
	memset(note, 0, sizeof(note));
	for (size_t i = 0; i < 1000; i++)
		memcpy(note + 2 * i, "\xC3\xA9", 2);
	strbuf_addf(&cal, "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:l\nDTSTART:20260101\nSUMMARY:x%s\n"
		    "ATTENDEE:mailto:a@b.c\nEND:VEVENT\nEND:VCALENDAR\n", note);
	CHECK_INT(read_cal(cal.buf, &g, &st, err, &line), 0);
	CHECK_INT(g.n, 1);
	CHECK_INT(strlen(g.note[0]), KITH_ICS_MAX_NOTE - 1);
	strbuf_release(&cal);

	/* broken files */
	CHECK_INT(read_cal("hello\n", &g, &st, err, &line), -1);
	CHECK(strstr(err, "not an iCalendar file") != NULL);
	CHECK_INT(read_cal("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nDTSTART:20260101\nEND:VEVENT\n", &g, &st, err, &line), -1);
	CHECK(strstr(err, "END:VCALENDAR") != NULL);
	/* an END that does not pair up, which libical would only mention on stderr */
	CHECK_INT(read_cal("BEGIN:VCALENDAR\nVERSION:2.0\nEND:VEVENT\nEND:VCALENDAR\n", &g, &st, err, &line), -1);
	CHECK_INT(line, 3);
	CHECK(strstr(err, "END:VEVENT where END:VCALENDAR (for line 1) was expected") != NULL);
	CHECK_INT(read_cal("BEGIN:VCALENDAR\nVERSION:2.0\nFOO;BAR\nBEGIN:VEVENT\nUID:x\nDTSTART:20260101\n"
			   "ATTENDEE:mailto:a@b.c\nEND:VEVENT\nEND:VCALENDAR\n", &g, &st, err, &line), -1);
	CHECK_INT(g.n, 0);
	CHECK_INT(line, 0);
	CHECK_INT(kith_ics_read("BEGIN:VCALENDAR\n\0", 17, D(2026, 11, 26), NULL, NULL, err, sizeof(err), NULL), -1);
	CHECK(strstr(err, "NUL") != NULL);
}

static size_t count_rows(struct kith *k, const char *sql)
{
	sqlite3_stmt *st;
	size_t n = 0;
	if (sqlite3_prepare_v2(kith_db(k), sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static int64_t add_with_email(struct kith *k, const char *name, const char *email)
{
	struct kith_person_change ch;
	int64_t id = 0;
	kith_person_change_init(&ch);
	ch.name = name;
	kith_strlist_push(&ch.add_emails, email);
	if (kith_person_add(k, &ch, &id) != KITH_OK)
		id = -1;
	kith_person_change_release(&ch);
	return id;
}

static void test_import(void)
{
	struct kith *k = testdb_open(D(2026, 11, 26));
	struct kith_ics_import_opts o;
	struct kith_ics_import_stats st;
	struct kith_person p;
	int64_t ada = add_with_email(k, "Ada Lovelace", "ada@example.com");
	int64_t bob = add_with_email(k, "Bob Smith", "bob@EXAMPLE.org");
	static const char bad[] =
		"BEGIN:VCALENDAR\nVERSION:2.0\n"
		"BEGIN:VEVENT\nUID:one@test\nDTSTART:20260105T100000Z\nSUMMARY:Coffee\nATTENDEE:mailto:ada@example.com\nEND:VEVENT\n"
		"BEGIN:VEVENT\nUID:bad@test\nDTSTART:2026garbage\nATTENDEE:mailto:ada@example.com\nEND:VEVENT\n"
		"END:VCALENDAR\n";

	memset(&o, 0, sizeof(o));
	CHECK(ada > 0 && bob > 0);

	/* dry run: counted, nothing written */
	o.dry_run = 1;
	CHECK_INT(kith_ics_import(k, weekly, strlen(weekly), &o, &st), KITH_OK);
	CHECK_INT(st.logged, 7);
	CHECK_INT(count_rows(k, "SELECT count(*) FROM interaction"), 0);
	CHECK_INT(count_rows(k, "SELECT count(*) FROM ics_import"), 0);
	o.dry_run = 0;

	CHECK_INT(kith_ics_import(k, weekly, strlen(weekly), &o, &st), KITH_OK);
	CHECK_INT(st.logged, 7);
	CHECK_INT(st.known, 0);
	CHECK_INT(st.unmatched, 0);
	CHECK_INT(count_rows(k, "SELECT count(*) FROM interaction"), 7);
	CHECK_INT(count_rows(k, "SELECT count(*) FROM interaction_person WHERE person_id = 1"), 6);
	CHECK_INT(count_rows(k, "SELECT count(*) FROM interaction_person WHERE person_id = 2"), 7);
	CHECK_INT(kith_person_get(k, ada, &p), KITH_OK);
	CHECK_INT(p.last_touch, D(2026, 11, 26));
	CHECK_STR(p.last_kind, "call");
	kith_person_release(&p);

	/* again: nothing new */
	CHECK_INT(kith_ics_import(k, weekly, strlen(weekly), &o, &st), KITH_OK);
	CHECK_INT(st.logged, 0);
	CHECK_INT(st.known, 7);

	/* removed by hand: not brought back, and the clocks follow */
	CHECK_INT(kith_interaction_rm(k, (int64_t)count_rows(k, "SELECT max(id) FROM interaction")), KITH_OK);
	CHECK_INT(kith_ics_import(k, weekly, strlen(weekly), &o, &st), KITH_OK);
	CHECK_INT(st.logged, 0);
	CHECK_INT(count_rows(k, "SELECT count(*) FROM interaction"), 6);
	CHECK_INT(kith_person_get(k, ada, &p), KITH_OK);
	CHECK_INT(p.last_touch, D(2026, 11, 19));
	kith_person_release(&p);

	/* a bad event fails the import and changes nothing */
	CHECK_INT(kith_ics_import(k, bad, strlen(bad), &o, &st), KITH_EINPUT);
	CHECK_INT(st.err_line, 9);
	CHECK_MSG(strstr(kith_errmsg(k), "DTSTART") != NULL, kith_errmsg(k));
	CHECK_INT(count_rows(k, "SELECT count(*) FROM interaction"), 6);
	/* unless skipped */
	o.skip_bad = 1;
	CHECK_INT(kith_ics_import(k, bad, strlen(bad), &o, &st), KITH_OK);
	CHECK_INT(st.logged, 1);
	CHECK_INT(st.read.bad, 1);
	CHECK_INT(count_rows(k, "SELECT count(*) FROM interaction WHERE kind = 'coffee' AND date = '2026-01-05'"), 1);

	/* nobody: counted, not remembered (a person added later still gets it) */
	{
		static const char nobody[] = "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:n@test\nDTSTART:20260105\n"
					     "ATTENDEE:mailto:cy@example.net\nEND:VEVENT\nEND:VCALENDAR\n";
		CHECK_INT(kith_ics_import(k, nobody, strlen(nobody), &o, &st), KITH_OK);
		CHECK_INT(st.unmatched, 1);
		CHECK_INT(st.logged, 0);
		CHECK(add_with_email(k, "Cy Young", "cy@example.net") > 0);
		CHECK_INT(kith_ics_import(k, nobody, strlen(nobody), &o, &st), KITH_OK);
		CHECK_INT(st.logged, 1);
	}
	testdb_close(k);
}

int main(void)
{
	test_kind();
	test_weekly();
	test_days_and_keys();
	test_limits();
	test_import();
	return tap_done();
}
