#!/bin/bash
# Basics: init, add with every option, show, edit, help, usage errors.
. "$(dirname "$0")/lib.sh"

test_expect_success 'init creates the database and says where' '
	! test -f "$KITH_DB" &&
	test_expect_code 0 kith init >out 2>err &&
	test -f "$KITH_DB" &&
	grep -F "$KITH_DB" err &&
	! test -s out
'

test_expect_success 'init on an existing database keeps its data' '
	kith add "Keep Me" &&
	kith init 2>err &&
	grep -F "$KITH_DB" err &&
	kith show "keep me" >out &&
	grep "Keep Me" out
'

test_expect_success 'add with every option' '
	kith add "Ada Lovelace" \
		--email ada@example.org --email ada.l@analytical.org \
		--phone "+44 20 7946 0000" --phone "+44 7700 900000" \
		--org "Analytical Engines" --title Mathematician --location London \
		--link https://www.linkedin.com/in/ada --link https://ada.example.org \
		--tag math --tag AI --goal "publish the notes" --goal "find a patron" \
		--circle close --every 6w..8w --birthday 1815-12-10 \
		--date "work anniversary=2019-03-01" --met "at a salon" \
		--note "first programmer" 2>err &&
	grep "added Ada Lovelace #2" err
'

test_expect_success 'add --introduced-by names another person' '
	kith add "Grace Hopper" --introduced-by ada 2>err &&
	grep "added Grace Hopper #3" err &&
	kith show grace --json >out &&
	test "$(jv out introduced_by.id)" = 2 &&
	test "$(jv out introduced_by.name)" = "Ada Lovelace"
'

test_expect_success 'add --json prints the person with its id' '
	kith add "Alan Turing" --tag ai --birthday --06-23 --json >out &&
	test "$(jv out id)" = 4 &&
	test "$(jv out name)" = "Alan Turing" &&
	test "$(jv out tags)" = ai &&
	test "$(jv out birthday)" = --06-23 &&
	test "$(jv out circle)" = wide
'

test_expect_success 'show --json has every field given to add' '
	kith show ada --json >out &&
	test "$(jv out id)" = 2 &&
	test "$(jv out name)" = "Ada Lovelace" &&
	test "$(jv out emails | tr , "\n" | sort | paste -sd,)" = "ada.l@analytical.org,ada@example.org" &&
	test "$(jv out phones.#)" = 2 &&
	jv out phones | grep -F "+44 20 7946 0000" &&
	jv out phones | grep -F "+44 7700 900000" &&
	test "$(jv out org)" = "Analytical Engines" &&
	test "$(jv out title)" = Mathematician &&
	test "$(jv out location)" = London &&
	jv out links | grep -F https://www.linkedin.com/in/ada &&
	jv out links | grep -F https://ada.example.org &&
	test "$(jv out tags | tr , "\n" | sort | paste -sd,)" = "ai,math" &&
	jv out goals | grep "publish the notes" &&
	jv out goals | grep "find a patron" &&
	test "$(jv out circle)" = close &&
	test "$(jv out cadence_days)" = 42 &&
	test "$(jv out cadence_max_days)" = 56 &&
	test "$(jv out birthday)" = 1815-12-10 &&
	test "$(jv out dates.0.label)" = "work anniversary" &&
	test "$(jv out dates.0.date)" = 2019-03-01 &&
	test "$(jv out met)" = "at a salon" &&
	test "$(jv out notes)" = "first programmer" &&
	test "$(jv out added)" = 2026-11-26 &&
	test "$(jv out last_touch)" = null &&
	test "$(jv out status)" = ok &&
	test "$(jv out next_due)" != null &&
	test "$(jv out interactions.#)" = 0
'

test_expect_success 'JSON output escapes quotes, backslashes and control characters' '
	kith add "Quincy \"Q\" Back\\slash" --note "$(printf "tab\there\nline two \001 é 😀")" --json >out &&
	test "$(jv out name)" = "Quincy \"Q\" Back\\slash" &&
	test "$(jv out notes)" = "$(printf "tab\there\nline two \001 é 😀")"
'

test_expect_success 'show prints the profile for people' '
	kith show ada >out &&
	grep "Ada Lovelace" out &&
	grep "#2" out &&
	grep "Mathematician" out &&
	grep "Analytical Engines" out &&
	grep "London" out &&
	grep "ada@example.org" out &&
	grep -F "+44 20 7946 0000" out &&
	grep "linkedin.com/in/ada" out &&
	grep -F "+ai" out && grep -F "+math" out &&
	grep "publish the notes" out &&
	grep "close" out &&
	grep "1815-12-10" out &&
	grep "work anniversary" out &&
	grep "at a salon" out &&
	grep "first programmer" out &&
	grep "never in touch" out
'

test_expect_success 'show --json lists interactions newest first' '
	kith log ada call --on 2026-11-01 --note "about the engine" &&
	kith log ada coffee --on yesterday --note "talked poetry" &&
	kith log ada,grace meeting --on "3 days ago" &&
	kith show ada --json >out &&
	test "$(jv out interactions.#)" = 3 &&
	test "$(jv out interaction_count)" = 3 &&
	test "$(jv out interactions.*.date)" = "2026-11-25,2026-11-23,2026-11-01" &&
	test "$(jv out interactions.*.kind)" = "coffee,meeting,call" &&
	test "$(jv out interactions.*.note)" = "talked poetry,null,about the engine" &&
	test "$(jv out interactions.1.people.*.name)" = "Ada Lovelace,Grace Hopper" &&
	test "$(jv out last_touch)" = 2026-11-25 &&
	test "$(jv out last_kind)" = coffee
'

test_expect_success 'show prints the timeline newest first' '
	kith show ada >out &&
	grep -n "talked poetry" out | cut -d: -f1 >a &&
	grep -n "about the engine" out | cut -d: -f1 >b &&
	test "$(cat a)" -lt "$(cat b)" &&
	grep "with Grace Hopper" out
'

test_expect_success 'show --limit shows fewer interactions' '
	kith show ada --json --limit 1 >out &&
	test "$(jv out interactions.#)" = 1 &&
	test "$(jv out interactions.0.kind)" = coffee &&
	test "$(jv out interaction_count)" = 3 &&
	test_expect_code 2 kith show ada --limit x
'

test_expect_success 'edit replaces single values' '
	kith edit ada --org "Babbage & Co" --title Analyst --location Paris --met "a ball" 2>err &&
	grep "updated Ada Lovelace #2" err &&
	kith show ada --json >out &&
	test "$(jv out org)" = "Babbage & Co" &&
	test "$(jv out title)" = Analyst &&
	test "$(jv out location)" = Paris &&
	test "$(jv out met)" = "a ball"
'

test_expect_success 'edit with an empty value clears it' '
	kith edit ada --title "" &&
	kith show ada --json >out &&
	test "$(jv out title)" = null &&
	test "$(jv out org)" = "Babbage & Co"
'

test_expect_success 'edit adds repeatable values' '
	kith edit ada --email countess@example.org --tag poetry --phone "+33 1 23 45 67 89" \
		--link https://example.org/ada --goal "write a book" --date "name day=--07-26" &&
	kith show ada --json >out &&
	test "$(jv out emails.#)" = 3 &&
	jv out emails | grep countess@example.org &&
	test "$(jv out tags | tr , "\n" | sort | paste -sd,)" = "ai,math,poetry" &&
	test "$(jv out phones.#)" = 3 &&
	test "$(jv out links.#)" = 3 &&
	test "$(jv out goals.#)" = 3 &&
	test "$(jv out dates.#)" = 2
'

test_expect_success 'edit removes values: --untag, --rm-email and the others' '
	kith edit ada --untag math --rm-email ada@example.org --rm-phone "+44 7700 900000" \
		--rm-link https://ada.example.org --rm-goal "find a patron" --rm-date "name day" &&
	kith show ada --json >out &&
	test "$(jv out tags | tr , "\n" | sort | paste -sd,)" = "ai,poetry" &&
	! jv out emails | grep "^ada@example.org" &&
	test "$(jv out emails.#)" = 2 &&
	test "$(jv out phones.#)" = 2 &&
	! jv out links | grep ada.example.org &&
	! jv out goals | grep patron &&
	test "$(jv out dates.*.label)" = "work anniversary"
'

test_expect_success 'edit refuses to remove what is not there' '
	test_expect_code 2 kith edit ada --untag nothere 2>err &&
	grep nothere err &&
	test_expect_code 2 kith edit ada --rm-email nobody@example.org
'

test_expect_success 'edit --every sets their own cadence' '
	kith edit ada --every 6w &&
	kith show ada --json >out &&
	test "$(jv out cadence_days)" = 42 &&
	test "$(jv out cadence_max_days)" = 63 &&
	test "$(jv out cadence_source)" = person &&
	test "$(jv out next_due)" = 2027-01-06
'

test_expect_success 'edit --every none: never due' '
	kith edit ada --every none &&
	kith show ada --json >out &&
	test "$(jv out cadence_days)" = null &&
	test "$(jv out next_due)" = null &&
	test "$(jv out status)" = none
'

test_expect_success 'edit --every default follows the circle again' '
	kith edit ada --every default &&
	kith show ada --json >out &&
	test "$(jv out cadence_source)" = inherited &&
	test "$(jv out cadence_days)" = 30 &&
	test "$(jv out cadence_max_days)" = 42 &&
	test "$(jv out next_due)" = 2026-12-25
'

test_expect_success 'edit --circle moves them and their cadence' '
	kith edit ada --circle inner &&
	kith show ada --json >out &&
	test "$(jv out circle)" = inner &&
	test "$(jv out cadence_days)" = 14 &&
	test "$(jv out next_due)" = 2026-12-09
'

test_expect_success 'edit --clear empties fields' '
	kith edit ada --clear org --clear location --clear met --clear birthday --clear note &&
	kith edit grace --clear introduced-by &&
	kith show ada --json >out &&
	test "$(jv out org)" = null &&
	test "$(jv out location)" = null &&
	test "$(jv out met)" = null &&
	test "$(jv out birthday)" = null &&
	test "$(jv out notes)" = null &&
	test "$(jv out name)" = "Ada Lovelace" &&
	kith show grace --json >out &&
	test "$(jv out introduced_by)" = null
'

test_expect_success 'edit --clear refuses an unknown field' '
	test_expect_code 2 kith edit ada --clear nope 2>err &&
	grep "hint:" err
'

test_expect_success 'edit --name renames' '
	kith edit ada --name "Augusta Ada King" &&
	kith show augusta --json >out &&
	test "$(jv out id)" = 2 &&
	test "$(jv out name)" = "Augusta Ada King"
'

test_expect_success 'birthday without the year' '
	kith edit 2 --birthday --12-10 &&
	kith show 2 --json >out &&
	test "$(jv out birthday)" = --12-10 &&
	test_expect_code 2 kith edit 2 --birthday 2026-02-30 &&
	kith show 2 --json >out &&
	test "$(jv out birthday)" = --12-10
'

test_expect_success 'add needs a name' '
	test_expect_code 2 kith add 2>err &&
	grep "hint:" err &&
	test_expect_code 2 kith add Ada Lovelace
'

test_expect_success 'a bad value in add is exit 2' '
	test_expect_code 2 kith add "Bad Circle" --circle nope &&
	test_expect_code 2 kith add "Bad Cadence" --every often &&
	test_expect_code 2 kith add "Bad Birthday" --birthday 1990-13-01 &&
	kith ls --json >out &&
	! grep -i "bad" out
'

# help: every command in the table
kith help >help.out 2>/dev/null
commands=$(sed -n "s/^  \([a-z][a-z-]*\) .*/\1/p" help.out)
rm -f help.out

test_expect_success 'kith help lists the commands' '
	test "$(echo $commands | wc -w)" -ge 16 &&
	for c in add cadence config edit find help init log ls merge rm show snooze today unlog version; do
		echo " $commands " | tr "\n" " " | grep -q " $c " || { echo "missing $c"; return 1; }
	done
'

for c in $commands; do
	test_expect_success "kith help $c and kith $c -h print the same usage" '
		test_expect_code 0 kith help $c >a &&
		test_expect_code 0 kith $c -h >b &&
		test_cmp a b &&
		grep "^usage: kith $c" a
	'
done

test_expect_success '--help works like -h' '
	kith add --help >a &&
	kith help add >b &&
	test_cmp b a &&
	grep "^usage: kith add" a
'

test_expect_success 'kith help for an unknown command is exit 2' '
	test_expect_code 2 kith help nope 2>err &&
	grep "nope" err
'

test_expect_success 'an unknown command is exit 2 with a hint' '
	test_expect_code 2 kith frobnicate >out 2>err &&
	grep "frobnicate" err &&
	grep "hint:" err &&
	! test -s out
'

test_expect_success 'prefixes of commands are not guessed' '
	test_expect_code 2 kith sho ada 2>err &&
	grep "hint:" err
'

test_expect_success 'an unknown option is exit 2' '
	test_expect_code 2 kith ls --bogus 2>err &&
	grep -- "--bogus" err &&
	grep "hint:" err &&
	test_expect_code 2 kith --bogus 2>err &&
	grep -- "--bogus" err &&
	test_expect_code 2 kith add "Nobody Here" --bogus &&
	kith ls --json >out &&
	! grep "Nobody" out
'

test_expect_success 'an option without its value is exit 2' '
	test_expect_code 2 kith add "Nobody Here" --email 2>err &&
	grep "needs a value" err &&
	kith ls --json >out &&
	! grep "Nobody" out
'

test_expect_success 'no command at all is exit 2 with the usage' '
	test_expect_code 2 kith >out 2>err &&
	grep "usage" err
'

test_expect_success 'kith version' '
	kith version >out &&
	grep "^kith [0-9]" out
'

test_done
