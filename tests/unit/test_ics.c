/*
 * The calendar feed: what it holds, its folding and escaping, SEQUENCE on
 * change, and that libical (which Evolution and others use) parses it with
 * no error.
 */
#include <libical/ical.h>
#include <stdio.h>
#include <string.h>

#include "kith/goal.h"
#include "kith/ics.h"
#include "kith/person.h"
#include "tap.h"
#include "testdb.h"

static kith_day D(int y, int m, int d)
{
	return kith_day_from_civil(y, m, d);
}

/* Every physical line ends in CRLF and holds at most 75 octets. */
static int lines_ok(const char *s, size_t *max)
{
	*max = 0;
	while (*s) {
		const char *e = strstr(s, "\r\n");
		if (!e)
			return 0;
		if ((size_t)(e - s) > *max)
			*max = (size_t)(e - s);
		/* no character split across a fold: a continuation never starts with a UTF-8 tail byte */
		if (e[2] == ' ' && ((unsigned char)e[3] & 0xC0) == 0x80)
			return 0;
		s = e + 2;
	}
	return *max <= 75;
}

static int count_errors(const char *feed, int *events)
{
	icalcomponent *cal = icalparser_parse_string(feed);
	int errors;
	*events = 0;
	if (!cal)
		return -1;
	errors = icalcomponent_count_errors(cal);
	*events = icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT);
	for (icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
	     ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
		/* every alarm complete: ACTION, TRIGGER and DESCRIPTION */
		for (icalcomponent *al = icalcomponent_get_first_component(ev, ICAL_VALARM_COMPONENT); al;
		     al = icalcomponent_get_next_component(ev, ICAL_VALARM_COMPONENT))
			if (!icalcomponent_get_first_property(al, ICAL_ACTION_PROPERTY) ||
			    !icalcomponent_get_first_property(al, ICAL_TRIGGER_PROPERTY) ||
			    !icalcomponent_get_first_property(al, ICAL_DESCRIPTION_PROPERTY))
				errors++;
	}
	icalcomponent_free(cal);
	return errors;
}

int main(void)
{
	kith_day today = D(2026, 11, 26);
	struct kith *k = testdb_open(today);
	struct kith_person_change ch;
	struct strbuf out = STRBUF_INIT;
	struct kith_ics_stats st;
	int64_t id = 0, leap;
	size_t max;
	int events;

	kith_person_change_init(&ch);
	ch.name = "Jürgen Müller-Lüdenscheidt, Jr.; the 3rd \\ \"Jo\"";
	ch.birthday = "1980-04-15";
	ch.circle = KITH_CIRCLE_CLOSE;
	CHECK_INT(kith_person_add(k, &ch, &id), KITH_OK);
	kith_person_change_release(&ch);
	leap = testdb_add(k, "Leap Day Person", KITH_CIRCLE_NONE, NULL);
	kith_person_change_init(&ch);
	ch.birthday = "--02-29";
	CHECK_INT(kith_person_edit(k, leap, &ch), KITH_OK);
	ch.birthday = NULL;
	ch.role = "mentor";
	ch.set_cadence = 1;
	ch.cadence.ideal = 28;
	ch.cadence.max = 42;
	CHECK_INT(kith_person_edit(k, id, &ch), KITH_OK);
	kith_person_change_release(&ch);
	CHECK_INT(kith_goal_add(k, "Referral for the PM role at Acme — a title long enough to be folded, "
				   "with accents: naïve café, and emoji 🙂 near the 75th octet",
				today + 20, NULL, NULL, 0, NULL), KITH_OK);

	CHECK_INT(kith_ics_export(k, &out, &st), KITH_OK);
	CHECK_INT(st.events, 4); /* two birthdays, one recurring chat, one goal */
	CHECK_INT(st.changed, 4);
	CHECK(lines_ok(out.buf, &max));
	CHECK(strstr(out.buf, "SUMMARY:Birthday: Jürgen Müller-Lüdenscheidt\\, Jr.\\; the 3rd \\\\ \"Jo\"") != NULL);
	CHECK(strstr(out.buf, "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1\r\n") != NULL);
	CHECK(strstr(out.buf, "DTSTART;VALUE=DATE:20000229\r\n") != NULL);
	CHECK(strstr(out.buf, "RRULE:FREQ=DAILY;INTERVAL=28\r\n") != NULL);
	CHECK(strstr(out.buf, "BEGIN:VTODO") == NULL);
	CHECK(strstr(out.buf, "UID:goal-1@kith\r\n") != NULL);
	CHECK(strstr(out.buf, "TRIGGER:-P3D\r\n") != NULL);
	CHECK(strstr(out.buf, "X-WR-CALNAME:kith\r\n") != NULL);
	CHECK(strstr(out.buf, "REFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n") != NULL);
	CHECK_INT(count_errors(out.buf, &events), 0);
	CHECK_INT(events, 4);

	/* the same data: the same feed, nothing changed */
	{
		struct strbuf again = STRBUF_INIT;
		CHECK_INT(kith_ics_export(k, &again, &st), KITH_OK);
		CHECK_INT(st.changed, 0);
		CHECK_STR(again.buf, out.buf);
		strbuf_release(&again);
	}
	/* a change: SEQUENCE goes up for that event only */
	kith_person_change_init(&ch);
	ch.name = "Leap Year Person";
	CHECK_INT(kith_person_edit(k, leap, &ch), KITH_OK);
	kith_person_change_release(&ch);
	strbuf_reset(&out);
	CHECK_INT(kith_ics_export(k, &out, &st), KITH_OK);
	CHECK_INT(st.changed, 1);
	CHECK(strstr(out.buf, "SEQUENCE:1\r\nSUMMARY:Birthday: Leap Year Person\r\n") != NULL);
	CHECK(lines_ok(out.buf, &max));
	CHECK_INT(count_errors(out.buf, &events), 0);

	/* folding: long text with multi-byte characters never splits one */
	{
		struct strbuf line = STRBUF_INIT;
		struct strbuf v = STRBUF_INIT;
		kith_ics_escape(&v, "Referral for the PM role at Acme — naïve café, emoji 🙂🙂🙂 and more text "
				    "to pass seventy-five octets several times over, 🙂 again and ééééééééé");
		kith_ics_line(&line, "DESCRIPTION", v.buf);
		CHECK(lines_ok(line.buf, &max));
		CHECK(max >= 72);
		strbuf_release(&line);
		strbuf_release(&v);
	}
	strbuf_release(&out);
	testdb_close(k);
	return tap_done();
}
