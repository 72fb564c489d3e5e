#!/bin/bash
# Importing LinkedIn's Connections.csv and Google Contacts CSV (the shared
# real-format files).
. "$(dirname "$0")/lib.sh"

CSV=${SHARED_DATA:+$SHARED_DATA/csv}

if [ -z "$CSV" ] || [ ! -d "$CSV" ]; then
	echo "ok 1 # skip no shared data (KITH_SHARED_DATA)"
	echo "1..1"
	exit 0
fi

test_expect_success 'LinkedIn connections: preamble, quotes, commas, accents, a nameless row' '
	kith import linkedin "$CSV/linkedin_Connections.synthetic.csv" 2>err &&
	grep "LinkedIn connections" err &&
	grep "imported 3 contacts: 3 added, 0 updated, 0 unchanged, 1 skipped" err &&
	kith show ada --json >out &&
	test "$(jv out org)" = "Acme, Inc." &&
	test "$(jv out title)" = "Engineering Manager" &&
	test "$(jv out links)" = "https://www.linkedin.com/in/ada-example" &&
	test "$(jv out emails)" = "ada@example.com" &&
	test "$(jv out circle)" = none &&
	test "$(jv out added)" = 2024-09-28 &&
	kith show "john o" --json >out &&
	test "$(jv out name)" = "John O\"Brien" &&
	kith show "jürgen müller" --json >out &&
	test "$(jv out title)" = "VP, Sales"
'

test_expect_success 'importing the same file again adds nobody' '
	kith import linkedin "$CSV/linkedin_Connections.synthetic.csv" --json >out &&
	test "$(jv out added)" = 0 &&
	kith ls --json >all &&
	test "$(jv all "#")" = 3
'

test_expect_success 'LinkedIn messages: each message an interaction with the other side, matched by profile URL' '
	kith import linkedin "$CSV/linkedin_messages.synthetic.csv" 2>err &&
	grep "LinkedIn messages" err &&
	grep "logged 2 messages (0 were logged before)" err &&
	kith show ada --json >out &&
	test "$(jv out interaction_count)" = 2 &&
	test "$(jv out interactions.0.kind)" = message &&
	test "$(jv out interactions.0.date)" = 2024-10-26 &&
	test "$(jv out interactions.0.note)" = "Sure — Tuesday works, \"10am\"?" &&
	test "$(jv out interactions.1.note)" = "Hi, great to meet you!
Let'"'"'s catch up next week." &&
	kith ls --json >all &&
	test "$(jv all "#")" = 3
'

test_expect_success 'importing the messages again logs nothing new' '
	kith import linkedin "$CSV/linkedin_messages.synthetic.csv" --json >out &&
	test "$(jv out messages_logged)" = 0 &&
	test "$(jv out messages_known)" = 2
'

test_expect_success 'Google contacts: labels to tags, birthdays, phones, notes; the legacy UTF-16 file merges by email' '
	kith import google "$CSV/google_contacts_new.synthetic.csv" 2>err &&
	grep "2 added" err &&
	kith show anna --json >out &&
	test "$(jv out birthday)" = "--04-15" &&
	kith show j@example.org --json >out &&
	test "$(jv out tags)" = "friends,work" &&
	test "$(jv out birthday)" = "1980-04-15" &&
	test "$(jv out phones)" = "+49 170 1234567" &&
	kith import google "$CSV/google_contacts_legacy_utf16le.synthetic.csv" 2>err &&
	grep "0 added" err &&
	kith ls --json >all &&
	test "$(jv all "#")" = 5
'

test_expect_success 'a file that is not an export changes nothing and says so' '
	printf "a,b\n1,2\n" >other.csv &&
	kith ls --json >before &&
	test_expect_code 2 kith import linkedin other.csv 2>err &&
	grep "other.csv: not a LinkedIn Connections.csv or a Google Contacts CSV" err &&
	printf "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAl,B,,al@example.org,,,\nZed,\"Z,,,,,\n" >bad.csv &&
	test_expect_code 2 kith import linkedin bad.csv 2>err &&
	grep "bad.csv: line 3: a quoted field is not closed" err &&
	kith ls --json >after &&
	test_cmp before after
'

test_done
