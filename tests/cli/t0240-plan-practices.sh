#!/bin/bash
# The plan with the practices: done and skip, agendas, ideas to share,
# roles, the ask warning.
. "$(dirname "$0")/lib.sh"

# KITH_TODAY is 2026-11-26.

test_expect_success 'setup' '
	kith add "Ada Lovelace" --circle close --tag education &&
	kith add "Grace Hopper" --circle inner &&
	kith add "Mia Rossi" --circle close --every 4w --role mentor &&
	kith add "Frank Moss" --circle wide --org Acme &&
	kith log ada coffee --on "94 days ago" --note "her school project" &&
	kith log grace call --note "planning the meetup" &&
	kith log mia coffee --on "30 days ago" &&
	kith log frank email --on "200 days ago"
'

test_expect_success 'a role shows in show --json and can be cleared' '
	kith show mia --json >out &&
	test "$(jv out role)" = mentor &&
	kith edit mia --role none 2>err &&
	grep "role cleared" err &&
	kith show mia --json >out &&
	test "$(jv out role)" = null &&
	kith edit mia --role mentee &&
	test_expect_code 2 kith edit mia --role boss 2>err &&
	grep "unknown role" err
'

test_expect_success 'actions have a key, a subject and an idea in JSON' '
	kith resource add https://example.org/ai-class --title "Teaching AI in classrooms" --tag education &&
	kith today --json >out &&
	test "$(jv out actions.0.kind)" = reconnect &&
	test "$(jv out actions.0.key)" = "reconnect:p1:2026-09-23" &&
	test "$(jv out actions.0.subject)" = null &&
	test "$(jv out actions.0.idea)" = "share “Teaching AI in classrooms” (interest: education)" &&
	kith today >human &&
	grep "idea: share “Teaching AI in classrooms” (interest: education)" human
'

test_expect_success 'a due chat with an open agenda becomes an agenda action' '
	kith agenda mia add "ask about the PhD decision" &&
	kith today --json >out &&
	"$PYTHON" -S -c "
import json,sys
a=[x for x in json.load(open(\"out\"))[\"actions\"] if x[\"people\"] and x[\"people\"][0][\"name\"]==\"Mia Rossi\"][0]
assert a[\"kind\"]==\"agenda\", a
assert \"1 agenda item\" in a[\"reason\"], a
assert a[\"detail\"]==\"agenda: ask about the PhD decision\", a
"
'

test_expect_success 'log --agenda-done checks the agenda off' '
	kith log mia coffee --agenda-done --note "PhD talk" 2>err &&
	grep "checked off 1 agenda item with Mia Rossi" err &&
	kith agenda mia --json >out &&
	test "$(jv out items.#)" = 0
'

test_expect_success 'done on a thank-you removes it for good' '
	kith today --json >before &&
	n=$("$PYTHON" -S -c "
import json
acts=json.load(open(\"before\"))[\"actions\"]
print([i+1 for i,a in enumerate(acts) if a[\"kind\"]==\"thank\"][0])") &&
	key=$(jv before actions.$((n - 1)).key) &&
	kith done $n 2>err &&
	grep "^done: thank Grace Hopper" err &&
	kith today --json >after &&
	! grep -q "\"$key\"" after &&
	KITH_TODAY=2026-11-27 kith today --json >tomorrow &&
	! grep -q "\"$key\"" tomorrow
'

test_expect_success 'done on a reconnection asks for a log instead' '
	kith today --json >out &&
	test "$(jv out actions.0.kind)" = reconnect &&
	test_expect_code 2 kith done 1 2>err &&
	grep "log what you did instead" err &&
	grep "hint: kith log 1 coffee" err
'

test_expect_success 'skip puts an action off for the day only' '
	kith today --json >before &&
	first=$(jv before actions.0.key) &&
	kith skip 1 2>err &&
	grep "^skipped for today: reconnect Ada Lovelace" err &&
	kith today --json >after &&
	! grep -q "\"$first\"" after &&
	KITH_TODAY=2026-11-27 kith today --json >tomorrow &&
	grep -q "\"reconnect:p1:2026-09-23\"" tomorrow
'

test_expect_success 'done and skip check their arguments, and change nothing then' '
	sqlite3 "$KITH_DB" "SELECT count(*) FROM plan_mark" >before &&
	test_expect_code 2 kith done 99 2>err &&
	grep "today.s plan has" err &&
	test_expect_code 2 kith skip abc &&
	test_expect_code 2 kith done &&
	sqlite3 "$KITH_DB" "SELECT count(*) FROM plan_mark" >after &&
	test_cmp before after
'

test_expect_success 'asking someone never given anything to warns, and still logs' '
	kith log frank ask --note "referral?" 2>err &&
	grep "warning: you have never given anything to Frank Moss" err &&
	kith show frank --json >out &&
	test "$(jv out last_kind)" = ask
'

test_expect_success 'after a give, no warning' '
	kith praise frank "thanks for the intro to Dana" &&
	kith log frank referral 2>err &&
	! grep -q warning err
'

test_done
