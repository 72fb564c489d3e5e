#!/bin/bash
# Introductions: kith knows, kith intro (suggest, start, ls, set through
# the double opt-in), their JSON, their errors, and the introduce actions
# of kith today.
. "$(dirname "$0")/lib.sh"

# the whole database as SQL: "unchanged" means this is the same
dump() {
	sqlite3 "$KITH_DB" .dump >"$1"
}

# KITH_TODAY is 2026-11-26.

test_expect_success 'setup' '
	kith add "Carol Smith" --circle close --tag fintech --tag payments --goal "raise a seed round" &&
	kith add "Dan Brown" --circle active --tag fintech --tag payments --goal "Raise a seed round." &&
	kith add "Eve Li" --org Acme --tag ai --tag music &&
	kith add "Frank Ocean" --org ACME --tag ai --tag music &&
	kith add "Gina Tor" --tag ai --tag chess &&
	kith add "Hal Nine" --tag chess &&
	kith add "Ivy Quinn"
'

test_expect_success 'intro suggest ranks rare common ground first, with why' '
	kith intro suggest >out &&
	head -n 2 out >top &&
	grep "Carol Smith ↔ Dan Brown" top &&
	grep "both into fintech and payments; both want to raise a seed round; they don.t know each other" top &&
	grep "start one with: kith intro 1 2" out &&
	! grep "Ivy Quinn" out
'

test_expect_success 'intro suggest leaves out people at the same organization' '
	kith intro suggest --limit 100 >out &&
	! grep "Eve Li ↔ Frank Ocean" out &&
	grep "Gina Tor ↔ Hal Nine" out
'

test_expect_success 'intro suggest --json has people, score and reason' '
	kith intro suggest --json --limit 3 >out.json &&
	test "$(jv out.json suggestions.#)" = 3 &&
	test "$(jv out.json suggestions.0.people.*.id)" = "1,2" &&
	test "$(jv out.json suggestions.0.people.*.name)" = "Carol Smith,Dan Brown" &&
	jv out.json suggestions.0.score | grep -E "^0\.[0-9]+$" &&
	test "$(jv out.json suggestions.0.reason)" = "both into fintech and payments; both want to raise a seed round; they don'"'"'t know each other"
'

test_expect_success 'intro suggest is the same every time' '
	kith intro suggest --json --limit 50 >a.json &&
	kith intro suggest --json --limit 50 >b.json &&
	test_cmp a.json b.json
'

test_expect_success 'intro suggest: bad limits and stray arguments are exit 2' '
	test_expect_code 2 kith intro suggest --limit 0 2>err &&
	grep "limit" err &&
	test_expect_code 2 kith intro suggest --limit 1001 &&
	test_expect_code 2 kith intro suggest --limit x &&
	test_expect_code 2 kith intro suggest carol 2>err &&
	grep "takes no arguments" err &&
	test_expect_code 2 kith intro suggest --why x 2>err &&
	grep "does not go with" err
'

test_expect_success 'knows A B records it, once' '
	kith knows gina hal 2>err &&
	grep "recorded: Gina Tor and Hal Nine know each other" err &&
	kith knows hal gina 2>err &&
	grep "already known" err &&
	grep "you said so" err &&
	kith intro suggest --limit 100 >out &&
	! grep "Gina Tor ↔ Hal Nine" out
'

test_expect_success 'knows A B --json' '
	kith knows carol ivy --json >out.json &&
	test "$(jv out.json people.*.name)" = "Carol Smith,Ivy Quinn" &&
	test "$(jv out.json how)" = stated &&
	test "$(jv out.json added)" = true &&
	kith knows ivy carol --json >out.json &&
	test "$(jv out.json added)" = false
'

test_expect_success 'knows A lists who they know and how' '
	kith knows eve >out &&
	grep "Frank Ocean" out &&
	grep "same organization" out &&
	kith knows eve --json >out.json &&
	test "$(jv out.json person.name)" = "Eve Li" &&
	test "$(jv out.json knows.*.name)" = "Frank Ocean" &&
	test "$(jv out.json knows.0.how)" = org
'

test_expect_success 'knows A with nobody known says so' '
	kith knows dan >out 2>err &&
	test ! -s out &&
	grep "nobody known to know Dan Brown" err
'

test_expect_success 'knows: bad input is exit 2 and changes nothing' '
	dump before &&
	test_expect_code 2 kith knows carol carol 2>err &&
	grep "same person" err &&
	test_expect_code 2 kith knows carol nobody 2>err &&
	grep "nobody" err &&
	test_expect_code 2 kith knows 2>err &&
	test_expect_code 2 kith knows a b c &&
	test_expect_code 2 kith knows carol --why x &&
	dump after &&
	test_cmp before after
'

test_expect_success 'intro A B proposes it, with what they share as why' '
	kith intro carol dan 2>err &&
	grep "proposed introduction #1: Carol Smith ↔ Dan Brown (both into fintech and payments; both want to raise a seed round)" err &&
	grep "kith intro set 1 asked" err &&
	kith intro ls >out &&
	grep "#1 *proposed *Carol Smith ↔ Dan Brown" out
'

test_expect_success 'intro A B --why --json' '
	kith intro gina eve --why "both play chess online" --json >out.json &&
	test "$(jv out.json id)" = 2 &&
	test "$(jv out.json state)" = proposed &&
	test "$(jv out.json why)" = "both play chess online" &&
	test "$(jv out.json people.*.name)" = "Gina Tor,Eve Li" &&
	test "$(jv out.json created)" = 2026-11-26 &&
	test "$(jv out.json asked_on)" = null
'

test_expect_success 'intro of people who already know each other: a warning' '
	kith intro eve frank 2>err &&
	grep "warning: Eve Li and Frank Ocean already know each other (same organization)" err
'

test_expect_success 'intro: bad input is exit 2 and changes nothing' '
	dump before &&
	test_expect_code 2 kith intro carol carol 2>err &&
	grep "same person" err &&
	test_expect_code 2 kith intro dan carol 2>err &&
	grep "already have an open introduction (#1, proposed)" err &&
	test_expect_code 2 kith intro carol nobody 2>err &&
	test_expect_code 2 kith intro carol 2>err &&
	grep "to whom" err &&
	test_expect_code 2 kith intro a b c 2>err &&
	test_expect_code 2 kith intro 2>err &&
	test_expect_code 2 kith intro carol hal --limit 3 2>err &&
	grep "does not go with" err &&
	test_expect_code 2 kith intro carol hal --why "$(printf "two\nlines")" 2>err &&
	grep "one line" err &&
	dump after &&
	test_cmp before after
'

test_expect_success 'intro ls --json, newest first, and --state' '
	kith intro ls --json >out.json &&
	test "$(jv out.json \#)" = 3 &&
	test "$(jv out.json *.id)" = "3,2,1" &&
	test "$(jv out.json 2.people.*.id)" = "1,2" &&
	test "$(jv out.json 2.why)" = "both into fintech and payments; both want to raise a seed round" &&
	kith intro ls --state proposed --json >out.json &&
	test "$(jv out.json \#)" = 3 &&
	kith intro ls --state made --json >out.json &&
	test "$(jv out.json \#)" = 0 &&
	kith intro ls --state made >out 2>err &&
	test ! -s out &&
	grep "no introductions in that state" err &&
	test_expect_code 2 kith intro ls --state nope 2>err &&
	grep "unknown state" err &&
	test_expect_code 2 kith intro ls extra
'

test_expect_success 'intro set: only the double opt-in order, exit 2 naming what may follow' '
	dump before &&
	test_expect_code 2 kith intro set 1 made 2>err &&
	grep "introduction #1 is proposed: it cannot become made (next: asked or declined)" err &&
	test_expect_code 2 kith intro set 1 accepted &&
	test_expect_code 2 kith intro set 1 bogus 2>err &&
	grep "unknown state" err &&
	test_expect_code 2 kith intro set 99 asked 2>err &&
	grep "no introduction #99" err &&
	test_expect_code 2 kith intro set x asked 2>err &&
	grep "not an introduction number" err &&
	test_expect_code 2 kith intro set 1 asked --on tomorrow 2>err &&
	grep "future" err &&
	test_expect_code 2 kith intro set 1 asked --on nonsense &&
	test_expect_code 2 kith intro set 1 &&
	test_expect_code 2 kith intro set 1 asked --why x &&
	dump after &&
	test_cmp before after
'

test_expect_success 'intro set moves it on, with dates and a note' '
	kith intro set 1 asked --on "3 days ago" --note "emailed both" 2>err &&
	grep "introduction #1 asked on 2026-11-23" err &&
	kith intro set "#1" accepted --json >out.json &&
	test "$(jv out.json state)" = accepted &&
	test "$(jv out.json asked_on)" = 2026-11-23 &&
	test "$(jv out.json accepted_on)" = 2026-11-26 &&
	test "$(jv out.json note)" = "emailed both"
'

test_expect_success 'a made introduction: they know each other, an intro logged with both' '
	kith intro set 1 made 2>err &&
	grep "made on 2026-11-26: Carol Smith and Dan Brown know each other now" err &&
	kith knows carol --json >out.json &&
	test "$(jv out.json knows.*.name)" = "Ivy Quinn,Dan Brown" &&
	test "$(jv out.json knows.1.how)" = intro &&
	kith show dan --json >out.json &&
	test "$(jv out.json interactions.0.kind)" = intro &&
	test "$(jv out.json interactions.0.class)" = give &&
	test "$(jv out.json interactions.0.people.*.name)" = "Carol Smith,Dan Brown" &&
	kith intro suggest --limit 100 >out &&
	! grep "Carol Smith ↔ Dan Brown" out
'

test_expect_success 'made and declined end an introduction' '
	test_expect_code 2 kith intro set 1 declined 2>err &&
	grep "nothing comes after that" err &&
	kith intro set 2 declined --note "too busy" &&
	kith intro ls --state declined --json >out.json &&
	test "$(jv out.json 0.note)" = "too busy" &&
	test "$(jv out.json 0.declined_on)" = 2026-11-26 &&
	kith intro hal ivy 2>err &&
	grep "proposed introduction #4: Hal Nine ↔ Ivy Quinn" err
'

test_expect_success 'kith today: open introductions and one suggestion' '
	kith intro set 4 asked --on "10 days ago" &&
	kith today --limit 20 --json >out.json &&
	"$PYTHON" -S -c "
import json
j = json.load(open(\"out.json\"))
acts = [a for a in j[\"actions\"] if a[\"kind\"] == \"introduce\"]
keys = [a[\"key\"] for a in acts]
assert \"intro:3:proposed\" in keys, keys
assert \"intro:4:asked\" in keys, keys
a = [x for x in acts if x[\"key\"] == \"intro:3:proposed\"][0]
assert a[\"reason\"] == \"ask Eve Li whether they'"'"'d like to meet Frank Ocean (both into music and ai)\", a[\"reason\"]
assert [p[\"name\"] for p in a[\"people\"]] == [\"Eve Li\", \"Frank Ocean\"]
f = [x for x in acts if x[\"key\"] == \"intro:4:asked\"][0]
assert f[\"reason\"].startswith(\"asked 10 days ago\"), f[\"reason\"]
assert sum(1 for k in keys if k.startswith(\"introsuggest:\")) <= 1
"
'

test_expect_success 'help and usage' '
	kith intro -h >out &&
	grep "kith intro suggest" out &&
	grep -- "--why TEXT" out &&
	kith help knows >out &&
	grep "kith knows PERSON" out
'

test_done
