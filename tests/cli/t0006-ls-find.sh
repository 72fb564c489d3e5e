#!/bin/bash
# kith ls: filters, sort, limit, JSON; kith find: full-text search.
. "$(dirname "$0")/lib.sh"

# test_must_be_empty FILE: FILE exists and is empty (shows it when not)
test_must_be_empty() {
	test -f "$1" && ! test -s "$1" || { echo "# '$1' is not empty:"; cat "$1"; return 1; }
}

# names FILE: the names of a JSON list of people, comma-separated
names() {
	jv "$1" "*.name"
}

# KITH_TODAY is 2026-11-26.
test_expect_success 'setup' '
	KITH_TODAY=2026-09-01 kith add "Ada Lovelace" --circle inner --tag mentor \
		--org "Analytical Engines" --title Mathematician &&
	KITH_TODAY=2026-10-01 kith add "Grace Hopper" --circle close --tag navy \
		--org "US Navy" --title "Rear Admiral" &&
	KITH_TODAY=2026-11-01 kith add "Alan Turing" --circle active --tag mentor --tag ai \
		--title "Codebreaker" --met "Bletchley reunion" &&
	kith add "Zoë Ångström" --circle wide --org "Ångström Lab" --goal "quantum sensors" &&
	kith add "Nora Nocadence" --circle none &&
	kith add "Sam Snoozed" --circle inner &&
	kith log ada coffee --on 2026-11-01 &&
	kith log grace call --on 2026-11-20 &&
	kith log sam call --on 2026-11-01 &&
	kith snooze sam 3w
'

test_expect_success 'ls lists everyone by name' '
	kith ls --json >out &&
	test "$(names out)" = "Ada Lovelace,Alan Turing,Grace Hopper,Nora Nocadence,Sam Snoozed,Zoë Ångström"
'

test_expect_success 'ls human output has a header and one line per person' '
	kith ls >out &&
	head -n 1 out | grep "NAME" &&
	test "$(wc -l <out)" = 7 &&
	grep "Ada Lovelace *inner *Analytical Engines" out
'

test_expect_success 'ls --json has id, name, next_due and status' '
	kith ls --json >out &&
	test "$(jv out 0.id)" = 1 &&
	test "$(jv out 0.name)" = "Ada Lovelace" &&
	test "$(jv out 0.next_due)" = 2026-11-15 &&
	test "$(jv out 0.status)" = overdue &&
	test "$(jv out 0.last_touch)" = 2026-11-01 &&
	test "$(jv out 0.circle)" = inner &&
	test "$(jv out 3.status)" = none &&
	test "$(jv out 3.next_due)" = null
'

test_expect_success 'ls +TAG' '
	kith ls +mentor --json >out &&
	test "$(names out)" = "Ada Lovelace,Alan Turing" &&
	kith ls +mentor +ai --json >out &&
	test "$(names out)" = "Alan Turing" &&
	kith ls +nosuchtag --json >out &&
	test "$(jv out "#")" = 0
'

test_expect_success 'ls -TAG after --' '
	kith ls --json -- -mentor >out &&
	test "$(names out)" = "Grace Hopper,Nora Nocadence,Sam Snoozed,Zoë Ångström" &&
	kith ls --json -- +mentor -ai >out &&
	test "$(names out)" = "Ada Lovelace"
'

test_expect_success 'ls org: and title: (contains, any case)' '
	kith ls org:navy --json >out &&
	test "$(names out)" = "Grace Hopper" &&
	kith ls org:engine --json >out &&
	test "$(names out)" = "Ada Lovelace" &&
	kith ls title:ADMIRAL --json >out &&
	test "$(names out)" = "Grace Hopper" &&
	kith ls title:math org:navy --json >out &&
	test "$(jv out "#")" = 0
'

test_expect_success 'ls circle:, two circles is either' '
	kith ls circle:inner --json >out &&
	test "$(names out)" = "Ada Lovelace,Sam Snoozed" &&
	kith ls circle:inner circle:close --json >out &&
	test "$(names out)" = "Ada Lovelace,Grace Hopper,Sam Snoozed" &&
	kith ls circle:none --json >out &&
	test "$(names out)" = "Nora Nocadence"
'

test_expect_success 'ls due and overdue' '
	kith ls due --json >out &&
	test "$(names out)" = "Ada Lovelace" &&
	kith ls overdue --json >out &&
	test "$(names out)" = "Ada Lovelace" &&
	KITH_TODAY=2026-12-21 kith ls due --json >out &&
	test "$(names out)" = "Ada Lovelace,Grace Hopper,Sam Snoozed" &&
	KITH_TODAY=2026-12-21 kith ls overdue --json >out &&
	test "$(names out)" = "Ada Lovelace"
'

test_expect_success 'ls due:1w: due within a week' '
	kith ls due:1w --json >out &&
	names out >n1 &&
	grep "Ada Lovelace" n1 &&
	! grep "Grace Hopper" n1 &&
	kith ls due:4w --json >out &&
	names out | grep "Grace Hopper" &&
	names out | grep "Sam Snoozed" &&
	! names out | grep "Nora"
'

test_expect_success 'ls ok, never, snoozed' '
	kith ls ok --json >out &&
	test "$(names out)" = "Alan Turing,Grace Hopper,Sam Snoozed,Zoë Ångström" &&
	kith ls never --json >out &&
	test "$(names out)" = "Alan Turing,Nora Nocadence,Zoë Ångström" &&
	kith ls snoozed --json >out &&
	test "$(names out)" = "Sam Snoozed"
'

test_expect_success 'ls with free words: name, org or title contains' '
	kith ls grace --json >out &&
	test "$(names out)" = "Grace Hopper" &&
	kith ls analytical --json >out &&
	test "$(names out)" = "Ada Lovelace" &&
	kith ls codebreaker --json >out &&
	test "$(names out)" = "Alan Turing" &&
	kith ls angstrom --json >out &&
	test "$(names out)" = "Zoë Ångström" &&
	kith ls ada +navy --json >out &&
	test "$(jv out "#")" = 0
'

test_expect_success 'ls filters combine' '
	kith ls +mentor circle:inner due --json >out &&
	test "$(names out)" = "Ada Lovelace" &&
	kith ls +mentor never --json >out &&
	test "$(names out)" = "Alan Turing"
'

test_expect_success 'ls with nobody matching' '
	kith ls +nosuchtag >out 2>err &&
	! grep "Ada" out &&
	grep "nobody" err
'

test_expect_success 'ls --sort name, due, last, added, circle' '
	kith ls --sort name --json >out &&
	test "$(names out)" = "Ada Lovelace,Alan Turing,Grace Hopper,Nora Nocadence,Sam Snoozed,Zoë Ångström" &&
	kith ls --sort due --json >out &&
	test "$(jv out 0.name)" = "Ada Lovelace" &&
	test "$(jv out 5.name)" = "Nora Nocadence" &&
	jv out "*.next_due" | tr , "\n" | grep -v null >dues &&
	sort dues | test_cmp - dues &&
	kith ls --sort last --json >out &&
	test "$(names out)" = "Alan Turing,Nora Nocadence,Zoë Ångström,Ada Lovelace,Sam Snoozed,Grace Hopper" &&
	kith ls --sort added --json >out &&
	test "$(jv out 3.name),$(jv out 4.name),$(jv out 5.name)" = "Alan Turing,Grace Hopper,Ada Lovelace" &&
	kith ls --sort circle --json >out &&
	test "$(jv out "*.circle")" = "inner,inner,close,active,wide,none"
'

test_expect_success 'ls --limit' '
	kith ls --limit 2 --json >out &&
	test "$(names out)" = "Ada Lovelace,Alan Turing" &&
	kith ls --sort circle --limit 1 --json >out &&
	test "$(names out)" = "Ada Lovelace" &&
	test_expect_code 2 kith ls --limit 0 &&
	test_expect_code 2 kith ls --limit -3 &&
	test_expect_code 2 kith ls --limit many
'

test_expect_success 'ls refuses a bad filter or sort with exit 2' '
	test_expect_code 2 kith ls circle:nope >out 2>err &&
	grep "nope" err &&
	! test -s out &&
	test_expect_code 2 kith ls bogus:x &&
	test_expect_code 2 kith ls due:soon &&
	test_expect_code 2 kith ls --sort bogus
'

test_expect_success 'setup for find' '
	kith add "Katherine Johnson" --note "orbital mechanics; helped with a school project" &&
	kith add "Mary Jackson" &&
	kith log mary coffee --note "her daughter'\''s school project on rockets" &&
	kith add "Dorothy Vaughan" &&
	kith log dorothy,mary meeting --on 2026-11-10 --note "FORTRAN study group"
'

test_expect_success 'find over names' '
	kith find lovelace --json >out &&
	test "$(names out)" = "Ada Lovelace" &&
	kith find "grace hop" --json >out &&
	test "$(names out)" = "Grace Hopper"
'

test_expect_success 'find over organizations, titles, tags, goals, how you met' '
	kith find navy --json >out && test "$(names out)" = "Grace Hopper" &&
	kith find admiral --json >out && test "$(names out)" = "Grace Hopper" &&
	kith find quantum --json >out && test "$(names out)" = "Zoë Ångström" &&
	kith find bletchley --json >out && test "$(names out)" = "Alan Turing" &&
	kith find mentor --json >out &&
	test "$(names out | tr , "\n" | sort | paste -sd,)" = "Ada Lovelace,Alan Turing"
'

test_expect_success 'find over notes and interaction notes' '
	kith find mechanics --json >out &&
	test "$(names out)" = "Katherine Johnson" &&
	kith find fortran --json >out &&
	test "$(names out | tr , "\n" | sort | paste -sd,)" = "Dorothy Vaughan,Mary Jackson" &&
	kith find rockets --json >out &&
	test "$(names out)" = "Mary Jackson"
'

test_expect_success 'find "school project": the own record first, then interaction notes' '
	kith find school project --json >out &&
	test "$(names out)" = "Katherine Johnson,Mary Jackson" &&
	kith find "school project" >out &&
	grep "Katherine Johnson" out &&
	grep "Mary Jackson" out &&
	test "$(grep -n Katherine out | cut -d: -f1)" -lt "$(grep -n Mary out | cut -d: -f1)"
'

test_expect_success 'find: every word a prefix, all words needed' '
	kith find mech orb --json >out &&
	test "$(names out)" = "Katherine Johnson" &&
	kith find mechanics rockets --json >out &&
	test "$(jv out "#")" = 0
'

test_expect_success 'find is accent-insensitive both ways' '
	kith find zoe --json >out &&
	test "$(names out)" = "Zoë Ångström" &&
	kith find angstrom --json >out &&
	test "$(names out)" = "Zoë Ångström" &&
	kith edit zoe --note "café au lait" &&
	kith find CAFE --json >out &&
	test "$(names out)" = "Zoë Ångström" &&
	kith find "Ångström" --json >out &&
	test "$(names out)" = "Zoë Ångström"
'

test_expect_success 'find --json rows have id, name, next_due and status' '
	kith find lovelace --json >out &&
	test "$(jv out 0.id)" = 1 &&
	test "$(jv out 0.next_due)" = 2026-11-15 &&
	test "$(jv out 0.status)" = overdue
'

test_expect_success 'find --limit' '
	kith find school --limit 1 --json >out &&
	test "$(jv out "#")" = 1 &&
	test_expect_code 2 kith find school --limit 0
'

test_expect_success 'find sees edits and removals' '
	kith edit grace --org "Remington Rand" --title Commodore &&
	kith find admiral --json >out &&
	test "$(jv out "#")" = 0 &&
	kith find remington --json >out &&
	test "$(names out)" = "Grace Hopper" &&
	kith rm --yes katherine &&
	kith find mechanics --json >out &&
	test "$(jv out "#")" = 0
'

test_expect_success 'find with nothing matching is exit 0 with a message' '
	kith find xylophone >out 2>err &&
	! test -s out &&
	grep "xylophone" err
'

test_expect_success 'find needs something to search for' '
	test_expect_code 2 kith find
'

# FTS5 query syntax must not leak: these are only words (or nothing)
test_expect_success 'find with FTS5 syntax characters never fails (exit 0 or 2, JSON)' '
	i=0 &&
	for q in "\"" "\"ada" AND "ada AND" "OR grace" NOT "*" "ada*" "NEAR(" "NEAR(ada grace)" \
		col:ada "(" ")" "^ada" name:ada -- -ada + "'\''" "ada\"grace" "a:b:c"; do
		i=$((i + 1))
		kith find --json -- "$q" >out.$i 2>err.$i
		status=$?
		case $status in
		0) ;;
		2) mv out.$i fail.$i ;;
		*) echo "kith find $q: exit $status"; cat err.$i; return 1 ;;
		esac
	done &&
	test $i = 21 &&
	python3 -c "
import json, sys
for f in sys.argv[1:]:
    json.load(open(f))
" out.*
'

test_expect_success 'find --json with nothing to search for: exit 2, nothing on stdout' '
	test_expect_code 2 kith find --json "\"" >out 2>err &&
	grep "nothing to search for" err &&
	test_must_be_empty out &&
	test_expect_code 2 kith find --json -- "*" >out &&
	test_must_be_empty out
'

test_expect_success 'find with operator words still finds by the other words' '
	kith find "\"lovelace\"" --json >out &&
	test "$(names out)" = "Ada Lovelace" &&
	kith find "lovelace*" --json >out &&
	test "$(names out)" = "Ada Lovelace" &&
	kith find "(lovelace)" --json >out &&
	test "$(names out)" = "Ada Lovelace"
'

test_done
