#!/bin/bash
# Cadences: circle defaults, due and overdue over time, person > tag > circle,
# changing a circle cadence, listing, snooze.
. "$(dirname "$0")/lib.sh"

# status_on DAY PERSON: their status on another day
status_on() {
	KITH_TODAY=$1 kith show "$2" --json >status.json &&
	jv status.json status
}

# due_on PERSON: their next due day, today
due_on() {
	kith show "$1" --json >due.json &&
	jv due.json next_due
}

test_expect_success 'setup: one person per circle, all in touch today' '
	kith add "Ines Inner" --circle inner &&
	kith add "Carl Close" --circle close &&
	kith add "Ava Active" --circle active &&
	kith add "Will Wide" --circle wide &&
	kith add "Nora None" --circle none &&
	kith log "ines,carl,ava,will,nora" coffee
'

test_expect_success 'the circles default cadences' '
	kith cadence --json >out &&
	test "$(jv out circles.inner.ideal_days),$(jv out circles.inner.max_days)" = 14,21 &&
	test "$(jv out circles.close.ideal_days),$(jv out circles.close.max_days)" = 30,42 &&
	test "$(jv out circles.active.ideal_days),$(jv out circles.active.max_days)" = 90,120 &&
	test "$(jv out circles.wide.ideal_days),$(jv out circles.wide.max_days)" = 180,270 &&
	test "$(jv out circles.none.ideal_days)" = 0
'

test_expect_success 'kith cadence lists the circles' '
	kith cadence >out &&
	grep "^inner  *2w\.\.3w" out &&
	grep "^close  *1m\.\.6w" out &&
	grep "^active  *3m\.\.4m" out &&
	grep "^wide  *6m\.\.9m" out &&
	grep "^none  *none" out
'

test_expect_success 'each person has their circle cadence' '
	kith show ines --json >out && test "$(jv out cadence_days),$(jv out cadence_max_days)" = 14,21 &&
	kith show carl --json >out && test "$(jv out cadence_days),$(jv out cadence_max_days)" = 30,42 &&
	kith show ava --json >out && test "$(jv out cadence_days),$(jv out cadence_max_days)" = 90,120 &&
	kith show will --json >out && test "$(jv out cadence_days),$(jv out cadence_max_days)" = 180,270 &&
	kith show nora --json >out && test "$(jv out cadence_days)" = null
'

test_expect_success 'inner: ok, then due after 2 weeks, overdue after 3' '
	test "$(status_on 2026-11-26 ines)" = ok &&
	test "$(status_on 2026-12-09 ines)" = ok &&
	test "$(status_on 2026-12-10 ines)" = due &&
	test "$(status_on 2026-12-16 ines)" = due &&
	test "$(status_on 2026-12-17 ines)" = overdue &&
	test "$(status_on 2027-06-01 ines)" = overdue
'

test_expect_success 'close: due after 1 month, overdue after 6 weeks' '
	test "$(status_on 2026-12-25 carl)" = ok &&
	test "$(status_on 2026-12-26 carl)" = due &&
	test "$(status_on 2027-01-06 carl)" = due &&
	test "$(status_on 2027-01-07 carl)" = overdue
'

test_expect_success 'active: due after 3 months, overdue after 4' '
	test "$(status_on 2027-02-23 ava)" = ok &&
	test "$(status_on 2027-02-24 ava)" = due &&
	test "$(status_on 2027-03-25 ava)" = due &&
	test "$(status_on 2027-03-26 ava)" = overdue
'

test_expect_success 'wide: due after 6 months, overdue after 9' '
	test "$(status_on 2027-05-24 will)" = ok &&
	test "$(status_on 2027-05-25 will)" = due &&
	test "$(status_on 2027-08-22 will)" = due &&
	test "$(status_on 2027-08-23 will)" = overdue
'

test_expect_success 'none: never due' '
	test "$(status_on 2026-11-26 nora)" = none &&
	test "$(status_on 2036-11-26 nora)" = none &&
	kith show nora --json >out &&
	test "$(jv out next_due)" = null
'

test_expect_success 'ls due and overdue follow the day' '
	KITH_TODAY=2026-12-10 kith ls due --json >out &&
	test "$(jv out "*.name")" = "Ines Inner" &&
	KITH_TODAY=2026-12-10 kith ls overdue --json >out &&
	test "$(jv out "#")" = 0 &&
	KITH_TODAY=2027-01-07 kith ls overdue --json >out &&
	test "$(jv out "*.name")" = "Carl Close,Ines Inner" &&
	KITH_TODAY=2027-01-07 kith ls due --json >out &&
	test "$(jv out "*.name")" = "Carl Close,Ines Inner"
'

test_expect_success 'a tag cadence beats the circle' '
	kith add "Mia Mentor" --circle wide --tag mentor &&
	kith log mia coffee &&
	kith cadence +mentor 1w 2>err &&
	grep "mentor" err &&
	kith show mia --json >out &&
	test "$(jv out cadence_days)" = 7 &&
	test "$(jv out next_due)" = 2026-12-03 &&
	test "$(status_on 2026-12-03 mia)" = due
'

test_expect_success 'kith cadence lists the tag cadences' '
	kith cadence >out &&
	grep "^+mentor  *1w" out &&
	kith cadence --json >out &&
	test "$(jv out tags.*.tag)" = mentor &&
	test "$(jv out tags.0.ideal_days)" = 7
'

test_expect_success 'a tag added later brings its cadence' '
	kith edit will --tag mentor &&
	test "$(due_on will)" = 2026-12-03 &&
	kith edit will --untag mentor &&
	test "$(due_on will)" = 2027-05-25
'

test_expect_success 'the person own cadence beats the tag' '
	kith edit mia --every 3w &&
	kith show mia --json >out &&
	test "$(jv out cadence_days)" = 21 &&
	test "$(jv out cadence_source)" = person &&
	test "$(jv out next_due)" = 2026-12-17 &&
	kith edit mia --every default &&
	test "$(due_on mia)" = 2026-12-03
'

test_expect_success 'the person own cadence beats the circle' '
	kith edit ines --every 2m..3m &&
	kith show ines --json >out &&
	test "$(jv out cadence_days),$(jv out cadence_max_days)" = 60,90 &&
	test "$(status_on 2026-12-20 ines)" = ok &&
	kith edit ines --every default &&
	test "$(due_on ines)" = 2026-12-10
'

test_expect_success 'removing the tag cadence: back to the circle' '
	kith cadence +mentor none &&
	test "$(due_on mia)" = 2027-05-25 &&
	kith cadence --json >out &&
	test "$(jv out tags.#)" = 0 &&
	test_expect_code 2 kith cadence +mentor none
'

test_expect_success 'kith cadence close 3w changes the due dates' '
	test "$(due_on carl)" = 2026-12-26 &&
	kith cadence close 3w &&
	kith show carl --json >out &&
	test "$(jv out cadence_days)" = 21 &&
	test "$(jv out next_due)" = 2026-12-17 &&
	test "$(status_on 2026-12-17 carl)" = due &&
	kith cadence --json >out &&
	test "$(jv out circles.close.ideal_days)" = 21 &&
	test "$(due_on ines)" = 2026-12-10
'

test_expect_success 'a circle cadence with a maximum' '
	kith cadence close 3w..5w &&
	kith show carl --json >out &&
	test "$(jv out cadence_max_days)" = 35 &&
	test "$(status_on 2026-12-30 carl)" = due &&
	test "$(status_on 2026-12-31 carl)" = overdue
'

test_expect_success 'kith cadence refuses bad input' '
	test_expect_code 2 kith cadence bogus 1w &&
	test_expect_code 2 kith cadence close often &&
	test_expect_code 2 kith cadence close 3w..1w &&
	test_expect_code 2 kith cadence close &&
	test_expect_code 2 kith cadence none 2w &&
	kith cadence --json >out &&
	test "$(jv out circles.close.ideal_days)" = 21
'

test_expect_success 'config cadence.close says the same' '
	kith config cadence.close >out &&
	grep "3w" out
'

test_expect_success 'snooze 2w: next_due is today + 14 when that is later' '
	test "$(due_on ines)" = 2026-12-10 &&
	kith snooze ines 2w 2>err &&
	grep "until 2026-12-10" err &&
	KITH_TODAY=2026-12-05 kith snooze ines 2w &&
	kith show ines --json >out &&
	test "$(jv out snoozed_until)" = 2026-12-19 &&
	test "$(jv out next_due)" = 2026-12-19 &&
	test "$(status_on 2026-12-18 ines)" = ok &&
	test "$(status_on 2026-12-19 ines)" = due &&
	test "$(jv out overdue_on)" = 2026-12-26 &&
	test "$(status_on 2026-12-25 ines)" = due &&
	test "$(status_on 2026-12-26 ines)" = overdue
'

test_expect_success 'snooze never brings someone due earlier' '
	kith log will email &&
	kith snooze will 2w &&
	kith show will --json >out &&
	test "$(jv out snoozed_until)" = 2026-12-10 &&
	test "$(jv out next_due)" = 2027-05-25
'

test_expect_success 'snooze without a duration is one week' '
	kith snooze ava &&
	kith show ava --json >out &&
	test "$(jv out snoozed_until)" = 2026-12-03
'

test_expect_success 'snooze --until DATE' '
	kith add "Sam Due" --circle inner &&
	kith log sam call --on 2026-10-01 &&
	test "$(status_on 2026-11-26 sam)" = overdue &&
	kith snooze sam --until 2027-01-15 &&
	kith show sam --json >out &&
	test "$(jv out snoozed_until)" = 2027-01-15 &&
	test "$(jv out next_due)" = 2027-01-15 &&
	test "$(jv out status)" = ok
'

test_expect_success 'snoozing a due person takes them off ls due until then' '
	kith ls due --json >out &&
	! jv out "*.name" | grep "Sam Due" &&
	kith ls snoozed --json >out &&
	jv out "*.name" | grep "Sam Due" &&
	KITH_TODAY=2027-01-14 kith ls due --json >out &&
	! jv out "*.name" | grep "Sam Due" &&
	KITH_TODAY=2027-01-15 kith ls due --json >out &&
	jv out "*.name" | grep "Sam Due"
'

test_expect_success 'snooze --off brings them back' '
	kith snooze sam --off 2>err &&
	grep "no longer snoozed" err &&
	kith show sam --json >out &&
	test "$(jv out snoozed_until)" = null &&
	test "$(jv out next_due)" = 2026-10-15 &&
	test "$(jv out status)" = overdue &&
	kith ls due --json >out &&
	jv out "*.name" | grep "Sam Due"
'

test_expect_success 'edit --clear snooze does the same' '
	kith snooze sam 3w &&
	test "$(due_on sam)" = 2026-12-17 &&
	kith edit sam --clear snooze &&
	test "$(due_on sam)" = 2026-10-15
'

test_expect_success 'snooze refuses bad input and changes nothing' '
	kith show sam --json >before &&
	test_expect_code 2 kith snooze sam --until 2026-11-01 &&
	test_expect_code 2 kith snooze sam --until today &&
	test_expect_code 2 kith snooze sam --until someday &&
	test_expect_code 2 kith snooze sam forever &&
	test_expect_code 2 kith snooze sam 2w --off &&
	test_expect_code 2 kith snooze sam 2w --until 2027-01-01 &&
	test_expect_code 2 kith snooze nobody 2w &&
	kith show sam --json >after &&
	test_cmp before after
'

test_expect_success 'a log after a snooze: the clock starts again from the touch' '
	kith snooze sam 4w &&
	kith log sam message &&
	kith show sam --json >out &&
	test "$(jv out last_touch)" = 2026-11-26 &&
	test "$(jv out status)" = ok
'

test_done
