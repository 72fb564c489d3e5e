#!/bin/bash
# Hard-networking goals (add, ls, show, set, target, done, rm), warm paths,
# goal steps in the plan, and the balance of giving and asking.
. "$(dirname "$0")/lib.sh"

# Everything about goals, to check that a failing command changed nothing.
goal_state() {
	kith goal ls --all --json
}

# KITH_TODAY is 2026-11-26, a Thursday.

test_expect_success 'setup: a small network with organizations and touches' '
	kith add "Frank Li" --org "Acme Corp" &&
	kith add "Dana Scully" --org "ACME corp" &&
	kith add "Gina Ross" --org Globex &&
	kith add "Hank Moody" --org "Acmé" &&
	kith add "Ivy Chen" &&
	kith log frank coffee --on "10 days ago" &&
	kith log frank call --on "40 days ago" &&
	kith log gina,hank meeting --on "100 days ago" &&
	kith log gina share --on "5 days ago"
'

test_expect_success 'no goals yet: ls says so on stderr, prints nothing' '
	kith goal ls >out 2>err &&
	! test -s out &&
	grep "no open goals" err &&
	kith goal ls --json >out &&
	test "$(jv out "#")" = 0
'

test_expect_success 'goal add with targets and an organization' '
	kith goal add "referral for the PM role at Acme" --by "in 10 days" --target dana,ivy --org acme >out 2>err &&
	! test -s out &&
	grep "added goal #1 .referral for the PM role at Acme., due in 10 days (2026-12-06), 2 targets" err
'

test_expect_success 'goal add --json prints the goal with its warm paths' '
	kith goal add "intro to the design lead" --by 2026-12-24 --json >out &&
	test "$(jv out keys)" = "by,created,done,id,org,org_paths,targets,text" &&
	test "$(jv out id)" = 2 &&
	test "$(jv out by)" = 2026-12-24 &&
	test "$(jv out org)" = null &&
	test "$(jv out done)" = null &&
	test "$(jv out targets.#)" = 0 &&
	test "$(jv out org_paths.#)" = 0
'

test_expect_success 'goal ls: open goals by deadline, one line each' '
	kith goal ls >out &&
	test $(wc -l <out) = 2 &&
	head -n 1 out | grep -E "^#1 +referral for the PM role at Acme +due in 10 days +2 targets: 2 identified$" &&
	tail -n 1 out | grep -E "^#2 +intro to the design lead +due in 28 days +no targets$" &&
	kith goal >bare &&
	test_cmp out bare
'

test_expect_success 'goal ls --json: the goals with their targets, without paths' '
	kith goal ls --json >out &&
	test "$(jv out "#")" = 2 &&
	test "$(jv out 0.keys)" = "by,created,done,id,org,targets,text" &&
	test "$(jv out 0.targets.*.person.name)" = "Dana Scully,Ivy Chen" &&
	test "$(jv out 0.targets.0.keys)" = "person,state,updated" &&
	test "$(jv out 0.targets.*.state)" = "identified,identified"
'

test_expect_success 'goal show: targets with their warm paths, and paths into the organization' '
	kith goal show 1 >out &&
	grep "^goal #1  referral for the PM role at Acme$" out &&
	grep "deadline  2026-12-06 (due in 10 days)" out &&
	grep "Dana Scully  identified since today" out &&
	grep "you → Frank Li (2 touches this year) → Dana Scully (same organization)$" out &&
	grep -A1 "Ivy Chen" out | grep "no warm path" &&
	grep "warm paths into acme" out &&
	grep "you → Frank Li (2 touches this year), works there" out &&
	grep "you → Hank Moody (1 touch this year), works there" out &&
	grep "you → Gina Ross (2 touches this year) → Hank Moody (logged together), who works there" out &&
	kith goal show "#1" >out2 &&
	test_cmp out out2
'

test_expect_success 'goal show --json: the documented shape' '
	kith goal show 1 --json >out &&
	test "$(jv out keys)" = "by,created,done,id,org,org_paths,targets,text" &&
	test "$(jv out org)" = acme &&
	test "$(jv out targets.0.keys)" = "paths,person,state,updated" &&
	test "$(jv out targets.0.person.keys)" = "id,name" &&
	test "$(jv out targets.0.paths.0.keys)" = "how,strength,touches,via" &&
	test "$(jv out targets.0.paths.0.how)" = org &&
	test "$(jv out org_paths.0.how)" = null &&
	test "$(jv out org_paths.2.how)" = interaction &&
	test "$(jv out targets.0.paths.0.via.*.name)" = "Frank Li" &&
	test "$(jv out targets.0.paths.0.touches)" = 2 &&
	test "$(jv out targets.1.paths.#)" = 0 &&
	test "$(jv out org_paths.*.via.0.name)" = "Frank Li,Hank Moody,Gina Ross" &&
	test "$(jv out org_paths.2.via.*.name)" = "Gina Ross,Hank Moody" &&
	"$PYTHON" -c "
import json, sys
j = json.load(open(\"out\"))
s = [p[\"strength\"] for p in j[\"org_paths\"][:2]]
assert s[0] > s[1] > 0, s
"
'

test_expect_success 'the plan suggests the next step, with a warm path and a gentle warning' '
	kith today >out &&
	grep "goal" out &&
	grep "due in 10 days: ask Frank Li for an intro to Dana Scully (same organization; 2 touches this year); give first: share something or thank them" out &&
	grep "goal #1: referral for the PM role at Acme" out &&
	kith today --json >plan &&
	jv plan actions.*.key | tr , "\n" | grep -x "goal:g1:p2:identified"
'

test_expect_success 'goal set moves a target along the pipeline' '
	kith goal set 1 dana contacted 2>err &&
	grep "Dana Scully: identified → contacted (goal #1)" err &&
	kith goal set 1 ivy met 2>err &&
	grep "Ivy Chen: identified → met (goal #1)" err &&
	kith goal ls >out &&
	grep "2 targets: 1 met, 1 contacted" out &&
	kith goal set 1 ivy met 2>err &&
	grep "still met" err
'

test_expect_success 'a met target: the plan says to make the ask' '
	kith today >out &&
	grep "ask Ivy Chen for the referral (you met); give first: share something or thank them" out &&
	! grep "intro to Dana" out
'

test_expect_success 'goal set errors are exit 2 and change nothing' '
	goal_state >before &&
	test_expect_code 2 kith goal set 1 frank met 2>err &&
	grep "error: .Frank Li. is not a target of goal #1 (add them: kith goal target 1 .Frank Li.)" err &&
	test_expect_code 2 kith goal set 1 dana referal 2>err &&
	grep "unknown state .referal." err &&
	grep "identified, contacted, replied, met, referred or no" err &&
	test_expect_code 2 kith goal set 9 dana met 2>err &&
	grep "no goal #9" err &&
	test_expect_code 2 kith goal set 1 nobody met 2>err &&
	grep "nobody" err &&
	test_expect_code 2 kith goal set 1 dana &&
	test_expect_code 2 kith goal set x dana met 2>err &&
	grep "not a goal number" err &&
	test_expect_code 2 kith goal set 0 dana met &&
	test_expect_code 2 kith goal set -- -1 dana met &&
	goal_state >after &&
	test_cmp before after
'

test_expect_success 'goal target adds people, once' '
	kith goal target 1 frank 2>err &&
	grep "added 1 target to goal #1" err &&
	kith goal target 1 "frank, dana" 2>err &&
	grep "added 0 targets to goal #1 (2 already were)" err &&
	kith goal show 1 --json >out &&
	test "$(jv out targets.#)" = 3 &&
	kith goal set 1 frank replied 2>err &&
	grep "Frank Li: identified → replied" err
'

test_expect_success 'goal target errors change nothing' '
	goal_state >before &&
	test_expect_code 2 kith goal target 1 nobody &&
	test_expect_code 2 kith goal target 1 "gina,nobody" &&
	test_expect_code 2 kith goal target 7 gina 2>err &&
	grep "no goal #7" err &&
	test_expect_code 2 kith goal target 1 &&
	goal_state >after &&
	test_cmp before after
'

test_expect_success 'goal add errors are exit 2 and add nothing' '
	goal_state >before &&
	test_expect_code 2 kith goal add "no deadline" 2>err &&
	grep "needs a deadline" err &&
	grep "hint: kith goal" err &&
	test_expect_code 2 kith goal add "past" --by yesterday 2>err &&
	grep "has passed" err &&
	test_expect_code 2 kith goal add "bad date" --by someday 2>err &&
	grep "someday" err &&
	test_expect_code 2 kith goal add "ghost" --by "in 2w" --target nobody 2>err &&
	grep "nobody" err &&
	test_expect_code 2 kith goal add "" --by "in 2w" &&
	test_expect_code 2 kith goal add "  " --by "in 2w" &&
	test_expect_code 2 kith goal add two words --by "in 2w" &&
	test_expect_code 2 kith goal add --by "in 2w" &&
	test_expect_code 2 kith goal add "x" --by "in 2w" --bogus 2>err &&
	grep "unknown option" err &&
	test_expect_code 2 kith goal add "$(printf "two\nlines")" --by "in 2w" &&
	test_expect_code 2 kith goal add "$(head -c 600 /dev/zero | tr "\0" x)" --by "in 2w" &&
	goal_state >after &&
	test_cmp before after
'

test_expect_success 'show and other subcommands check the goal number' '
	test_expect_code 2 kith goal show 99 2>err &&
	grep "no goal #99" err &&
	test_expect_code 2 kith goal show abc &&
	test_expect_code 2 kith goal show &&
	test_expect_code 2 kith goal show 1 2 &&
	test_expect_code 2 kith goal done 99 &&
	test_expect_code 2 kith goal rm 99 --yes &&
	test_expect_code 2 kith goal frobnicate 2>err &&
	grep "unknown subcommand .frobnicate." err &&
	test_expect_code 2 kith goal ls extra
'

test_expect_success 'goal done: the goal leaves the list and the plan' '
	kith goal done 2 2>err &&
	grep "goal #2 done" err &&
	kith goal done 2 2>err &&
	grep "goal #2 was already done on 2026-11-26" err &&
	kith goal ls >out &&
	test $(wc -l <out) = 1 &&
	kith goal ls --all >out &&
	test $(wc -l <out) = 2 &&
	tail -n 1 out | grep "#2 .*done 2026-11-26" &&
	kith goal ls --all --json >out &&
	test "$(jv out 1.done)" = 2026-11-26 &&
	test "$(jv out 0.done)" = null
'

test_expect_success 'a goal whose deadline passed shows as overdue' '
	KITH_TODAY=2026-12-09 kith goal ls >out &&
	grep "3 days overdue" out
'

test_expect_success 'goal rm asks, or takes --yes' '
	goal_state >before &&
	test_expect_code 2 kith goal rm 2 </dev/null 2>err &&
	grep "without --yes" err &&
	goal_state >after &&
	test_cmp before after &&
	kith goal rm 2 --yes 2>err &&
	grep "removed goal #2 .intro to the design lead." err &&
	kith goal ls --all --json >out &&
	test "$(jv out "#")" = 1
'

test_expect_success 'an organization goal without targets: the plan finds a way in' '
	kith goal add "meet the Acme design team" --by "in 2 days" --org "ACME" &&
	kith today >out &&
	grep "due in 2 days: find a warm path into ACME: Frank Li (2 touches this year) works there" out
'

test_expect_success 'goal -h and kith help goal agree' '
	kith goal -h >a &&
	kith help goal >b &&
	test_cmp a b &&
	grep "kith goal set ID PERSON STATE" a
'

test_expect_success 'balance: gives, asks, neutral and the months' '
	kith balance >out &&
	grep "^2025-12-01 to 2026-11-26$" out &&
	grep -E "^gives +1 \(25%\)$" out &&
	grep -E "^asks +0 \(0%\)$" out &&
	grep -E "^neutral +3 \(75%\)$" out &&
	grep -E "^streak +1 week in a row with a give$" out &&
	grep -E "^most given to +Gina Ross \(1\)$" out &&
	grep -E "^most asked of +nobody$" out &&
	test $(grep -c "^20[0-9][0-9]-[0-9][0-9]  " out) = 12 &&
	grep "^2026-11  ██████████  give 1  ask 0  neutral 1$" out &&
	grep "^2026-10  ··········  give 0  ask 0  neutral 1$" out
'

test_expect_success 'balance counts asks and who was asked' '
	kith log dana ask --on yesterday &&
	kith log dana,ivy referral --on "2 days ago" &&
	kith balance >out &&
	grep -E "^asks +2 " out &&
	grep -E "^soft / hard +4 / 2$" out &&
	grep -E "^most asked of +Dana Scully \(2\), Ivy Chen \(1\)$" out &&
	grep "^2026-11  ███░░░░░░░  give 1  ask 2  neutral 1$" out
'

test_expect_success 'balance --json: the documented fields' '
	kith balance --json >out &&
	test "$(jv out keys)" = "asks,gives,hard,months,neutral,since,soft,streak_weeks,top_asked,top_given,touches_per_week,until" &&
	test "$(jv out gives)" = 1 &&
	test "$(jv out asks)" = 2 &&
	test "$(jv out neutral)" = 3 &&
	test "$(jv out streak_weeks)" = 1 &&
	test "$(jv out months.#)" = 12 &&
	test "$(jv out months.0.keys)" = "asks,gives,month,neutral" &&
	test "$(jv out months.0.month)" = 2025-12 &&
	test "$(jv out months.11.month)" = 2026-11 &&
	test "$(jv out months.11.asks)" = 2 &&
	test "$(jv out top_asked.0.person.name)" = "Dana Scully" &&
	test "$(jv out top_asked.0.count)" = 2 &&
	test "$(jv out top_given.0.keys)" = "count,person" &&
	test "$(jv out touches_per_week)" = 0.12
'

test_expect_success 'balance --since: a shorter period' '
	kith balance --since 2026-11-01 --json >out &&
	test "$(jv out since)" = 2026-11-01 &&
	test "$(jv out months.#)" = 1 &&
	test "$(jv out neutral)" = 1 &&
	kith balance --since "1 year ago" --json >out &&
	test "$(jv out months.#)" = 13
'

test_expect_success 'balance errors are exit 2' '
	test_expect_code 2 kith balance --since tomorrow 2>err &&
	grep "after today" err &&
	test_expect_code 2 kith balance --since someday 2>err &&
	grep "someday" err &&
	test_expect_code 2 kith balance extra 2>err &&
	grep "hint: kith balance" err &&
	test_expect_code 2 kith balance --since
'

test_expect_success 'balance has no colour when not on a terminal' '
	NO_COLOR= kith balance >out &&
	! grep -q "$(printf "\033")" out
'

test_expect_success 'balance -h and kith help balance agree' '
	kith balance -h >a &&
	kith help balance >b &&
	test_cmp a b
'

test_done
