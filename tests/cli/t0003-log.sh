#!/bin/bash
# Logging interactions: kinds, people, dates, notes, errors, the clock, unlog.
. "$(dirname "$0")/lib.sh"

# KITH_TODAY is 2026-11-26, a Thursday.

test_expect_success 'setup' '
	kith add "Ada Lovelace" --circle inner &&
	kith add "Grace Hopper" --circle close &&
	kith add "Alan Turing" --circle active &&
	kith add "Katherine Johnson"
'

kinds="coffee call meeting message email social event praise share intro help ask referral"

test_expect_success 'every one of the 13 kinds can be logged' '
	n=0 &&
	for kind in $kinds; do
		kith log katherine $kind --on "$((n + 1)) days ago" --json >log &&
		test "$(jv log kind)" = $kind || return 1
		n=$((n + 1))
	done &&
	test $n = 13 &&
	kith show katherine --json >out &&
	test "$(jv out interaction_count)" = 13 &&
	test "$(jv out interactions.*.kind)" = "$(echo $kinds | tr " " ,)"
'

test_expect_success 'kinds have their class: give, ask or neutral' '
	kith show katherine --json >out &&
	test "$(jv out interactions.*.class)" = \
		"neutral,neutral,neutral,neutral,neutral,neutral,neutral,give,give,give,give,ask,ask"
'

test_expect_success 'a prefix of a kind is refused, never guessed' '
	test_expect_code 2 kith log katherine cof 2>err &&
	grep "cof" err &&
	kith show katherine --json >out &&
	test "$(jv out interaction_count)" = 13
'

test_expect_success 'an invalid kind is exit 2 and lists the kinds' '
	test_expect_code 2 kith log ada lunch 2>err &&
	grep "lunch" err &&
	grep "coffee" err &&
	grep "referral" err &&
	kith show ada --json >out &&
	test "$(jv out interaction_count)" = 0
'

test_expect_success 'kind before the people is a usage error' '
	test_expect_code 2 kith log coffee ada 2>err &&
	grep "kith log ada coffee" err
'

test_expect_success 'log needs people and a kind' '
	test_expect_code 2 kith log ada &&
	test_expect_code 2 kith log &&
	test_expect_code 2 kith log ada coffee extra
'

test_expect_success 'log with several people: one interaction for all' '
	kith log ada,grace call --on 2026-11-25 --note "planning the talk" --json >log &&
	test "$(jv log people.*.name)" = "Ada Lovelace,Grace Hopper" &&
	test "$(jv log date)" = 2026-11-25 &&
	kith show ada --json >a &&
	kith show grace --json >g &&
	test "$(jv a interactions.0.id)" = "$(jv log id)" &&
	test "$(jv g interactions.0.id)" = "$(jv log id)" &&
	test "$(jv a last_touch)" = 2026-11-25 &&
	test "$(jv g last_touch)" = 2026-11-25
'

test_expect_success 'log with names that have spaces, in a list' '
	kith log "ada lovelace, grace hopper" message --on 2026-11-25 --json >log &&
	test "$(jv log people.#)" = 2
'

test_expect_success 'the same person twice in the list counts once' '
	kith log "ada,ada lovelace" email --on 2026-11-25 --json >log &&
	test "$(jv log people.#)" = 1
'

test_expect_success 'log --json prints the interaction' '
	kith log alan coffee --note "morning chat" --json >log &&
	test "$(jv log kind)" = coffee &&
	test "$(jv log class)" = neutral &&
	test "$(jv log date)" = 2026-11-26 &&
	test "$(jv log note)" = "morning chat" &&
	test "$(jv log people.0.name)" = "Alan Turing" &&
	test "$(jv log people.0.id)" = 3 &&
	test "$(jv log id)" -gt 0
'

test_expect_success 'log without --json says what was logged on stderr' '
	kith log alan help --on yesterday >out 2>err &&
	! test -s out &&
	grep "logged help with Alan Turing" err &&
	grep "2026-11-25" err
'

test_expect_success 'log --note keeps the note' '
	kith log grace share --on 2026-11-20 --note "the COBOL paper, with \"quotes\"" &&
	kith show grace --json >out &&
	jv out interactions.*.note | grep -F "the COBOL paper, with \"quotes\""
'

test_on() {
	kith log alan social --on "$1" --json >log &&
	test "$(jv log date)" = "$2"
}

test_expect_success '--on 2026-11-25' '
	test_on 2026-11-25 2026-11-25
'

test_expect_success '--on yesterday' '
	test_on yesterday 2026-11-25
'

test_expect_success '--on "3 days ago"' '
	test_on "3 days ago" 2026-11-23
'

test_expect_success '--on "2w ago"' '
	test_on "2w ago" 2026-11-12
'

test_expect_success '--on "last monday"' '
	test_on "last monday" 2026-11-23
'

test_expect_success '--on today and --on=DATE' '
	test_on today 2026-11-26 &&
	kith log alan social --on=2026-11-02 --json >log &&
	test "$(jv log date)" = 2026-11-02
'

test_expect_success '--on "last monday" on a Monday is the week before' '
	KITH_TODAY=2026-11-23 test_on "last monday" 2026-11-16
'

test_expect_success '--on "1 month ago" clamps the day of the month' '
	KITH_TODAY=2026-03-31 test_on "1 month ago" 2026-02-28
'

test_expect_success 'an invalid date is exit 2 and logs nothing' '
	kith show alan --json >before &&
	test_expect_code 2 kith log alan coffee --on someday 2>err &&
	grep "someday" err &&
	test_expect_code 2 kith log alan coffee --on 2026-02-30 &&
	test_expect_code 2 kith log alan coffee --on 2026-1-5 &&
	test_expect_code 2 kith log alan coffee --on "3 days" &&
	test_expect_code 2 kith log alan coffee --on 2w &&
	test_expect_code 2 kith log alan coffee --on "" &&
	kith show alan --json >after &&
	test_cmp before after
'

test_expect_success 'a future date is exit 2 and logs nothing' '
	kith show alan --json >before &&
	test_expect_code 2 kith log alan coffee --on tomorrow 2>err &&
	grep "future" err &&
	test_expect_code 2 kith log alan coffee --on 2026-11-27 &&
	test_expect_code 2 kith log alan coffee --on "in 2 weeks" &&
	kith show alan --json >after &&
	test_cmp before after
'

test_expect_success 'a note too long is exit 2 and logs nothing' '
	kith show alan --json >before &&
	test_expect_code 2 kith log alan coffee --note "$(head -c 100000 /dev/zero | tr "\0" x)" 2>err &&
	grep "too long" err &&
	kith show alan --json >after &&
	test_cmp before after
'

test_expect_success 'an unknown person is exit 2 and the database is unchanged' '
	kith ls --json >ls.before &&
	kith show ada --json >ada.before &&
	cp "$KITH_DB" db.before &&
	test_expect_code 2 kith log "ada,nobody" coffee --note "should not be there" 2>err &&
	grep "no person matches .nobody." err &&
	test_expect_code 2 kith log nobody coffee &&
	kith ls --json >ls.after &&
	kith show ada --json >ada.after &&
	test_cmp ls.before ls.after &&
	test_cmp ada.before ada.after &&
	sqlite3 db.before "SELECT count(*) FROM interaction" >n.before &&
	sqlite3 "$KITH_DB" "SELECT count(*) FROM interaction" >n.after &&
	test_cmp n.before n.after
'

test_expect_success 'an ambiguous person in the list is exit 2 and logs nothing' '
	kith add "Ada Byron" &&
	kith show "ada lovelace" --json >before &&
	test_expect_code 2 kith log ada,grace coffee 2>err &&
	grep "Ada Byron" err &&
	kith show "ada lovelace" --json >after &&
	test_cmp before after
'

test_expect_success 'any interaction resets the clock: overdue becomes ok' '
	kith log "ada byron" coffee --on 2026-10-01 &&
	kith show "ada byron" --json >out &&
	test "$(jv out cadence_days)" = 180 &&
	kith edit "ada byron" --circle inner &&
	kith show "ada byron" --json >out &&
	test "$(jv out status)" = overdue &&
	test "$(jv out next_due)" = 2026-10-15 &&
	kith log "ada byron" message &&
	kith show "ada byron" --json >out &&
	test "$(jv out status)" = ok &&
	test "$(jv out last_touch)" = 2026-11-26 &&
	test "$(jv out last_kind)" = message &&
	test "$(jv out next_due)" = 2026-12-10
'

test_expect_success 'an ask resets the clock too' '
	kith log "ada byron" ask --on 2026-10-01 &&
	kith add "Dorothy Vaughan" --circle inner &&
	kith log dorothy coffee --on 2026-10-01 &&
	kith show dorothy --json >out &&
	test "$(jv out status)" = overdue &&
	kith log dorothy referral --on 2026-11-20 &&
	kith show dorothy --json >out &&
	test "$(jv out status)" = ok &&
	test "$(jv out next_due)" = 2026-12-04
'

test_expect_success 'a back-dated log does not move the last touch backwards' '
	kith show dorothy --json >before &&
	kith log dorothy call --on 2026-09-01 &&
	kith show dorothy --json >out &&
	test "$(jv out last_touch)" = 2026-11-20 &&
	test "$(jv out last_kind)" = referral &&
	test "$(jv out next_due)" = 2026-12-04 &&
	test "$(jv out interaction_count)" = 3 &&
	test "$(jv out interactions.*.date)" = "2026-11-20,2026-10-01,2026-09-01"
'

test_expect_success 'a back-dated log newer than the last touch moves it forward' '
	kith log dorothy email --on 2026-11-24 &&
	kith show dorothy --json >out &&
	test "$(jv out last_touch)" = 2026-11-24 &&
	test "$(jv out next_due)" = 2026-12-08
'

test_expect_success 'unlog removes it and recomputes the last touch' '
	kith log dorothy meeting --json >log &&
	kith show dorothy --json >out &&
	test "$(jv out last_touch)" = 2026-11-26 &&
	kith unlog "$(jv log id)" 2>err &&
	grep "removed interaction #$(jv log id)" err &&
	kith show dorothy --json >out &&
	test "$(jv out last_touch)" = 2026-11-24 &&
	test "$(jv out last_kind)" = email &&
	test "$(jv out next_due)" = 2026-12-08 &&
	test "$(jv out interaction_count)" = 4
'

test_expect_success 'unlog #ID, of an interaction with several people' '
	kith log "dorothy,ada lovelace" intro --json >log &&
	kith unlog "#$(jv log id)" &&
	kith show dorothy --json >d &&
	kith show "ada lovelace" --json >a &&
	test "$(jv d last_touch)" = 2026-11-24 &&
	test "$(jv a last_touch)" = 2026-11-25 &&
	! jv a interactions.*.id | tr , "\n" | grep -x "$(jv log id)"
'

test_expect_success 'unlog of the only interaction: never in touch again' '
	kith add "Mary Jackson" --circle inner &&
	kith log mary coffee --on 2026-11-01 --json >log &&
	kith show mary --json >out &&
	test "$(jv out status)" = overdue &&
	kith unlog "$(jv log id)" &&
	kith show mary --json >out &&
	test "$(jv out last_touch)" = null &&
	test "$(jv out interaction_count)" = 0 &&
	test "$(jv out status)" != overdue
'

test_expect_success 'unlog of an unknown or invalid id is exit 2' '
	test_expect_code 2 kith unlog 9999 2>err &&
	grep 9999 err &&
	test_expect_code 2 kith unlog abc &&
	test_expect_code 2 kith unlog 0 &&
	test_expect_code 2 kith unlog
'

test_done
