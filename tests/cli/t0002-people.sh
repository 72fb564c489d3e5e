#!/bin/bash
# Naming people (ids, emails, prefixes, accents, ambiguity), merge, rm,
# and emails that belong to one person only.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	kith add "Ada Lovelace" --email Ada@Example.org --circle close &&
	kith add "Ada L." --org "Analytical Engines" --title Countess --location London \
		--email countess@example.org --tag poetry --goal "a patron" --note "met at a ball" &&
	kith add "Grace Hopper" --email grace@navy.example &&
	kith add "Grace Kelly" &&
	kith add "Zoë Ångström" --org "Ångström Lab" &&
	kith add "Alan Kay" &&
	kith add "Alan Kaye" &&
	kith ls --json >out &&
	test "$(jv out "#")" = 7
'

test_expect_success 'by id and #id' '
	kith show 3 --json >out &&
	test "$(jv out name)" = "Grace Hopper" &&
	kith show "#3" --json >out &&
	test "$(jv out name)" = "Grace Hopper"
'

test_expect_success 'an unknown id is exit 2' '
	test_expect_code 2 kith show 99 2>err &&
	grep 99 err &&
	test_expect_code 2 kith show "#99"
'

test_expect_success 'by email, case-insensitive' '
	kith show grace@navy.example --json >out &&
	test "$(jv out id)" = 3 &&
	kith show ADA@example.ORG --json >out &&
	test "$(jv out id)" = 1 &&
	test_expect_code 2 kith show nobody@example.org
'

test_expect_success 'by a unique prefix of the name' '
	kith show "grace h" --json >out &&
	test "$(jv out id)" = 3 &&
	kith show "Ada Lo" --json >out &&
	test "$(jv out id)" = 1 &&
	kith show zo --json >out &&
	test "$(jv out id)" = 5
'

test_expect_success 'by a prefix of a word of the name' '
	kith show lovelace --json >out &&
	test "$(jv out id)" = 1 &&
	kith show hop --json >out &&
	test "$(jv out id)" = 3 &&
	kith show KELLY --json >out &&
	test "$(jv out id)" = 4
'

test_expect_success 'accents do not matter' '
	kith show zoe --json >out &&
	test "$(jv out name)" = "Zoë Ångström" &&
	kith show angstrom --json >out &&
	test "$(jv out id)" = 5 &&
	kith show "zoe ang" --json >out &&
	test "$(jv out id)" = 5 &&
	kith show "ZOË" --json >out &&
	test "$(jv out id)" = 5
'

test_expect_success 'an exact full name beats longer names' '
	kith show "alan kay" --json >out &&
	test "$(jv out id)" = 6 &&
	kith show "Alan Kaye" --json >out &&
	test "$(jv out id)" = 7
'

test_expect_success 'an ambiguous prefix is exit 2 and lists the candidates with ids' '
	test_expect_code 2 kith show gr >out 2>err &&
	! test -s out &&
	grep "Grace Hopper" err &&
	grep "Grace Kelly" err &&
	grep "#3" err &&
	grep "#4" err &&
	test_expect_code 2 kith show alan 2>err &&
	grep "Alan Kay.*#6" err &&
	grep "Alan Kaye.*#7" err
'

test_expect_success 'an ambiguous name changes nothing' '
	test_expect_code 2 kith edit grace --org Navy &&
	kith show 3 --json >out &&
	test "$(jv out org)" = null &&
	kith show 4 --json >out &&
	test "$(jv out org)" = null
'

test_expect_success 'nobody matching is exit 2: no person matches' '
	test_expect_code 2 kith show "Charles Babbage" >out 2>err &&
	! test -s out &&
	grep "no person matches" err &&
	grep "Charles Babbage" err
'

test_expect_success 'log with a list resolves every name' '
	kith log "ada lovelace,3" coffee --on 2026-11-20 --note "tea and engines" &&
	kith log "Ada L." call --on 2026-11-10 --note "about the notes" &&
	kith log "ada l.,grace kelly" meeting --on 2026-11-12 &&
	kith log "ada l.,ada lo" email --on 2026-11-15 --note "all three of us" &&
	kith show 1 --json >out &&
	test "$(jv out interaction_count)" = 2 &&
	kith show 2 --json >out &&
	test "$(jv out interaction_count)" = 3
'

test_expect_success 'merge "Ada L." ada keeps the other Ada' '
	kith merge "Ada L." ada 2>err &&
	grep "merged Ada L. #2 into Ada Lovelace #1" err &&
	test_expect_code 2 kith show 2 &&
	kith ls --json >out &&
	test "$(jv out "*.id" | tr , "\n" | sort -n | paste -sd,)" = "1,3,4,5,6,7"
'

test_expect_success 'merge moved the interactions, without doubles' '
	kith show ada --json >out &&
	test "$(jv out id)" = 1 &&
	test "$(jv out interaction_count)" = 4 &&
	test "$(jv out interactions.#)" = 4 &&
	test "$(jv out interactions.*.date)" = "2026-11-20,2026-11-15,2026-11-12,2026-11-10" &&
	test "$(jv out interactions.1.people.*.id)" = 1 &&
	test "$(jv out interactions.2.people.*.name)" = "Ada Lovelace,Grace Kelly" &&
	test "$(jv out last_touch)" = 2026-11-20
'

test_expect_success 'merge filled the empty fields and moved the lists' '
	kith show ada --json >out &&
	test "$(jv out name)" = "Ada Lovelace" &&
	test "$(jv out org)" = "Analytical Engines" &&
	test "$(jv out title)" = Countess &&
	test "$(jv out location)" = London &&
	test "$(jv out circle)" = close &&
	test "$(jv out emails | tr , "\n" | sort | paste -sd,)" = "Ada@Example.org,countess@example.org" &&
	test "$(jv out tags)" = poetry &&
	test "$(jv out goals)" = "a patron" &&
	jv out notes | grep "met at a ball" &&
	kith show countess@example.org --json >out &&
	test "$(jv out id)" = 1
'

test_expect_success 'merge: whoever FROM introduced is now introduced by INTO' '
	kith add "Ida Intro" --introduced-by 1 &&
	kith add "Ann Alias" &&
	kith add "Ivo Intro" --introduced-by "ann alias" &&
	kith merge "ann alias" "ida intro" &&
	kith show ivo --json >out &&
	test "$(jv out introduced_by.name)" = "Ida Intro"
'

test_expect_success 'rm: nobody is left introduced by a removed person' '
	kith rm --yes "ida intro" &&
	kith show ivo --json >out &&
	test "$(jv out introduced_by)" = null &&
	test_expect_code 2 kith edit ivo --introduced-by ivo
'

test_expect_success 'merge into oneself is refused' '
	test_expect_code 2 kith merge 1 1 &&
	kith show 1
'

test_expect_success 'rm without --yes off a terminal is exit 2 and removes nothing' '
	test_expect_code 2 kith rm "grace kelly" </dev/null 2>err &&
	grep -- "--yes" err &&
	kith show "grace kelly" --json >out &&
	test "$(jv out id)" = 4 &&
	test "$(jv out interaction_count)" = 1
'

test_expect_success 'rm --yes removes them and their own interactions' '
	kith log "grace kelly" praise --on 2026-11-21 --note "a solo note" --json >log &&
	kith rm --yes "grace kelly" 2>err &&
	grep "removed Grace Kelly #4 (1 interaction only with them)" err &&
	test_expect_code 2 kith unlog "$(jv log id)" &&
	test_expect_code 2 kith show "grace kelly" &&
	kith ls --json >out &&
	! jv out "*.name" | grep Kelly
'

test_expect_success 'rm keeps interactions shared with others' '
	kith show ada --json >out &&
	test "$(jv out interaction_count)" = 4 &&
	test "$(jv out interactions.2.date)" = 2026-11-12 &&
	test "$(jv out interactions.2.kind)" = meeting &&
	test "$(jv out interactions.2.people.*.name)" = "Ada Lovelace"
'

test_expect_success 'rm -y works too, and shared coffee stays with Ada' '
	kith rm -y 3 &&
	test_expect_code 2 kith show grace@navy.example &&
	kith show ada --json >out &&
	test "$(jv out interaction_count)" = 4 &&
	test "$(jv out interactions.0.kind)" = coffee &&
	test "$(jv out interactions.0.people.*.id)" = 1
'

test_expect_success 'an email of another person is refused on add, nothing added' '
	kith ls --json >before &&
	test_expect_code 2 kith add "Ada Impostor" --email ada@example.org 2>err &&
	grep "Ada Lovelace" err &&
	test_expect_code 2 kith add "Ada Impostor" --email COUNTESS@example.org &&
	kith ls --json >after &&
	test_cmp before after
'

test_expect_success 'an email of another person is refused on edit, nothing changed' '
	kith show zoe --json >before &&
	test_expect_code 2 kith edit zoe --tag physics --email ada@example.org --org Elsewhere &&
	kith show zoe --json >after &&
	test_cmp before after
'

test_expect_success 'an email is theirs, whatever the case' '
	kith edit ada --email ADA@EXAMPLE.ORG &&
	kith show ada --json >out &&
	test "$(jv out emails.#)" = 2
'

test_done
