#!/bin/bash
# The daily plan: thank, celebrate, reconnect; its size, the backlog spread
# over the coming days, determinism and the JSON shape.
. "$(dirname "$0")/lib.sh"

# KITH_TODAY is 2026-11-26, a Thursday.

# plan [DAY]: the plan of a day (default today), with room for everyone,
# as lines "kind | name & name | reason" (the columns of kith today)
plan() {
	KITH_TODAY=${1:-$KITH_TODAY} kith today --limit 1000 >plan.out &&
	sed -E -n "s/^ *[0-9]+  ([a-z]+) +(([^ ]| [^ ])+)  +(.*)$/\1 | \2 | \4/p" plan.out
}

test_expect_success 'an empty network: nothing to do' '
	kith today >out &&
	grep "Thursday 26 November 2026" out &&
	kith today --json >out &&
	test "$(jv out date)" = 2026-11-26 &&
	test "$(jv out actions.#)" = 0
'

test_expect_success 'thank after a call within 3 days' '
	kith add "Grace Hopper" --circle close &&
	kith log grace call --on "2 days ago" --note "the compiler" &&
	plan >out &&
	grep -F "thank | Grace Hopper | call 2 days ago" out &&
	grep -F "appreciation" out
'

test_expect_success 'thank after a coffee today and a meeting 3 days ago' '
	kith add "Carol Coffee" &&
	kith log carol coffee &&
	kith add "Mel Meeting" &&
	kith add "Max Meeting" &&
	kith log mel,max meeting --on "3 days ago" &&
	plan >out &&
	grep -F "thank | Carol Coffee | coffee today" out &&
	grep -F "thank | Mel Meeting & Max Meeting | meeting 3 days ago" out
'

test_expect_success 'no thank after 4 days, or for a message or an email' '
	kith add "Olga Old" &&
	kith log olga call --on "4 days ago" &&
	kith add "Mo Message" &&
	kith log mo message --on yesterday &&
	kith add "Ed Email" &&
	kith log ed email &&
	plan >out &&
	grep -F "thank | Grace Hopper" out &&
	! grep "Olga Old" out &&
	! grep "Mo Message" out &&
	! grep "Ed Email" out
'

test_expect_success 'no thank once a follow-up was logged' '
	kith add "Fay Follow" &&
	kith log fay call --on "2 days ago" &&
	plan >out &&
	grep -F "thank | Fay Follow" out &&
	kith log fay email --on yesterday --note "thank you note" &&
	plan >out &&
	! grep "Fay Follow" out
'

test_expect_success 'a follow-up on the same day counts too' '
	kith add "Sue Sameday" &&
	kith log sue call &&
	plan >out &&
	grep -F "thank | Sue Sameday" out &&
	kith log sue message &&
	plan >out &&
	! grep "Sue Sameday" out
'

test_expect_success 'thank in the human output' '
	kith today >out &&
	grep "thank *Grace Hopper *call 2 days ago" out
'

test_expect_success 'celebrate a birthday within 7 days, with the age' '
	kith add "Eve Li" --birthday 1990-11-29 &&
	plan >out &&
	grep -F "celebrate | Eve Li | birthday in 3 days (turns 36)" out
'

test_expect_success 'celebrate a birthday without a year: no age' '
	kith add "Mona Noyear" --birthday --12-01 &&
	plan >out &&
	grep -F "celebrate | Mona Noyear | birthday in 5 days" out &&
	! grep "Mona Noyear.*turns" out
'

test_expect_success 'a birthday today, and none beyond 7 days' '
	kith add "Tod Today" --birthday 1980-11-26 &&
	kith add "Fred Far" --birthday 1980-12-04 &&
	kith add "Sid Seven" --birthday --12-03 &&
	plan >out &&
	grep -F "celebrate | Tod Today | birthday today (turns 46)" out &&
	grep -F "celebrate | Sid Seven | birthday in 7 days" out &&
	! grep "Fred Far" out &&
	plan 2026-11-27 >out &&
	grep -F "celebrate | Fred Far | birthday in 7 days (turns 46)" out
'

test_expect_success 'a 29 February birthday shows on 28 February in a common year' '
	kith add "Leap Person" --birthday 2000-02-29 &&
	plan 2027-02-28 >out &&
	grep -F "celebrate | Leap Person | birthday today (turns 27)" out &&
	plan 2027-02-25 >out &&
	grep -F "celebrate | Leap Person | birthday in 3 days" out &&
	plan 2028-02-28 >out &&
	grep -F "celebrate | Leap Person | birthday tomorrow (turns 28)" out &&
	plan 2027-03-01 >out &&
	! grep "Leap Person" out
'

test_expect_success 'other dates: a work anniversary' '
	kith add "Wanda Work" --date "work anniversary=2019-03-01" &&
	plan 2027-02-26 >out &&
	grep -F "celebrate | Wanda Work | work anniversary in 3 days (8 years)" out &&
	plan 2026-11-26 >out &&
	! grep "Wanda Work" out
'

test_expect_success 'reconnect when due, with the reason' '
	kith add "Ada Lovelace" --circle active &&
	kith log ada coffee --on "94 days ago" &&
	plan >out &&
	grep -F "reconnect | Ada Lovelace | last coffee 94 days ago" out &&
	grep "Ada Lovelace | .*every 3 months" out
'

test_expect_success 'reconnect when overdue says so' '
	kith add "Otto Overdue" --circle inner &&
	kith log otto call --on 2026-10-01 &&
	plan >out &&
	grep "reconnect | Otto Overdue | last call 56 days ago; .*overdue.*every 2 weeks" out
'

test_expect_success 'no reconnect before someone is due' '
	kith add "Nick Notyet" --circle inner &&
	kith log nick social --on "13 days ago" &&
	plan >out &&
	! grep "Nick Notyet" out &&
	plan 2026-11-27 >out &&
	grep -F "reconnect | Nick Notyet | last social 14 days ago" out
'

test_expect_success 'logging the interaction marks the action done' '
	plan >out &&
	grep -F "reconnect | Ada Lovelace" out &&
	kith log ada message &&
	plan >out &&
	! grep "reconnect | Ada Lovelace" out
'

test_expect_success 'snoozing takes someone out of the plan' '
	kith snooze otto 1w &&
	plan >out &&
	! grep "Otto Overdue" out &&
	plan 2026-12-03 >out &&
	grep "reconnect | Otto Overdue" out
'

test_expect_success 'one action per person' '
	kith add "Bea Both" --circle inner --birthday 1985-11-28 &&
	kith log bea coffee --on "yesterday" &&
	plan >out &&
	test "$(grep -c "Bea Both" out)" = 1
'

test_expect_success 'the plan has 5 actions by default' '
	kith today --json >out &&
	test "$(jv out actions.#)" = 5 &&
	kith today >out &&
	grep -c "^ *[0-9] " out >n &&
	test "$(cat n)" = 5
'

test_expect_success 'kith today --limit' '
	kith today --limit 2 --json >out &&
	test "$(jv out actions.#)" = 2 &&
	kith today --limit 8 --json >out &&
	test "$(jv out actions.#)" = 8 &&
	test_expect_code 2 kith today --limit 0 &&
	test_expect_code 2 kith today --limit lots &&
	test_expect_code 2 kith today extra
'

test_expect_success 'kith config plan.size 3' '
	kith config plan.size 3 &&
	kith config plan.size >out &&
	test "$(cat out)" = 3 &&
	kith today --json >out &&
	test "$(jv out actions.#)" = 3 &&
	kith today --limit 4 --json >out &&
	test "$(jv out actions.#)" = 4 &&
	kith config --unset plan.size &&
	kith today --json >out &&
	test "$(jv out actions.#)" = 5 &&
	test_expect_code 2 kith config plan.size many &&
	test_expect_code 2 kith config no.such.key 1
'

test_expect_success 'the ranks follow the order' '
	kith today --limit 20 --json >out &&
	test "$(jv out actions.#)" -ge 8 &&
	test "$(jv out actions.*.rank)" = "$(seq -s, 1 "$(jv out actions.#)")"
'

test_expect_success 'kith today --json shape' '
	kith today --json >out &&
	python3 -c "
import json, sys
j = json.load(open(sys.argv[1]))
assert isinstance(j[\"date\"], str) and j[\"date\"] == \"2026-11-26\"
assert isinstance(j[\"actions\"], list) and j[\"actions\"]
for a in j[\"actions\"]:
    assert a[\"kind\"] in (\"thank\", \"celebrate\", \"reconnect\"), a
    assert isinstance(a[\"reason\"], str) and a[\"reason\"], a
    assert a[\"people\"], a
    for p in a[\"people\"]:
        assert isinstance(p[\"id\"], int) and isinstance(p[\"name\"], str), p
" out
'

test_expect_success 'deterministic: same database and day, same plan, byte for byte' '
	kith today --json >one &&
	kith ls >/dev/null &&
	kith today --json >two &&
	cmp one two &&
	kith today --limit 50 >one &&
	kith today --limit 50 >two &&
	cmp one two &&
	cp "$KITH_DB" copy.db &&
	kith --db copy.db today --json >three &&
	kith today --json >one &&
	cmp one three &&
	KITH_TODAY=2027-01-15 kith today --json >one &&
	KITH_TODAY=2027-01-15 kith today --json >two &&
	cmp one two
'

# The backlog, in a database of its own: people imported at once come due
# over their cadence, and the plan keeps its size.
N=60
test_expect_success "the backlog: $N people in the inner circle, no history" '
	for i in $(seq 1 $N); do
		kith --db backlog.db add "Backlog Person $i" --circle inner 2>/dev/null || return 1
	done &&
	kith --db backlog.db ls --json >out &&
	test "$(jv out "#")" = $N
'

test_expect_success 'they do not all come due on the same day' '
	KITH_TODAY=2026-11-27 kith --db backlog.db ls due --json >out &&
	n=$(jv out "#") &&
	test $n -ge 1 && test $n -le $((N / 3)) &&
	KITH_TODAY=2026-12-10 kith --db backlog.db ls due --json >out &&
	test "$(jv out "#")" = $N
'

test_expect_success 'when all are due, today shows 5, not all of them' '
	KITH_TODAY=2026-12-10 kith --db backlog.db today --json >out &&
	test "$(jv out actions.#)" = 5 &&
	test "$(jv out more_due)" = $((N - 5)) &&
	KITH_TODAY=2026-12-10 kith --db backlog.db today >out &&
	test "$(grep -c "reconnect" out)" = 5 &&
	grep "$((N - 5)) more" out
'

test_expect_success 'doing the plan every day works through the backlog in 14 days' '
	: >seen &&
	for i in $(seq 1 14); do
		day=$(date -d "2026-11-26 + $i days" +%F) &&
		KITH_TODAY=$day kith --db backlog.db today --json >day.json &&
		ids=$(jv day.json actions.*.people.0.id) || return 1
		test -z "$ids" && continue
		test "$(echo "$ids" | tr , "\n" | wc -l)" -le 5 &&
		echo "$ids" | tr , "\n" >>seen &&
		KITH_TODAY=$day kith --db backlog.db log "$ids" message || return 1
	done &&
	test "$(sort seen | uniq -d | wc -l)" = 0 &&
	test "$(wc -l <seen)" -ge $((N - 5)) &&
	KITH_TODAY=2026-12-10 kith --db backlog.db ls due --json >out &&
	test "$(jv out "#")" -le 5
'

test_done
