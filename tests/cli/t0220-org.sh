#!/bin/bash
# Communities and organizations (kith org, kith event), agendas (kith
# agenda), the personal brand (kith post), and the community and brand
# actions of kith today.
. "$(dirname "$0")/lib.sh"

# the whole database as SQL: "unchanged" means this is the same
dump() {
	sqlite3 "$KITH_DB" .dump >"$1"
}

# KITH_TODAY is 2026-11-26, a Thursday.

test_expect_success 'setup' '
	kith add "Ada Lovelace" --circle inner &&
	kith add "Grace Hopper" --circle none &&
	kith add "Zoë Ångström" --circle none &&
	kith add "Alan Turing" --circle none
'

# ------------------------------------------------------------------ org

test_expect_success 'org ls with no organizations says how to add one' '
	kith org ls >out &&
	grep "No organizations yet" out &&
	kith org >out2 &&
	test_cmp out out2 &&
	kith org ls --json >out &&
	test "$(jv out \#)" = 0
'

test_expect_success 'org add says what it added' '
	kith org add "Ellevate Network" --every 1m 2>err &&
	grep "added Ellevate Network #1 (professional, every month)" err
'

test_expect_success 'org add --kind --every --json prints the organization' '
	kith org add "Women in AI" --kind meetup --every 2w --json >out &&
	test "$(jv out id)" = 2 &&
	test "$(jv out name)" = "Women in AI" &&
	test "$(jv out kind)" = meetup &&
	test "$(jv out every_days)" = 14 &&
	test "$(jv out created)" = 2026-11-26 &&
	test "$(jv out member_count)" = 0 &&
	test "$(jv out event_count)" = 0 &&
	test "$(jv out last_event)" = null &&
	test "$(jv out next_due)" = 2026-12-10 &&
	test "$(jv out status)" = ok
'

test_expect_success 'org add without --every has no cadence' '
	kith org add "Écoles Réunies" --kind alumni --json >out &&
	test "$(jv out every_days)" = null &&
	test "$(jv out next_due)" = null &&
	test "$(jv out status)" = none
'

test_expect_success 'a name taken whatever the case and accents is exit 2, nothing added' '
	dump before &&
	test_expect_code 2 kith org add "ELLEVATE network" 2>err &&
	grep "already exists (#1)" err &&
	test_expect_code 2 kith org add "ecoles reunies" &&
	dump after &&
	test_cmp before after
'

test_expect_success 'org add: bad kind, cadence or name is exit 2, nothing added' '
	dump before &&
	test_expect_code 2 kith org add Guild --kind guild 2>err &&
	grep "unknown kind .guild." err &&
	grep "meetup" err &&
	test_expect_code 2 kith org add Guild --every often 2>err &&
	grep "often" err &&
	test_expect_code 2 kith org add Guild --every 0d &&
	test_expect_code 2 kith org add "   " &&
	test_expect_code 2 kith org add "$(head -c 300 /dev/zero | tr "\0" x)" 2>err &&
	grep "too long" err &&
	test_expect_code 2 kith org add 2>err &&
	grep "hint: kith org" err &&
	test_expect_code 2 kith org add Guild Two &&
	test_expect_code 2 kith org add Guild --name Other &&
	test_expect_code 2 kith org add Guild --yes &&
	test_expect_code 2 kith org frobnicate 2>err &&
	grep "unknown action .frobnicate." err &&
	dump after &&
	test_cmp before after
'

test_expect_success 'org ls lists each with kind, members, cadence, last event, next due' '
	kith org ls >out &&
	head -n 1 out | grep "KIND" &&
	head -n 1 out | grep "MEMBERS" &&
	head -n 1 out | grep "LAST EVENT" &&
	sed -n 2p out | grep "Écoles Réunies" &&
	sed -n 3p out | grep "Ellevate Network *professional *0 *1m *- *in 30d" &&
	sed -n 4p out | grep "Women in AI *meetup *0 *2w *- *in 14d"
'

test_expect_success 'org ls --json: sorted by name, with counts and dates' '
	kith org ls --json >out &&
	test "$(jv out \#)" = 3 &&
	test "$(jv out *.name)" = "Écoles Réunies,Ellevate Network,Women in AI" &&
	test "$(jv out *.kind)" = "alumni,professional,meetup" &&
	test "$(jv out *.next_due)" = "null,2026-12-26,2026-12-10"
'

test_expect_success 'an organization is named by id, #id, prefix or word, any case and accents' '
	kith org show 1 --json >a &&
	test "$(jv a name)" = "Ellevate Network" &&
	kith org show "#2" --json >a &&
	test "$(jv a name)" = "Women in AI" &&
	kith org show ELLE --json >a &&
	test "$(jv a id)" = 1 &&
	kith org show network --json >a &&
	test "$(jv a id)" = 1 &&
	kith org show ecoles --json >a &&
	test "$(jv a id)" = 3 &&
	kith org show "réunies" --json >a &&
	test "$(jv a id)" = 3
'

test_expect_success 'an ambiguous or unknown organization is exit 2' '
	test_expect_code 2 kith org show e 2>err &&
	grep "matches 2 organizations" err &&
	grep "Ellevate Network. #1" err &&
	grep "Écoles Réunies. #3" err &&
	test_expect_code 2 kith org show nowhere 2>err &&
	grep "no organization matches .nowhere." err &&
	test_expect_code 2 kith org show 42 2>err &&
	grep "42" err &&
	test_expect_code 2 kith org show
'

test_expect_success 'org join adds members and says who' '
	kith org join ellevate "ada, grace" 2>err &&
	grep "Ada Lovelace and Grace Hopper joined Ellevate Network" err &&
	kith org join ellevate ada 2>err &&
	grep "already in Ellevate Network: nothing changed" err &&
	kith org join ellevate ada,alan --json >out &&
	test "$(jv out member_count)" = 3
'

test_expect_success 'org join with an unknown person is exit 2 and nobody joins' '
	dump before &&
	test_expect_code 2 kith org join women "zoe,nobody" 2>err &&
	grep "no person matches .nobody." err &&
	test_expect_code 2 kith org join nowhere zoe &&
	test_expect_code 2 kith org join women &&
	dump after &&
	test_cmp before after
'

test_expect_success 'org leave removes a member; a non-member is exit 2' '
	kith org leave ellevate alan 2>err &&
	grep "Alan Turing left Ellevate Network" err &&
	dump before &&
	test_expect_code 2 kith org leave ellevate alan 2>err &&
	grep "'\''Alan Turing'\'' is not a member of '\''Ellevate Network'\''" err &&
	test_expect_code 2 kith org leave ellevate &&
	dump after &&
	test_cmp before after
'

test_expect_success 'org show lists the members' '
	kith org show ellevate >out &&
	grep "^Ellevate Network  #1" out &&
	grep "kind *professional" out &&
	grep "cadence *every month" out &&
	grep "last event none yet" out &&
	grep "^2 members" out &&
	grep "Ada Lovelace .*#1 *since 2026-11-26" out &&
	grep "Grace Hopper .*#2" out &&
	! grep "Alan Turing" out
'

# ---------------------------------------------------------------- event

test_expect_success 'event --with: an interaction with the people, their clocks reset' '
	kith show zoe --json >z &&
	test "$(jv z last_touch)" = null &&
	kith event ellevate --with ada,zoe --on "45 days ago" --note "panel on mentoring" --json >ev &&
	test "$(jv ev kind)" = event &&
	test "$(jv ev date)" = 2026-10-12 &&
	test "$(jv ev org.name)" = "Ellevate Network" &&
	test "$(jv ev org.id)" = 1 &&
	test "$(jv ev note)" = "panel on mentoring" &&
	test "$(jv ev people.*.name)" = "Ada Lovelace,Zoë Ångström" &&
	kith show zoe --json >z &&
	test "$(jv z last_touch)" = 2026-10-12 &&
	test "$(jv z last_kind)" = event &&
	test "$(jv z interactions.0.id)" = "$(jv ev id)"
'

test_expect_success 'event alone: logged and counted as involvement' '
	kith event women --on "3 days ago" 2>err &&
	grep "logged an event of Women in AI alone 3 days ago (2026-11-23)" err &&
	kith org show women --json >o &&
	test "$(jv o last_event)" = 2026-11-23 &&
	test "$(jv o next_due)" = 2026-12-07 &&
	test "$(jv o event_count)" = 1 &&
	test "$(jv o events.0.people.\#)" = 0
'

test_expect_success 'event says what it logged' '
	kith event "#3" --with alan 2>err &&
	grep "logged an event of Écoles Réunies with Alan Turing today (2026-11-26) #" err
'

test_expect_success 'event: a bad date, organization or person is exit 2, nothing logged' '
	dump before &&
	test_expect_code 2 kith event ellevate --on tomorrow 2>err &&
	grep "future" err &&
	test_expect_code 2 kith event ellevate --on someday &&
	test_expect_code 2 kith event nowhere 2>err &&
	grep "no organization matches" err &&
	test_expect_code 2 kith event ellevate --with ada,nobody &&
	test_expect_code 2 kith event ellevate --with "," &&
	test_expect_code 2 kith event ellevate --note "$(head -c 70000 /dev/zero | tr "\0" x)" 2>err &&
	grep "too long" err &&
	test_expect_code 2 kith event &&
	test_expect_code 2 kith event ellevate women &&
	dump after &&
	test_cmp before after
'

test_expect_success 'org show lists the events, newest first, with the people' '
	kith event ellevate --on "60 days ago" &&
	kith org show ellevate >out &&
	grep "^2 events" out &&
	grep "2026-10-12  with Ada Lovelace and Zoë Ångström: panel on mentoring" out &&
	grep "2026-09-27  alone" out &&
	kith org show ellevate --json >o &&
	test "$(jv o events.*.date)" = "2026-10-12,2026-09-27" &&
	test "$(jv o members.*.name)" = "Ada Lovelace,Grace Hopper" &&
	test "$(jv o members.0.since)" = 2026-11-26 &&
	test "$(jv o last_event)" = 2026-10-12 &&
	test "$(jv o status)" = due &&
	kith org ls >out &&
	grep "Ellevate Network *professional *2 *1m *45d ago *due 15d$" out &&
	grep "Women in AI *meetup *0 *2w *3d ago *in 11d$" out
'

test_expect_success 'kith unlog removes an event' '
	kith event women --json >ev &&
	kith org show women --json >o &&
	test "$(jv o last_event)" = 2026-11-26 &&
	kith unlog "$(jv ev id)" &&
	kith org show women --json >o &&
	test "$(jv o last_event)" = 2026-11-23
'

# ---------------------------------------------------------------- today

test_expect_success 'a community past its cadence is a community action in kith today' '
	kith today --json >plan &&
	"$PYTHON" -S -c "
import json, sys
p = json.load(open(\"plan\"))
c = [a for a in p[\"actions\"] if a[\"kind\"] == \"community\"]
assert len(c) == 1, c
a = c[0]
assert a[\"subject\"] == \"Ellevate Network\", a
assert a[\"people\"] == [], a
assert a[\"reason\"] == \"no Ellevate Network event for 45 days; you aim for every month\", a
assert a[\"detail\"].startswith(\"members: \"), a
assert 57 < a[\"priority\"] < 58, a
" &&
	kith today >out &&
	grep "community  *Ellevate Network  *no Ellevate Network event for 45 days; you aim for every month" out
'

test_expect_success 'a community comes due with time (KITH_TODAY shifted)' '
	KITH_TODAY=2026-12-06 kith today --json >plan &&
	test "$(jv plan actions.*.subject | tr , "\n" | grep -c "Women in AI")" = 0 &&
	KITH_TODAY=2026-12-07 kith today --json >plan &&
	test "$(jv plan actions.*.subject | tr , "\n" | grep -c "Women in AI")" = 1 &&
	KITH_TODAY=2026-12-07 kith today >out &&
	grep "no Women in AI event for 14 days; you aim for every 2 weeks" out
'

test_expect_success 'an event puts the community back on track' '
	kith event ellevate --with grace &&
	kith today --json >plan &&
	! grep community plan
'

test_expect_success 'kith skip hides a community action for the day' '
	KITH_TODAY=2026-12-08 kith today --json >plan &&
	n=$("$PYTHON" -S -c "
import json
p = json.load(open(\"plan\"))
print([a[\"kind\"] for a in p[\"actions\"]].index(\"community\") + 1)
") &&
	KITH_TODAY=2026-12-08 kith skip "$n" &&
	KITH_TODAY=2026-12-08 kith today --json >plan &&
	! grep "Women in AI" plan &&
	KITH_TODAY=2026-12-09 kith today --json >plan &&
	grep "Women in AI" plan
'

# ----------------------------------------------------------- org edit, rm

test_expect_success 'org edit renames, changes the kind and the cadence' '
	kith org edit women --name "Women in AI Paris" --kind online --every 1w 2>err &&
	grep "changed Women in AI Paris #2; renamed from Women in AI; kind online; every week" err &&
	kith org show 2 --json >o &&
	test "$(jv o name)" = "Women in AI Paris" &&
	test "$(jv o kind)" = online &&
	test "$(jv o every_days)" = 7 &&
	kith org edit paris --every none --json >o &&
	test "$(jv o every_days)" = null &&
	test "$(jv o status)" = none
'

test_expect_success 'org edit: nothing to change, a taken name, a bad value: exit 2, unchanged' '
	dump before &&
	test_expect_code 2 kith org edit paris 2>err &&
	grep "nothing to change" err &&
	test_expect_code 2 kith org edit paris --name "ellevate NETWORK" 2>err &&
	grep "already exists" err &&
	test_expect_code 2 kith org edit paris --kind club &&
	test_expect_code 2 kith org edit paris --every sometimes &&
	test_expect_code 2 kith org edit paris --name "" &&
	test_expect_code 2 kith org edit nowhere --kind online &&
	dump after &&
	test_cmp before after
'

test_expect_success 'org rm without --yes off a terminal is exit 2, nothing removed' '
	dump before &&
	test_expect_code 2 kith org rm ellevate </dev/null 2>err &&
	grep "without --yes" err &&
	test_expect_code 2 kith org rm nowhere --yes &&
	dump after &&
	test_cmp before after
'

test_expect_success 'org rm: events with people stay in their timelines, lone ones go' '
	kith show zoe --json >before &&
	kith org rm ellevate --yes 2>err &&
	grep "removed Ellevate Network #1 (2 members; 2 events with people stay in their timelines)" err &&
	kith show zoe --json >after &&
	test "$(jv after interactions.*.id)" = "$(jv before interactions.*.id)" &&
	test "$(jv after last_touch)" = 2026-10-12 &&
	test "$(sqlite3 "$KITH_DB" "SELECT count(*) FROM interaction WHERE date = '\''2026-09-27'\''")" = 0 &&
	test "$(sqlite3 "$KITH_DB" "SELECT count(*) FROM org_member WHERE org_id = 1")" = 0 &&
	kith org ls --json >out &&
	test "$(jv out *.name)" = "Écoles Réunies,Women in AI Paris"
'

# --------------------------------------------------------------- agenda

test_expect_success 'an empty agenda says how to add an item' '
	kith agenda ada >out &&
	grep "Nothing on the agenda with Ada Lovelace (kith agenda ada add TEXT adds an item)" out &&
	kith agenda ada --json >out &&
	test "$(jv out person.name)" = "Ada Lovelace" &&
	test "$(jv out items.\#)" = 0
'

test_expect_success 'agenda add adds an item and says its number' '
	kith agenda ada add "the conference talk" 2>err &&
	grep "added #1 to the agenda with Ada Lovelace: the conference talk" err &&
	kith agenda ada add "  her new team  " --json >out &&
	test "$(jv out id)" = 2 &&
	test "$(jv out text)" = "her new team" &&
	test "$(jv out person.id)" = 1 &&
	test "$(jv out created)" = 2026-11-26 &&
	test "$(jv out done_on)" = null &&
	kith agenda grace add "COBOL history"
'

test_expect_success 'agenda lists the open items, numbered' '
	kith agenda ada >out &&
	grep "Agenda with Ada Lovelace: 2 open items" out &&
	grep "#1 *the conference talk" out &&
	grep "#2 *her new team" out &&
	! grep COBOL out &&
	kith agenda ada --json >out &&
	test "$(jv out items.*.id)" = "1,2" &&
	test "$(jv out items.*.text)" = "the conference talk,her new team"
'

test_expect_success 'agenda shows the role of a mentor' '
	kith edit ada --role mentor &&
	kith agenda ada >out &&
	grep "Agenda with Ada Lovelace (mentor): 2 open items" out &&
	kith agenda ada --json >out &&
	test "$(jv out person.role)" = mentor
'

test_expect_success 'agenda done checks an item off' '
	kith agenda ada done 1 2>err &&
	grep "checked off #1 with Ada Lovelace: the conference talk" err &&
	kith agenda ada --json >out &&
	test "$(jv out items.*.id)" = 2 &&
	kith agenda ada --all --json >out &&
	test "$(jv out items.*.id)" = "2,1" &&
	test "$(jv out items.1.done_on)" = 2026-11-26 &&
	kith agenda ada --all >out &&
	grep "checked off" out &&
	grep "#1 *the conference talk *(done 2026-11-26)" out
'

test_expect_success 'agenda: bad actions and numbers are exit 2, nothing changed' '
	dump before &&
	test_expect_code 2 kith agenda ada done 1 2>err &&
	grep "already checked off" err &&
	test_expect_code 2 kith agenda ada done 3 2>err &&
	grep "Ada Lovelace. has no agenda item #3" err &&
	test_expect_code 2 kith agenda ada rm 3 &&
	test_expect_code 2 kith agenda ada done x 2>err &&
	grep "not an item number" err &&
	test_expect_code 2 kith agenda ada done &&
	test_expect_code 2 kith agenda ada add "   " &&
	test_expect_code 2 kith agenda ada add "$(head -c 2000 /dev/zero | tr "\0" x)" 2>err &&
	grep "too long" err &&
	test_expect_code 2 kith agenda ada add one two &&
	test_expect_code 2 kith agenda ada finish 1 2>err &&
	grep "unknown action .finish." err &&
	test_expect_code 2 kith agenda ada done 2 --all &&
	test_expect_code 2 kith agenda nobody add x &&
	test_expect_code 2 kith agenda &&
	dump after &&
	test_cmp before after
'

test_expect_success "an item of someone else's agenda is exit 2" '
	dump before &&
	test_expect_code 2 kith agenda ada done 3 &&
	test_expect_code 2 kith agenda ada rm 3 &&
	dump after &&
	test_cmp before after &&
	kith agenda grace --json >out &&
	test "$(jv out items.*.id)" = 3
'

test_expect_success 'agenda rm removes an item' '
	kith agenda ada rm "#2" 2>err &&
	grep "removed #2 from the agenda with Ada Lovelace: her new team" err &&
	kith agenda ada --all --json >out &&
	test "$(jv out items.*.id)" = 1
'

# ----------------------------------------------------------------- post

test_expect_success 'post logs a post with its url, date, tags and channel' '
	kith post "Teaching AI to my grandmother, a story" --url https://example.com/p/1 --on "20 days ago" \
		--tag AI --tag "Machine Learning" --tag ai --channel LinkedIn --json >out &&
	test "$(jv out id)" = 1 &&
	test "$(jv out title)" = "Teaching AI to my grandmother, a story" &&
	test "$(jv out url)" = https://example.com/p/1 &&
	test "$(jv out date)" = 2026-11-06 &&
	test "$(jv out channel)" = LinkedIn &&
	test "$(jv out tags)" = "ai,machine-learning"
'

test_expect_success 'post says what it logged; the date defaults to today' '
	kith post "Notes on mentoring" 2>err &&
	grep "logged post #2 today (2026-11-26): Notes on mentoring" err &&
	kith post add ls --on 2026-10-01 --json >out &&
	test "$(jv out title)" = ls &&
	test "$(jv out url)" = null &&
	test "$(jv out channel)" = null
'

test_expect_success 'post: bad input is exit 2 and nothing is logged' '
	dump before &&
	test_expect_code 2 kith post "Tomorrow" --on tomorrow 2>err &&
	grep "future" err &&
	test_expect_code 2 kith post "Bad" --on someday &&
	test_expect_code 2 kith post "   " &&
	test_expect_code 2 kith post "Bad" --url "https://x y" &&
	test_expect_code 2 kith post "Bad" --tag " " &&
	test_expect_code 2 kith post "$(head -c 600 /dev/zero | tr "\0" x)" 2>err &&
	grep "too long" err &&
	test_expect_code 2 kith post 2>err &&
	grep "hint: kith post" err &&
	test_expect_code 2 kith post add &&
	test_expect_code 2 kith post one two &&
	test_expect_code 2 kith post "Bad" --since yesterday &&
	test_expect_code 2 kith post ls --url x &&
	test_expect_code 2 kith post ls --since someday &&
	test_expect_code 2 kith post rm 99 2>err &&
	grep "no post #99" err &&
	test_expect_code 2 kith post rm abc &&
	test_expect_code 2 kith post rm &&
	dump after &&
	test_cmp before after
'

test_expect_success 'post ls lists them, newest first, and when the next is due' '
	kith post ls >out &&
	sed -n 2p out | grep "2026-11-26  -  *Notes on mentoring" &&
	sed -n 3p out | grep "2026-11-06  LinkedIn  *Teaching AI to my grandmother, a story +ai +machine-learning" &&
	grep "https://example.com/p/1" out &&
	grep "next post due 2026-12-10 (in 14 days); you aim for every 2 weeks" out &&
	kith post ls --json >out &&
	test "$(jv out *.id)" = "2,1,3" &&
	kith post ls --since 2026-11-06 --json >out &&
	test "$(jv out *.id)" = "2,1" &&
	kith post ls --since today --json >out &&
	test "$(jv out *.title)" = "Notes on mentoring"
'

test_expect_success 'post rm removes a post' '
	kith post rm 2 2>err &&
	grep "removed post #2 (Notes on mentoring)" err &&
	kith post ls --json >out &&
	test "$(jv out *.id)" = "1,3" &&
	test_expect_code 2 kith post rm 2
'

test_expect_success 'the last post past the brand cadence is a brand action in kith today' '
	kith today --json >plan &&
	"$PYTHON" -S -c "
import json
p = json.load(open(\"plan\"))
b = [a for a in p[\"actions\"] if a[\"kind\"] == \"brand\"]
assert len(b) == 1, p
a = b[0]
assert a[\"subject\"] == \"your brand\", a
assert a[\"people\"] == [], a
assert a[\"reason\"] == \"last post 20 days ago (\u201cTeaching AI to my grandmother, a story\u201d on LinkedIn); you aim for every 2 weeks\", a
assert a[\"priority\"] == 44, a
" &&
	kith today >out &&
	grep "brand  *your brand  *last post 20 days ago" out
'

test_expect_success 'a new post puts the brand back on track until the cadence passes again' '
	kith post "Why soft networking works" --channel blog &&
	kith today --json >plan &&
	! grep "\"brand\"" plan &&
	KITH_TODAY=2026-12-09 kith today --json >plan &&
	! grep "\"brand\"" plan &&
	KITH_TODAY=2026-12-10 kith today --json >plan &&
	grep "last post 14 days ago (“Why soft networking works” on blog)" plan
'

test_expect_success 'brand.every sets the brand cadence; none turns it off' '
	kith config brand.every 1w &&
	KITH_TODAY=2026-12-02 kith today --json >plan &&
	! grep "\"brand\"" plan &&
	KITH_TODAY=2026-12-03 kith today --json >plan &&
	grep "you aim for every week" plan &&
	kith post ls >out &&
	grep "next post due 2026-12-03 (in 7 days); you aim for every week" out &&
	kith config brand.every none &&
	kith post ls >out &&
	! grep "next post" out &&
	KITH_TODAY=2027-06-01 kith today --json >plan &&
	! grep "\"brand\"" plan
'

test_expect_success 'no post ever: no brand action' '
	rm -f "$KITH_DB" &&
	kith add "Ada Lovelace" &&
	KITH_TODAY=2027-06-01 kith today --json >plan &&
	! grep "\"brand\"" plan
'

test_expect_success 'help for each command' '
	kith org -h >out && grep "kith org add NAME" out &&
	kith event -h >out && grep -- "--with PEOPLE" out &&
	kith agenda -h >out && grep -- "--agenda-done" out &&
	kith post -h >out && grep "brand.every" out
'

test_done
