#!/bin/bash
# The calendar feed: kith export ics.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	kith add "Ada Lovelace" --birthday 1990-12-10 --circle close &&
	kith add "Leap Person" --birthday --02-29 --circle none &&
	kith add "Mia Rossi" --role mentor --every 4w --circle close &&
	kith goal add "Referral at Acme" --by 2026-12-20
'

test_expect_success 'export ics writes a feed of events, not tasks' '
	kith export ics feed.ics 2>err &&
	grep "exported 5 events to feed.ics (5 new or changed)" err &&
	head -1 feed.ics | grep -q "^BEGIN:VCALENDAR" &&
	test "$(grep -c "^BEGIN:VEVENT" feed.ics)" = 5 &&
	! grep -q VTODO feed.ics &&
	grep -q "^RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1" feed.ics &&
	grep -q "^SUMMARY:Chat with Mia Rossi" feed.ics &&
	grep -q "^SUMMARY:Goal deadline: Referral at Acme" feed.ics &&
	grep -q "^DTSTAMP:20261126T000000Z" feed.ics
'

test_expect_success 'every line ends in CRLF and holds 75 octets at most' '
	"$PYTHON" -S -c "
data = open(\"feed.ics\", \"rb\").read()
assert data.endswith(b\"\\r\\n\")
lines = data.split(b\"\\r\\n\")[:-1]
assert all(b\"\\n\" not in l and b\"\\r\" not in l for l in lines)
assert max(len(l) for l in lines) <= 75, max(len(l) for l in lines)
"
'

test_expect_success 'a second export with nothing changed is the same feed' '
	kith export ics again.ics 2>err &&
	grep "(0 new or changed)" err &&
	cmp feed.ics again.ics
'

test_expect_success 'a changed event gets a higher SEQUENCE' '
	kith edit ada --name "Ada King" &&
	kith export ics - >new.ics &&
	grep -B1 "^SUMMARY:Birthday: Ada King" new.ics | grep -q "^SEQUENCE:1" &&
	grep -B1 "^SUMMARY:Birthday: Leap Person" new.ics | grep -q "^SEQUENCE:0"
'

test_expect_success 'bad usage and an unwritable file change nothing' '
	test_expect_code 2 kith export ics &&
	test_expect_code 2 kith export nope x &&
	sqlite3 "$KITH_DB" "SELECT group_concat(sequence) FROM ics_event" >before &&
	kith edit ada --name "Ada Lovelace" &&
	test_must_fail kith export ics /nonexistent/dir/feed.ics &&
	sqlite3 "$KITH_DB" "SELECT group_concat(sequence) FROM ics_event" >after &&
	test_cmp before after
'

test_done
