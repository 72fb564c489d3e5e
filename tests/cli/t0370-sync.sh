#!/bin/bash
# kith sync DIR: two-way sync with a vdir. The first sync merges the cards in
# and writes cards for everyone else; later syncs carry changes, additions
# and deletions each way; conflicts follow one rule and are named; a sync
# with nothing to do writes nothing; a bad card changes nothing.
. "$(dirname "$0")/lib.sh"

crlf() { sed 's/$/\r/'; }

uid_of() {
	kith show "$1" --json >uid.json && jv uid.json uid
}

# changes_of FILE: the changes of a sync --json, sorted, as ACTION:NAME (spaces as _)
changes_of() {
	"$PYTHON" -S -c '
import json, sys
print(" ".join(sorted(c["action"] + ":" + (c["name"] or "").replace(" ", "_")
                      for c in json.load(open(sys.argv[1]))["changes"])))
' "$1"
}

# state: everything kith holds plus every file's bytes and mtime
snapshot() {
	kith export json "$1.json" 2>/dev/null &&
	(cd cards && for f in $(ls -A); do printf '%s ' "$f"; stat -c %y "$f" | tr '\n' ' '; sha1sum <"$f"; done) >"$1.files"
}

test_expect_success 'setup: people in kith, cards in a folder' '
	kith add "Ada Lovelace" --email ada@example.org --tag math --circle inner &&
	kith add "Grace Hopper" --email grace@example.org &&
	kith log ada coffee --on 2026-11-01 --note "engines" &&
	mkdir cards &&
	crlf >cards/bob.vcf <<-\EOF &&
	BEGIN:VCARD
	VERSION:3.0
	UID:bob-1
	FN:Bob Smith
	N:Smith;Bob;;;
	EMAIL:bob@example.org
	NICKNAME:Bobby
	PHOTO;ENCODING=b;TYPE=JPEG:AAAA
	END:VCARD
	EOF
	crlf >cards/ada-phone.vcf <<-\EOF &&
	BEGIN:VCARD
	VERSION:3.0
	UID:ada-phone
	FN:Ada Lovelace
	EMAIL:ada@example.org
	TEL:+44 20 7946 0000
	NICKNAME:Countess
	END:VCARD
	EOF
	cp cards/bob.vcf bob.orig &&
	echo junk >cards/notes.txt &&
	echo junk >cards/.hidden.vcf &&
	echo junk >cards/.tmp-123.vcf &&
	echo junk >"cards/bob.vcf~"
'

test_expect_success 'first sync: cards merge in, everyone gets a card' '
	kith sync cards 2>err &&
	grep -qx "from cards: 1 added, 1 updated, 0 removed; to cards: 2 written, 0 deleted" err &&
	kith ls --json >ls.json &&
	test "$(jv ls.json "#")" = 3 &&
	kith show ada --json >ada.json &&
	test "$(jv ada.json phones)" = "+44 20 7946 0000" &&
	test "$(jv ada.json interactions.#)" = 1 &&
	kith show bob --json >bob.json &&
	test "$(jv bob.json emails)" = bob@example.org &&
	test -f "cards/$(uid_of grace).vcf" &&
	grep -q "^EMAIL;TYPE=INTERNET:grace@example.org" "cards/$(uid_of grace).vcf"
'

test_expect_success 'a card written back keeps its file name, its UID and what kith does not know' '
	test ! -e "cards/$(uid_of ada).vcf" &&
	grep -q "^UID:ada-phone" cards/ada-phone.vcf &&
	grep -q "^CATEGORIES:math" cards/ada-phone.vcf &&
	grep -q "^X-KITH-CIRCLE:inner" cards/ada-phone.vcf &&
	grep -q "^NICKNAME:Countess" cards/ada-phone.vcf &&
	test "$(grep -c "^TEL" cards/ada-phone.vcf)" = 1
'

test_expect_success 'a card added from the folder is left as it was; other files are ignored' '
	cmp bob.orig cards/bob.vcf &&
	test "$(cat cards/notes.txt)" = junk &&
	test "$(cat cards/.hidden.vcf)" = junk &&
	test "$(cat "cards/bob.vcf~")" = junk &&
	test "$(ls cards/*.vcf | wc -l)" = 3
'

test_expect_success 'a second sync with no changes writes nothing and changes nothing' '
	touch -d "2001-02-03 04:05:06" cards/* &&
	snapshot before &&
	kith sync cards 2>err &&
	grep -qx "cards: in sync, nothing to do" err &&
	snapshot after &&
	test_cmp before.json after.json &&
	test_cmp before.files after.files
'

test_expect_success 'a card edited in the folder changes the person, removals too' '
	sed -i -e "s/^FN:Bob Smith/FN:Robert Smith/" -e "s/^EMAIL:bob@example.org/EMAIL:robert@example.org/" \
		-e "s/^END:VCARD/CATEGORIES:sailing\r\nEND:VCARD/" cards/bob.vcf &&
	cp cards/bob.vcf bob.edited &&
	kith sync cards 2>err &&
	grep -qx "from cards: 0 added, 1 updated, 0 removed; to cards: 0 written, 0 deleted" err &&
	kith show robert --json >bob.json &&
	test "$(jv bob.json name)" = "Robert Smith" &&
	test "$(jv bob.json emails)" = robert@example.org &&
	test "$(jv bob.json tags)" = sailing &&
	cmp bob.edited cards/bob.vcf &&
	test_must_fail kith show bob@example.org
'

test_expect_success 'X-KITH properties edited in the card reach kith; interactions stay' '
	sed -i -e "/^CATEGORIES:math/d" -e "s/^X-KITH-CIRCLE:inner/X-KITH-CIRCLE:close/" \
		-e "/^TEL/d" cards/ada-phone.vcf &&
	kith sync cards 2>err &&
	grep -q "1 updated" err &&
	kith show ada --json >ada.json &&
	test "$(jv ada.json circle)" = close &&
	test "$(jv ada.json tags)" = "" &&
	test "$(jv ada.json phones)" = "" &&
	test "$(jv ada.json interactions.#)" = 1 &&
	kith sync cards 2>err &&
	grep -qx "cards: in sync, nothing to do" err
'

test_expect_success 'a change in kith rewrites the card' '
	kith edit grace --org Navy --tag cobol &&
	kith sync cards 2>err &&
	grep -qx "from cards: 0 added, 0 updated, 0 removed; to cards: 1 written, 0 deleted" err &&
	f="cards/$(uid_of grace).vcf" &&
	grep -q "^ORG:Navy" "$f" &&
	grep -q "^CATEGORIES:cobol" "$f"
'

test_expect_success 'a new card in the folder and a new person in kith cross over' '
	crlf >cards/new.vcf <<-\EOF &&
	BEGIN:VCARD
	VERSION:4.0
	UID:urn:uuid:linus
	FN:Linus Torvalds
	EMAIL:linus@example.org
	END:VCARD
	EOF
	kith add "Alan Turing" --email alan@example.org &&
	kith sync cards --version 4.0 2>err &&
	grep -qx "from cards: 1 added, 0 updated, 0 removed; to cards: 1 written, 0 deleted" err &&
	kith show linus --json >linus.json &&
	test "$(jv linus.json emails)" = linus@example.org &&
	f="cards/$(uid_of alan).vcf" &&
	grep -q "^VERSION:4.0" "$f" &&
	grep -q "^FN:Alan Turing" "$f"
'

test_expect_success 'a card deleted in the folder removes the person' '
	rm cards/bob.vcf &&
	kith sync cards 2>err &&
	grep -qx "from cards: 0 added, 0 updated, 1 removed; to cards: 0 written, 0 deleted" err &&
	grep -qx "removed Robert Smith: the card bob.vcf was deleted from cards" err &&
	test_must_fail kith show robert
'

test_expect_success 'a person removed in kith loses their card' '
	f="cards/$(uid_of grace).vcf" &&
	test -f "$f" &&
	kith rm grace --yes &&
	kith sync cards 2>err &&
	grep -qx "from cards: 0 added, 0 updated, 0 removed; to cards: 0 written, 1 deleted" err &&
	test ! -e "$f"
'

test_expect_success 'conflict: changed on both sides, kith wins and the card adds its facts' '
	kith edit ada --title Countess --org "Analytical Engines" &&
	sed -i -e "s/^END:VCARD/TEL:+44 20 1234 5678\r\nEMAIL:ada@engines.example\r\nTITLE:Mathematician\r\nEND:VCARD/" \
		cards/ada-phone.vcf &&
	kith sync cards 2>err &&
	grep -qx "from cards: 0 added, 1 updated, 0 removed; to cards: 1 written, 0 deleted; 1 conflict (kith'"'"'s version kept): Ada Lovelace" err &&
	kith show ada --json >ada.json &&
	test "$(jv ada.json title)" = Countess &&
	test "$(jv ada.json phones)" = "+44 20 1234 5678" &&
	test "$(jv ada.json emails)" = "ada@engines.example,ada@example.org" &&
	grep -q "^TITLE:Countess" cards/ada-phone.vcf &&
	grep -q "^EMAIL;TYPE=INTERNET:ada@engines.example" cards/ada-phone.vcf &&
	! grep -q Mathematician cards/ada-phone.vcf &&
	kith sync cards 2>err &&
	grep -qx "cards: in sync, nothing to do" err
'

test_expect_success 'conflict: deleted in the folder, changed in kith: the card comes back' '
	kith edit ada --location London &&
	rm cards/ada-phone.vcf &&
	kith sync cards --json >sync.json 2>err &&
	grep -q "1 conflict (kith.s version kept): Ada Lovelace" err &&
	test "$(jv sync.json conflicts)" = "Ada Lovelace" &&
	test "$(jv sync.json to_folder.written)" = 1 &&
	grep -q "^X-KITH-LOCATION:London" cards/ada-phone.vcf &&
	kith show ada >/dev/null
'

test_expect_success 'conflict: removed in kith, changed in the folder: the person comes back' '
	f="cards/$(uid_of alan).vcf" &&
	kith rm alan --yes &&
	sed -i "s/^END:VCARD/NOTE:still here\r\nEND:VCARD/" "$f" &&
	kith sync cards 2>err &&
	grep -q "1 added" err &&
	grep -q "1 conflict (kith.s version kept): Alan Turing" err &&
	kith show alan --json >alan.json &&
	test "$(jv alan.json notes)" = "still here" &&
	test -f "$f"
'

test_expect_success 'the same change on both sides is no conflict' '
	kith edit linus --location Portland &&
	sed -i "s/^END:VCARD/X-KITH-LOCATION:Portland\r\nEND:VCARD/" cards/new.vcf &&
	kith sync cards 2>err &&
	grep -qx "cards: in sync, nothing to do" err &&
	! grep -q "^X-KITH-LOCATION:Portland.*Portland" cards/new.vcf &&
	kith sync cards --dry-run 2>err &&
	grep -qx "dry run: cards: in sync, nothing to do" err
'

test_expect_success 'a new photo in the folder and a change in kith: no conflict, both kept' '
	kith edit linus --title "Chief Penguin" &&
	sed -i "s/^END:VCARD/PHOTO;ENCODING=b;TYPE=JPEG:QUJD\r\nEND:VCARD/" cards/new.vcf &&
	kith sync cards --json >sync.json 2>err &&
	! grep -q conflict err &&
	test "$(jv sync.json conflicts)" = "" &&
	test "$(jv sync.json to_folder.written)" = 1 &&
	test "$(jv sync.json from_folder.updated)" = 0 &&
	grep -q "^TITLE:Chief Penguin" cards/new.vcf &&
	grep -q "^PHOTO;ENCODING=b;TYPE=JPEG:QUJD" cards/new.vcf &&
	kith show linus --json >out &&
	test "$(jv out title)" = "Chief Penguin" &&
	kith sync cards 2>err &&
	grep -qx "cards: in sync, nothing to do" err
'

test_expect_success '--dry-run says what would happen and changes neither side' '
	kith edit linus --org Linux &&
	sed -i "s/^FN:Ada Lovelace/FN:Ada King/" cards/ada-phone.vcf &&
	rm "cards/$(uid_of alan).vcf" &&
	touch -d "2001-02-03 04:05:06" cards/* &&
	snapshot before &&
	kith sync cards --dry-run --json >dry.json 2>err &&
	grep -qx "dry run, nothing changed; would sync from cards: 0 added, 1 updated, 1 removed; to cards: 1 written, 0 deleted" err &&
	test "$(jv dry.json dry_run)" = true &&
	test "$(jv dry.json from_folder.removed)" = 1 &&
	test "$(changes_of dry.json)" = "removed:Alan_Turing updated:Ada_King written:Linus_Torvalds" &&
	kith sync cards --dry-run 2>err &&
	grep -qx "would update Ada King (ada-phone.vcf)" err &&
	grep -qx "would remove Alan Turing ($(uid_of alan).vcf)" err &&
	grep -qx "would write new.vcf (Linus Torvalds)" err &&
	snapshot after &&
	test_cmp before.json after.json &&
	test_cmp before.files after.files &&
	kith sync cards 2>err &&
	grep -qx "from cards: 0 added, 1 updated, 1 removed; to cards: 1 written, 0 deleted" err &&
	kith show "ada king" >/dev/null
'

test_expect_success 'a card that cannot be read: file and line, nothing changes' '
	kith edit linus --title Maintainer &&
	printf "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Broken\r\nEMAIL:b@example.org\r\n" >cards/broken.vcf &&
	sed -i "s/^FN:Ada King/FN:Ada Lovelace/" cards/ada-phone.vcf &&
	touch -d "2001-02-03 04:05:06" cards/* &&
	snapshot before &&
	test_expect_code 2 kith sync cards 2>err &&
	grep -q "^kith: error: cards/broken.vcf:[0-9]*: " err &&
	snapshot after &&
	test_cmp before.json after.json &&
	test_cmp before.files after.files &&
	rm cards/broken.vcf &&
	kith sync cards 2>err &&
	grep -q "1 updated" err &&
	grep -q "1 written" err
'

test_expect_success 'two cards in one file are refused' '
	printf "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:B\r\nEND:VCARD\r\n" >cards/two.vcf &&
	test_must_fail kith sync cards 2>err &&
	grep -q "cards/two.vcf:5: a second card" err &&
	rm cards/two.vcf
'

test_expect_success 'the folder is created when missing; usage errors' '
	kith sync new/dir 2>err &&
	test "$(ls new/dir/*.vcf | wc -l)" = 2 &&
	grep -q "^FN:Ada Lovelace" "new/dir/$(uid_of ada).vcf" &&
	test_expect_code 2 kith sync &&
	test_expect_code 2 kith sync cards other &&
	test_expect_code 2 kith sync cards --version 2.1 &&
	test_must_fail kith sync "$KITH_DB" &&
	kith sync -h >help &&
	grep -q "kith sync DIR" help
'

test_expect_success 'a folder that lost every card empties nothing without --force-delete' '
	kith sync gone 2>err &&
	test "$(ls gone/*.vcf | wc -l)" = 2 &&
	mv gone gone.bak &&
	kith export json before.json &&
	test_expect_code 2 kith sync gone 2>err &&
	grep -q "every card in .gone. is gone: the sync would remove 2 people from kith" err &&
	kith export json after.json &&
	test_cmp before.json after.json &&
	kith sync gone --force-delete --dry-run 2>err &&
	grep -q "0 added, 0 updated, 2 removed" err &&
	rm -rf gone && mv gone.bak gone &&
	kith sync gone 2>err &&
	grep -qx "gone: in sync, nothing to do" err
'

# the real cards of the shared data, one per file, as a vdir
VC=${KITH_SHARED_DATA:-}/vcards
if [ -n "${KITH_SHARED_DATA:-}" ] && [ -d "$VC" ]; then
	test_expect_success 'real cards: a bad one stops the sync with its file and line, the rest sync once' '
		mkdir real &&
		for f in "$VC"/*.vcf; do
			[ "$(grep -ci "^BEGIN:VCARD" "$f")" = 1 ] && cp "$f" real/ || :
		done &&
		test -f real/khard__unparsable.vcf &&
		test_expect_code 2 env KITH_DB="$PWD/real.db" "$KITH" sync real 2>err &&
		grep -q "^kith: error: real/khard__unparsable.vcf:[0-9]*: " err &&
		rm real/khard__unparsable.vcf real/radicale__broken-vcard.vcf &&
		n=$(ls real | wc -l) &&
		KITH_DB="$PWD/real.db" "$KITH" sync real 2>err &&
		grep -q "^from real: [1-9][0-9]* added" err &&
		test "$(ls real | wc -l)" = "$n" &&
		test -z "$(grep -h "^UID:" real/*.vcf | sort | uniq -d)" &&
		KITH_DB="$PWD/real.db" "$KITH" sync real 2>err &&
		grep -qx "real: in sync, nothing to do" err
	'
else
	echo "# skipping the real cards: KITH_SHARED_DATA is not set"
fi

if command -v khard >/dev/null 2>&1; then
	test_expect_success 'khard lists the people kith wrote' '
		mkdir -p "$HOME/.config/khard" &&
		printf "[addressbooks]\n[[kith]]\npath = %s/cards\n\n[general]\ndefault_action = list\n" "$PWD" \
			>"$HOME/.config/khard/khard.conf" &&
		timeout 120 khard list --parsable >khard.out 2>khard.err &&
		grep -q "Ada Lovelace" khard.out &&
		grep -q "Linus Torvalds" khard.out &&
		test "$(wc -l <khard.out)" = 2
	'
else
	echo "# skipping the khard test: khard is not installed"
fi

test_done
