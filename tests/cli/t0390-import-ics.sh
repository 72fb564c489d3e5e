#!/bin/bash
# Importing calendars: past events with people in the network become
# interactions (one per occurrence), recurring events expanded up to today,
# nothing logged twice, a broken file changes nothing.
. "$(dirname "$0")/lib.sh"

VTZ='BEGIN:VTIMEZONE
TZID:Europe/Berlin
BEGIN:STANDARD
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
END:DAYLIGHT
END:VTIMEZONE'

# CRLF, as calendars write it
crlf() {
	sed 's/$/\r/'
}

crlf >coffee.ics <<EOF
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
$VTZ
BEGIN:VEVENT
UID:coffee-1@test
DTSTAMP:20261001T000000Z
DTSTART;TZID=Europe/Berlin:20261014T233000
DTEND;TZID=Europe/Berlin:20261015T003000
SUMMARY:  Coffee with   Ada
ORGANIZER:mailto:me@example.com
ATTENDEE;PARTSTAT=ACCEPTED;CN=Ada:MAILTO:ADA@Example.com
END:VEVENT
END:VCALENDAR
EOF

# every Thursday from 1 October; 15 October excluded; 22 October moved to
# Friday the 23rd; Cy declined; and a coffee next week with Ada
crlf >weekly.ics <<EOF
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
$VTZ
BEGIN:VEVENT
UID:weekly@test
DTSTAMP:20261001T000000Z
DTSTART;TZID=Europe/Berlin:20261001T100000
DTEND;TZID=Europe/Berlin:20261001T103000
RRULE:FREQ=WEEKLY;BYDAY=TH
EXDATE;TZID=Europe/Berlin:20261015T100000
SUMMARY:Weekly sync
LOCATION:https://meet.google.com/abc-defg-hij
ORGANIZER:mailto:bob@example.org
ATTENDEE;PARTSTAT=DECLINED:mailto:cy@example.net
END:VEVENT
BEGIN:VEVENT
UID:weekly@test
DTSTAMP:20261001T000000Z
RECURRENCE-ID;TZID=Europe/Berlin:20261022T100000
DTSTART;TZID=Europe/Berlin:20261023T100000
DTEND;TZID=Europe/Berlin:20261023T103000
SUMMARY:Weekly sync (Friday this time)
LOCATION:https://meet.google.com/abc-defg-hij
ORGANIZER:mailto:bob@example.org
ATTENDEE;PARTSTAT=DECLINED:mailto:cy@example.net
END:VEVENT
BEGIN:VEVENT
UID:next-week@test
DTSTAMP:20261001T000000Z
DTSTART:20261203T090000Z
SUMMARY:Lunch
ATTENDEE:mailto:ada@example.com
END:VEVENT
BEGIN:VEVENT
UID:dentist@test
DTSTART;VALUE=DATE:20261102
SUMMARY:Dentist
END:VEVENT
END:VCALENDAR
EOF

interactions() {
	kith show "$1" --json >who.json &&
	jv who.json interaction_count
}

test_expect_success 'setup' '
	kith add "Ada Lovelace" --email ada@example.com &&
	kith add "Bob Smith" --email Bob@Example.org &&
	kith add "Cy Young" --email cy@example.net &&
	kith show ada --json >out &&
	test "$(jv out last_touch)" = null
'

test_expect_success 'a past coffee with Ada (by her email) is logged on its day' '
	kith import ics coffee.ics 2>err &&
	grep "1 interaction logged from 1 event (0 occurrences already imported, 0 matched nobody)" err &&
	kith show ada --json >out &&
	test "$(jv out interaction_count)" = 1 &&
	test "$(jv out interactions.0.kind)" = coffee &&
	test "$(jv out interactions.0.date)" = 2026-10-14 &&
	test "$(jv out interactions.0.note)" = "Coffee with Ada" &&
	test "$(jv out last_touch)" = 2026-10-14 &&
	test "$(jv out last_kind)" = coffee &&
	test "$(jv out next_due)" = 2027-04-12 &&
	kith show ada >text &&
	grep "2026-10-14  coffee   Coffee with Ada" text
'

test_expect_success 'a weekly call: expanded up to today, less the EXDATE, the moved one on its new day' '
	kith import ics weekly.ics --json >out &&
	test "$(jv out events)" = 3 &&
	test "$(jv out logged)" = 8 &&
	test "$(jv out known)" = 0 &&
	test "$(jv out unmatched)" = 1 &&
	test "$(jv out future)" = 1 &&
	kith show bob --json >bob &&
	test "$(jv bob interaction_count)" = 8 &&
	test "$(jv bob interactions.*.date)" = 2026-11-26,2026-11-19,2026-11-12,2026-11-05,2026-10-29,2026-10-23,2026-10-08,2026-10-01 &&
	test "$(jv bob interactions.0.kind)" = call &&
	test "$(jv bob interactions.5.note)" = "Weekly sync (Friday this time)" &&
	test "$(jv bob last_touch)" = 2026-11-26
'

test_expect_success 'a declined attendee is not counted, a future event not imported' '
	test "$(interactions cy)" = 0 &&
	test "$(interactions ada)" = 1
'

test_expect_success 'importing again logs nothing' '
	kith import ics weekly.ics 2>err &&
	grep "0 interactions logged from 3 events (8 occurrences already imported, 1 matched nobody)" err &&
	kith import ics - <coffee.ics --json >out &&
	test "$(jv out logged)" = 0 &&
	test "$(jv out known)" = 1 &&
	test "$(interactions bob)" = 8
'

test_expect_success 'an interaction removed with unlog does not come back' '
	kith show bob --json >bob &&
	id=$(jv bob interactions.0.id) &&
	kith unlog "$id" &&
	kith import ics weekly.ics --json >out &&
	test "$(jv out logged)" = 0 &&
	test "$(jv out known)" = 8 &&
	kith show bob --json >bob &&
	test "$(jv bob interaction_count)" = 7 &&
	test "$(jv bob last_touch)" = 2026-11-19
'

crlf >broken.ics <<EOF
BEGIN:VCALENDAR
VERSION:2.0
BEGIN:VEVENT
UID:good@test
DTSTART:20260105T100000Z
SUMMARY:Breakfast
ATTENDEE:mailto:cy@example.net
END:VEVENT
BEGIN:VEVENT
UID:bad@test
DTSTART:2026-01-06 10:00
ATTENDEE:mailto:cy@example.net
END:VEVENT
END:VCALENDAR
EOF

test_expect_success 'a bad event fails the import with its line, and nothing changes' '
	kith export json before.json &&
	test_expect_code 2 kith import ics broken.ics 2>err &&
	grep "kith: error: broken.ics:9: .*DTSTART" err &&
	grep -- "--skip-bad" err &&
	kith export json after.json &&
	test_cmp before.json after.json
'

test_expect_success 'a file that is not a calendar, or cut short, changes nothing' '
	echo "hello" >hello.ics &&
	test_expect_code 2 kith import ics hello.ics 2>err &&
	grep "hello.ics: not an iCalendar file" err &&
	head -n 7 broken.ics >cut.ics &&
	test_expect_code 2 kith import ics cut.ics 2>err &&
	grep "cut.ics: the calendar is cut short" err &&
	printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBROKEN;;\r\n" >head.ics &&
	sed -n 3,8p broken.ics >>head.ics && echo "END:VCALENDAR" >>head.ics &&
	test_expect_code 2 kith import ics head.ics --skip-bad 2>err &&
	kith export json after.json &&
	test_cmp before.json after.json &&
	test_expect_code 1 kith import ics missing.ics
'

test_expect_success '--dry-run counts and changes nothing; --skip-bad imports the rest' '
	kith import ics broken.ics --skip-bad --dry-run 2>err &&
	grep "broken.ics:9: skipped: " err &&
	grep "dry run: 1 interaction would be logged from 2 events" err &&
	kith export json after.json &&
	test_cmp before.json after.json &&
	kith import ics broken.ics --skip-bad --json >out 2>err &&
	test "$(jv out logged)" = 1 &&
	test "$(jv out skipped)" = 1 &&
	kith show cy --json >cy &&
	test "$(jv cy interactions.0.kind)" = coffee &&
	test "$(jv cy interactions.0.date)" = 2026-01-05
'

test_expect_success 'an event without UID is known again by its start, title and organizer' '
	printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260210\r\nSUMMARY:Video catch-up\r\nATTENDEE:mailto:ada@example.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n" >nouid.ics &&
	kith import ics nouid.ics --json --dry-run >out &&
	test "$(jv out dry_run)" = true &&
	test "$(jv out logged)" = 1 &&
	test "$(interactions ada)" = 1 &&
	kith import ics nouid.ics --json >out &&
	test "$(jv out logged)" = 1 &&
	kith import ics nouid.ics --json >out &&
	test "$(jv out logged)" = 0 &&
	test "$(jv out known)" = 1 &&
	kith show ada --json >ada &&
	test "$(jv ada interaction_count)" = 2 &&
	test "$(jv ada interactions.1.kind)" = call &&
	test "$(jv ada interactions.1.date)" = 2026-02-10
'

test_expect_success 'usage' '
	test_expect_code 2 kith import ics 2>err &&
	grep "which file" err &&
	test_expect_code 2 kith import ics a.ics b.ics &&
	kith import ics -h >out &&
	grep -- "--dry-run" out
'

ICS=${SHARED_DATA:+$SHARED_DATA/ics}
if [ -n "$ICS" ] && [ -d "$ICS" ]; then
	test_expect_success 'the shared calendars import without a crash' '
		for f in "$ICS"/*.ics; do
			kith import ics "$f" --json >out || return 1
			test "$(jv out logged)" = 0 || return 1
		done &&
		kith import ics "$ICS/reminders-feed-example.ics" --json >out &&
		test "$(jv out events)" = 3 &&
		test "$(jv out unmatched)" = 3
	'
else
	echo "ok $((test_count + 1)) # skip no shared data (KITH_SHARED_DATA)"
	test_count=$((test_count + 1))
fi

test_done
