#!/bin/bash
# Being helpful and appreciative: resources, who they fit, shares,
# milestones, praise, and their actions in the daily plan.
. "$(dirname "$0")/lib.sh"

# snapshot: everything a failed command must leave as it was
snapshot() {
	{
		kith resource ls --json &&
		kith milestone ls --json &&
		kith ls --json &&
		for p in 1 2 3 4 5 6; do kith show $p --json 2>/dev/null; done
	} >"$1"
}

# KITH_TODAY is 2026-11-26, a Thursday.

test_expect_success 'setup: people with interests, goals and circles' '
	kith add "Ada Lovelace" --tag ai --tag education --circle inner &&
	kith add "Grace Hopper" --tag ai --goal "find a job in fintech" --circle none &&
	kith add "Alan Turing" --tag education --circle none &&
	kith add "Katherine Johnson" --tag ai --circle none &&
	kith add "Dorothy Vaughan" --tag ai --tag python --circle none &&
	kith add "Mary Jackson" --tag music --circle none &&
	kith log ada coffee --on "40 days ago"
'

test_expect_success 'resource add: says what it added on stderr, nothing on stdout' '
	kith resource add https://ex.com/teach --title "Teaching AI in classrooms" --tag AI --tag Education \
		>out 2>err &&
	! test -s out &&
	grep -F "added resource #1 Teaching AI in classrooms (article; ai, education)" err
'

test_expect_success 'resource add --json: the resource, with --until parsed like any date' '
	kith resource add https://ex.com/fel --title "Fintech fellowship" --tag fintech \
		--kind opportunity --until "in 5 days" --json >out &&
	test "$(jv out keys)" = "closed,created,id,kind,shared,tags,title,until,url" &&
	test "$(jv out id)" = 2 &&
	test "$(jv out kind)" = opportunity &&
	test "$(jv out until)" = 2026-12-01 &&
	test "$(jv out tags)" = fintech &&
	test "$(jv out closed)" = false &&
	test "$(jv out shared)" = 0 &&
	kith resource add http://ex.com/pod --kind podcast --tag music --json >out &&
	test "$(jv out title)" = null &&
	test "$(jv out until)" = null
'

test_expect_success 'resource add: bad input is exit 2 and changes nothing' '
	snapshot before &&
	test_expect_code 2 kith resource add ftp://ex.com/x 2>err &&
	grep "http:// or https://" err &&
	test_expect_code 2 kith resource add "https://ex.com/a b" 2>err &&
	grep "no spaces" err &&
	test_expect_code 2 kith resource add "https://" 2>err &&
	test_expect_code 2 kith resource add "https://ex.com/$(printf "%02100d" 0)" 2>err &&
	grep "too long" err &&
	test_expect_code 2 kith resource add https://ex.com/teach --title again 2>err &&
	grep -F "already resource #1" err &&
	test_expect_code 2 kith resource add https://ex.com/new --kind book 2>err &&
	grep "unknown kind" err &&
	test_expect_code 2 kith resource add https://ex.com/new --until someday 2>err &&
	grep "invalid date" err &&
	test_expect_code 2 kith resource add https://ex.com/new --tag "" 2>err &&
	grep "invalid tag" err &&
	test_expect_code 2 kith resource add 2>err &&
	grep "hint: kith resource" err &&
	test_expect_code 2 kith resource ls --title x 2>err &&
	grep -- "--title is for kith resource add" err &&
	test_expect_code 2 kith resource frob 2>err &&
	grep "unknown subcommand" err &&
	snapshot after &&
	test_cmp before after
'

test_expect_success 'resource ls: kind, title, tags, deadline, times shared' '
	kith resource ls >out &&
	head -n 1 out | grep "ID  KIND" &&
	grep -E "^ +1  article +Teaching AI in classrooms +ai, education +- +0$" out &&
	grep -E "^ +2  opportunity +Fintech fellowship +fintech +closes in 5 days +0$" out &&
	grep -E "^ +3  podcast +http://ex.com/pod +music" out &&
	KITH_TODAY=2026-12-02 kith resource ls >out &&
	grep -E "^ +2  opportunity .* closed +0$" out &&
	KITH_TODAY=2026-12-01 kith resource ls >out &&
	grep -E "^ +2  opportunity .* closes today +0$" out
'

test_expect_success 'resource ls +TAG filters, --json is an array' '
	kith resource ls +education --json >out &&
	test "$(jv out \#)" = 1 &&
	test "$(jv out 0.url)" = https://ex.com/teach &&
	kith resource ls +education +ai >out &&
	grep Teaching out &&
	kith resource ls +nothing --json >out &&
	test "$(jv out \#)" = 0 &&
	kith resource +music --json >out &&
	test "$(jv out 0.kind)" = podcast
'

test_expect_success 'share suggests who it fits, ranked, each with why' '
	kith share teach >out &&
	cat out &&
	test $(wc -l <out) = 5 &&
	grep -E "^ 1  Ada Lovelace +shares ai, education; inner circle; overdue for a coffee$" out &&
	grep -E "^ 2  Alan Turing +shares education$" out &&
	sed -n "3,5p" out | grep -c "shares ai$" | grep -qx 3 &&
	! grep "Mary Jackson" out
'

test_expect_success 'share --json: exactly the resource and the suggestions' '
	kith share 1 --json >out &&
	test "$(jv out keys)" = "resource,suggestions" &&
	test "$(jv out resource.keys)" = "id,kind,tags,title,until,url" &&
	test "$(jv out resource.id)" = 1 &&
	test "$(jv out resource.tags)" = "ai,education" &&
	test "$(jv out suggestions.\#)" = 5 &&
	test "$(jv out suggestions.0.keys)" = "person,reason,score" &&
	test "$(jv out suggestions.0.person.keys)" = "id,name" &&
	test "$(jv out suggestions.0.person.name)" = "Ada Lovelace" &&
	"$PYTHON" -c "
import json, sys
s = json.load(open(\"out\"))[\"suggestions\"]
assert all(isinstance(x[\"score\"], (int, float)) for x in s)
assert [x[\"score\"] for x in s] == sorted((x[\"score\"] for x in s), reverse=True)
" &&
	kith share 1 --limit 2 --json >out &&
	test "$(jv out suggestions.\#)" = 2
'

test_expect_success 'a goal that mentions a tag counts' '
	kith share fintech >out &&
	grep -E "^ 1  Grace Hopper +goal: find a job in fintech$" out
'

test_expect_success 'share a resource by a unique URL or title prefix; errors are exit 2' '
	kith share ex.com/fel >out &&
	grep Grace out &&
	kith share "fintech f" >out &&
	grep Grace out &&
	test_expect_code 2 kith share ex.com 2>err &&
	grep "matches 3 resources" err &&
	test_expect_code 2 kith share nothing 2>err &&
	grep "no resource matches" err &&
	test_expect_code 2 kith share 99 2>err &&
	test_expect_code 2 kith share 2>err &&
	grep "hint:" err &&
	test_expect_code 2 kith share 1 --limit 0 2>err &&
	test_expect_code 2 kith share 1 --on yesterday 2>err &&
	grep -- "--to" err
'

test_expect_success 'share --to records one give with everyone, and resets their clocks' '
	kith share teach --to "ada, katherine" --note "for your class" 2>err &&
	grep -F "shared resource #1 Teaching AI in classrooms with Ada Lovelace and Katherine Johnson today (2026-11-26)" err &&
	kith show ada --json >out &&
	test "$(jv out last_touch)" = 2026-11-26 &&
	test "$(jv out interactions.0.kind)" = share &&
	test "$(jv out interactions.0.class)" = give &&
	test "$(jv out interactions.0.note)" = "Teaching AI in classrooms (https://ex.com/teach): for your class" &&
	kith show katherine --json >out &&
	test "$(jv out interactions.0.kind)" = share &&
	kith resource ls --json >out &&
	test "$(jv out 0.shared)" = 2
'

test_expect_success 'who already got it is never suggested again' '
	kith share teach >out &&
	! grep "Ada Lovelace" out &&
	! grep "Katherine Johnson" out &&
	test $(wc -l <out) = 3
'

test_expect_success 'sharing again with someone who got it is exit 2 and changes nothing' '
	snapshot before &&
	test_expect_code 2 kith share teach --to alan,ada 2>err &&
	grep -F "Ada Lovelace #1 already got resource #1 on 2026-11-26" err &&
	test_expect_code 2 kith share teach --to nobody 2>err &&
	grep "no person matches" err &&
	test_expect_code 2 kith share teach --to alan --on tomorrow 2>err &&
	grep "future" err &&
	test_expect_code 2 kith share teach --to alan --limit 3 2>err &&
	snapshot after &&
	test_cmp before after
'

test_expect_success 'share --to --json, back-dated' '
	kith share teach --to alan --on yesterday --json >out &&
	test "$(jv out keys)" = "date,id,kind,note,people,resource" &&
	test "$(jv out kind)" = share &&
	test "$(jv out date)" = 2026-11-25 &&
	test "$(jv out note)" = null &&
	test "$(jv out people.0.name)" = "Alan Turing" &&
	test "$(jv out resource.keys)" = "id,kind,tags,title,until,url"
'

test_expect_success 'resource show: who got it, and when' '
	kith resource show teach >out &&
	grep "^#1 Teaching AI in classrooms" out &&
	grep "shared with 3 people" out &&
	grep -E "^  2026-11-25  Alan Turing #3$" out &&
	grep -E "^  2026-11-26  Ada Lovelace #1$" out &&
	kith resource show 1 --json >out &&
	test "$(jv out shares.\#)" = 3 &&
	test "$(jv out shares.0.keys)" = "date,interaction,person" &&
	test "$(jv out shares.0.person.name)" = "Alan Turing"
'

test_expect_success 'a closed opportunity is not suggested, nor shared after its day' '
	KITH_TODAY=2026-12-01 kith share fel >out &&
	grep Grace out &&
	snapshot before &&
	KITH_TODAY=2026-12-02 test_expect_code 2 kith share fel >out 2>err &&
	grep -F "closed on 2026-12-01" err &&
	! test -s out &&
	KITH_TODAY=2026-12-02 test_expect_code 2 kith share fel --to grace 2>err &&
	grep -F "closed on 2026-12-01" err &&
	snapshot after &&
	test_cmp before after &&
	KITH_TODAY=2026-12-02 kith share fel --to grace --on 2026-11-30 2>err &&
	grep "shared resource #2" err
'

test_expect_success 'a resource nobody fits: nothing on stdout, a word on stderr' '
	kith resource add https://ex.com/knit --tag knitting 2>/dev/null &&
	kith share knit >out 2>err &&
	! test -s out &&
	grep "nobody" err &&
	kith share knit --json >out &&
	test "$(jv out suggestions.\#)" = 0
'

test_expect_success 'resource rm asks on a terminal, needs --yes elsewhere' '
	snapshot before &&
	test_expect_code 2 kith resource rm knit </dev/null 2>err &&
	grep -- "--yes" err &&
	test_expect_code 2 kith resource rm 99 --yes 2>err &&
	snapshot after &&
	test_cmp before after &&
	kith resource rm teach --yes 2>err &&
	grep -F "removed resource #1 Teaching AI in classrooms (3 share records; the interactions stay)" err &&
	kith resource ls --json >out &&
	! grep -F "ex.com/teach" out &&
	kith show ada --json >out &&
	test "$(jv out interactions.0.kind)" = share
'

test_expect_success 'milestone PERSON TEXT: several words, --on, --json' '
	kith milestone ada joined Acme as CTO --on "3 days ago" 2>err &&
	grep -F "added milestone #1 for Ada Lovelace #1 (2026-11-23): joined Acme as CTO" err &&
	kith milestone add grace "launched her compiler" --on 2026-11-01 --json >out &&
	test "$(jv out keys)" = "celebrated_on,date,id,person,text" &&
	test "$(jv out person.name)" = "Grace Hopper" &&
	test "$(jv out date)" = 2026-11-01 &&
	test "$(jv out celebrated_on)" = null
'

test_expect_success 'milestone ls, for everyone or one person' '
	kith milestone ls >out &&
	head -n 1 out | grep "DATE" &&
	sed -n 2p out | grep -E "^ +1  2026-11-23  Ada Lovelace +joined Acme as CTO$" &&
	sed -n 3p out | grep -E "^ +2  2026-11-01  Grace Hopper +launched her compiler$" &&
	kith milestone ls grace --json >out &&
	test "$(jv out \#)" = 1 &&
	test "$(jv out 0.text)" = "launched her compiler"
'

test_expect_success 'milestone: bad input is exit 2 and changes nothing' '
	snapshot before &&
	test_expect_code 2 kith milestone nobody "x" 2>err &&
	grep "no person matches" err &&
	test_expect_code 2 kith milestone ada 2>err &&
	grep "what is the milestone" err &&
	test_expect_code 2 kith milestone ada "   " 2>err &&
	test_expect_code 2 kith milestone ada x --on someday 2>err &&
	test_expect_code 2 kith milestone ls ada grace 2>err &&
	test_expect_code 2 kith milestone rm 2>err &&
	test_expect_code 2 kith milestone rm 99 2>err &&
	grep "no milestone #99" err &&
	test_expect_code 2 kith milestone ada "$(printf "%01100d" 0)" 2>err &&
	grep "too long" err &&
	snapshot after &&
	test_cmp before after
'

test_expect_success 'the plan has a celebrate action for a recent milestone' '
	kith today --limit 20 --json >out &&
	"$PYTHON" -c "
import json
a = [x for x in json.load(open(\"out\"))[\"actions\"] if x[\"kind\"] == \"celebrate\"]
assert len(a) == 1, a
assert a[0][\"people\"][0][\"name\"] == \"Ada Lovelace\"
assert a[0][\"reason\"] == \"new milestone 3 days ago: joined Acme as CTO — congratulate them\", a[0][\"reason\"]
assert a[0][\"key\"] == \"milestone:m1\"
assert a[0][\"priority\"] == 69
" &&
	KITH_TODAY=2026-12-07 kith today --limit 20 >out &&
	grep "new milestone 14 days ago" out &&
	KITH_TODAY=2026-12-08 kith today --limit 20 >out &&
	! grep "milestone" out &&
	KITH_TODAY=2026-11-22 kith today --limit 20 >out &&
	! grep "milestone" out
'

test_expect_success 'the plan has a share action for an opportunity closing soon' '
	kith resource add https://ex.com/ai-fellow --title "AI fellowship" --tag python \
		--kind opportunity --until 2026-12-06 2>/dev/null &&
	kith today --limit 20 >out &&
	cat out &&
	grep -E "share +Dorothy Vaughan +“AI fellowship” closes in 10 days; fits their interest in python" out &&
	grep "https://ex.com/ai-fellow" out &&
	KITH_TODAY=2026-11-21 kith today --limit 20 >out &&
	! grep "AI fellowship" out &&
	KITH_TODAY=2026-12-06 kith today --limit 20 >out &&
	grep "“AI fellowship” closes today" out &&
	KITH_TODAY=2026-12-07 kith today --limit 20 >out &&
	! grep "AI fellowship" out &&
	kith share "ai fellowship" --to dorothy 2>/dev/null &&
	kith today --limit 20 >out &&
	! grep "AI fellowship" out
'

test_expect_success 'praise logs a give and celebrates the milestones of the month before' '
	kith praise ada "congratulations on the new role" --json >out &&
	test "$(jv out keys)" = "celebrated,date,id,kind,note,people" &&
	test "$(jv out kind)" = praise &&
	test "$(jv out note)" = "congratulations on the new role" &&
	test "$(jv out celebrated.\#)" = 1 &&
	test "$(jv out celebrated.0.text)" = "joined Acme as CTO" &&
	test "$(jv out celebrated.0.celebrated_on)" = 2026-11-26 &&
	kith show ada --json >out &&
	test "$(jv out interactions.0.kind)" = praise &&
	test "$(jv out last_touch)" = 2026-11-26 &&
	kith milestone ls ada >out &&
	grep "(celebrated 2026-11-26)" out &&
	kith today --limit 20 >out &&
	! grep "milestone" out
'

test_expect_success 'praise: several people, several words, on stderr' '
	kith praise grace,alan great talk at the meetup 2>err &&
	grep -F "logged praise for Grace Hopper and Alan Turing today (2026-11-26)" err &&
	grep -F "celebrated milestone #2 of Grace Hopper: launched her compiler" err &&
	kith show alan --json >out &&
	test "$(jv out interactions.0.note)" = "great talk at the meetup"
'

test_expect_success 'praise logged with kith log also celebrates' '
	kith milestone katherine "promoted to lead" 2>/dev/null &&
	kith today --limit 20 >out &&
	grep "new milestone today: promoted to lead" out &&
	kith log katherine praise &&
	kith today --limit 20 >out &&
	! grep "promoted to lead" out
'

test_expect_success 'praise: bad input is exit 2 and changes nothing' '
	snapshot before &&
	test_expect_code 2 kith praise ada 2>err &&
	grep "what for" err &&
	test_expect_code 2 kith praise 2>err &&
	test_expect_code 2 kith praise nobody "well done" 2>err &&
	test_expect_code 2 kith praise ada "well done" --on tomorrow 2>err &&
	grep "future" err &&
	test_expect_code 2 kith praise ada "   " 2>err &&
	snapshot after &&
	test_cmp before after
'

test_expect_success 'milestone rm' '
	kith milestone rm 3 2>err &&
	grep "removed milestone #3" err &&
	kith milestone ls katherine --json >out &&
	test "$(jv out \#)" = 0
'

test_expect_success 'removing a person removes their shares and milestones' '
	kith milestone dorothy "won an award" 2>/dev/null &&
	kith resource ls --json >out &&
	test "$(jv out "*.shared")" = "1,0,0,1" &&
	kith rm dorothy --yes 2>/dev/null &&
	kith resource ls --json >out &&
	test "$(jv out "*.shared")" = "1,0,0,0" &&
	kith milestone ls --json >out &&
	! grep Dorothy out
'

test_expect_success 'merging people moves shares and milestones' '
	kith add "Grace B. Hopper" 2>/dev/null &&
	kith milestone "Grace B" "became an admiral" 2>/dev/null &&
	kith resource add https://ex.com/cobol --tag cobol 2>/dev/null &&
	kith share cobol --to "Grace B" 2>/dev/null &&
	kith merge "Grace B" "Grace Hopper" 2>/dev/null &&
	kith milestone ls grace --json >out &&
	test "$(jv out \#)" = 2 &&
	kith resource show cobol --json >out &&
	test "$(jv out shares.0.person.name)" = "Grace Hopper"
'

test_done
