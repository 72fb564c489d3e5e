#!/bin/bash
# kith dupes: likely duplicates, strongest evidence first.
. "$(dirname "$0")/lib.sh"

test_expect_success 'no duplicates in a clean network' '
	kith add "Ada Lovelace" --link https://www.linkedin.com/in/ada &&
	kith add "Grace Hopper" --phone "+1 555 123 4567" &&
	kith dupes >out 2>err &&
	test ! -s out &&
	grep "no likely duplicates" err
'

test_expect_success 'a shared link, a phone in another format, the same name, an initial' '
	kith add "Ada King" --link https://www.linkedin.com/in/ada &&
	kith add "Amazing Grace" --phone "(555) 123-4567" &&
	kith add "Bob Smith" && kith add "Bob Smith" &&
	kith add "Ada L." &&
	kith dupes --json >out &&
	test "$(jv out "#")" = 4 &&
	test "$(jv out 0.why)" = "same link https://www.linkedin.com/in/ada" &&
	test "$(jv out 0.people.*.id)" = "1,3" &&
	test "$(jv out 1.why)" = "same phone +1 555 123 4567" &&
	test "$(jv out 2.why)" = "same name" &&
	test "$(jv out 3.why)" = "a name with an initial" &&
	test "$(jv out 3.people.*.name)" = "Ada Lovelace,Ada L."
'

test_expect_success 'the human list says how to merge; --limit' '
	kith dupes >out &&
	grep "(kith merge 3 1)" out &&
	kith dupes --limit 1 >one &&
	test "$(wc -l <one)" = 1 &&
	test_expect_code 2 kith dupes --limit 0
'

test_expect_success 'after merging, the pair is gone' '
	kith merge 7 1 &&
	kith dupes --json >out &&
	! grep -qF "Ada L." out &&
	test "$(jv out "#")" = 3
'

test_done
