#!/bin/bash
# A round trip through vCards (export vcard, then import vcard into another
# database) loses nothing kith knows, in vCard 3.0 and 4.0.
. "$(dirname "$0")/lib.sh"

fields() {
	"$PYTHON" -S -c '
import json, sys
j = json.load(open(sys.argv[1]))
keys = ["uid", "name", "emails", "phones", "org", "title", "location", "links", "tags", "goals",
        "circle", "role", "cadence_days", "cadence_max_days", "cadence_source", "birthday",
        "dates", "met", "notes"]
print(json.dumps({k: j[k] for k in keys}, sort_keys=True, ensure_ascii=False))
' "$1"
}

test_expect_success 'setup: someone with every field kith keeps' '
	kith add "Zoë Ångström-Lovelace" --email ada@example.org --phone "+44 20 7946 0018" \
		--org "Analytical Engines; Ltd" --title "CTO, research" --location "London, UK" \
		--link https://www.linkedin.com/in/ada --link https://example.org/ada \
		--tag ai --tag education --goal "write a book, soon" --goal "learn to sail" \
		--circle close --every 6w..8w --birthday 1990-12-10 \
		--date "work anniversary=2019-03-01" --date "name day=--07-26" \
		--met "PyCon 2024; the education track" --role mentor \
		--note "prefers mornings
and tea" &&
	kith add "Plain Bob" --circle none &&
	kith show zoe --json >orig.json &&
	kith show bob --json >bob.json
'

for v in 3.0 4.0; do
	test_expect_success "round trip through vCard $v" '
		kith export vcard cards-'"$v"' --version '"$v"' &&
		KITH_DB=$PWD/copy-'"$v"'.db kith import vcard cards-'"$v"' 2>err &&
		grep "2 added" err &&
		KITH_DB=$PWD/copy-'"$v"'.db kith show zoe --json >copy.json &&
		fields orig.json >a && fields copy.json >b && test_cmp a b &&
		KITH_DB=$PWD/copy-'"$v"'.db kith show bob --json >copy-bob.json &&
		fields bob.json >a && fields copy-bob.json >b && test_cmp a b
	'
done

test_expect_success 'importing the same cards again finds everyone by UID' '
	KITH_DB=$PWD/copy-3.0.db kith import vcard cards-3.0 2>err &&
	grep "0 added" err &&
	KITH_DB=$PWD/copy-3.0.db kith ls --json >all &&
	test "$(jv all "#")" = 2
'

test_done
