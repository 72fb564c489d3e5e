#!/bin/bash
# kith export vcard DIR: one .vcf per person named by UID, 3.0 or 4.0,
# folded and escaped, written only when a card changed.
. "$(dirname "$0")/lib.sh"

# check_vcf FILE: every line ends in CRLF and is at most 75 octets, no
# continuation line starts inside a UTF-8 character, BEGIN/END pair up
check_vcf() {
	"$PYTHON" -S -c '
import sys
data = open(sys.argv[1], "rb").read()
assert data.endswith(b"\r\n"), "no CRLF at the end"
lines = data[:-2].split(b"\r\n")
depth = 0
for i, l in enumerate(lines, 1):
    assert b"\n" not in l and b"\r" not in l, "bare line end on line %d" % i
    assert len(l) <= 75, "line %d is %d octets" % (i, len(l))
    if l.startswith(b" "):
        assert i > 1 and not (len(l) > 1 and (l[1] & 0xC0) == 0x80), "split character on line %d" % i
    l.decode("utf-8")
    if l == b"BEGIN:VCARD":
        depth += 1
        assert depth == 1, "nested BEGIN"
    elif l == b"END:VCARD":
        depth -= 1
        assert depth == 0, "END without BEGIN"
assert depth == 0, "BEGIN without END"
assert lines[0] == b"BEGIN:VCARD" and lines[-1] == b"END:VCARD"
' "$1"
}

# unfold FILE: the logical lines (CRLF + space removed), LF ends
unfold() {
	"$PYTHON" -S -c '
import sys
print(open(sys.argv[1], "rb").read().replace(b"\r\n ", b"").replace(b"\r\n", b"\n").decode(), end="")
' "$1"
}

uid_of() {
	kith show "$1" --json >uid.json && jv uid.json uid
}

test_expect_success 'setup' '
	kith add "Ada Augusta Lovelace" --email ada@example.org --phone "+44 20 7946 0000" \
		--org "Engines, Ltd; London" --title Countess --location London \
		--link https://www.linkedin.com/in/ada-lovelace --link https://ada.example.org \
		--tag math --tag poetry --goal "find a publisher" --circle inner --every 2w..3w \
		--birthday 1815-12-10 --date "first day=2019-03-01" --met "at a soirée" --role mentor \
		--note "Zoë says: ünïcödé ✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓ 😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀 and more" &&
	kith add Cher --birthday --05-20 &&
	kith add "Grace Hopper" --email grace@example.org
'

test_expect_success 'export creates the folder with one file per person, named by UID' '
	kith export vcard out/cards 2>err &&
	grep -qx "exported 3 people: 3 written, 0 unchanged" err &&
	test "$(ls out/cards | wc -l)" = 3 &&
	for who in ada cher grace; do
		test -f "out/cards/$(uid_of $who).vcf" || return 1
	done
'

test_expect_success 'every file is a well-formed folded vCard 3.0' '
	for f in out/cards/*.vcf; do
		check_vcf "$f" || return 1
		grep -q "^VERSION:3.0.$" "$f" || return 1
	done &&
	f="out/cards/$(uid_of ada).vcf" &&
	grep -q "^ " "$f"
'

test_expect_success 'the card holds every field, escaped' '
	unfold "out/cards/$(uid_of ada).vcf" >ada.txt &&
	grep -qx "UID:$(uid_of ada)" ada.txt &&
	grep -qx "PRODID:-//kith//kith .*//EN" ada.txt &&
	grep -qx "FN:Ada Augusta Lovelace" ada.txt &&
	grep -qx "N:Lovelace;Ada Augusta;;;" ada.txt &&
	grep -qx "EMAIL;TYPE=INTERNET:ada@example.org" ada.txt &&
	grep -qx "TEL:+44 20 7946 0000" ada.txt &&
	grep -qx "ORG:Engines\\\\, Ltd\\\\; London" ada.txt &&
	grep -qx "TITLE:Countess" ada.txt &&
	grep -qx "URL:https://ada.example.org" ada.txt &&
	grep -qx "X-SOCIALPROFILE;TYPE=linkedin:https://www.linkedin.com/in/ada-lovelace" ada.txt &&
	grep -qx "CATEGORIES:math,poetry" ada.txt &&
	grep -qx "BDAY:1815-12-10" ada.txt &&
	grep -q "^NOTE:Zoë says: ünïcödé ✓" ada.txt &&
	grep -qx "X-KITH-CIRCLE:inner" ada.txt &&
	grep -qx "X-KITH-CADENCE:2w..3w" ada.txt &&
	grep -qx "X-KITH-MET:at a soirée" ada.txt &&
	grep -qx "X-KITH-LOCATION:London" ada.txt &&
	grep -qx "X-KITH-ROLE:mentor" ada.txt &&
	grep -qx "X-KITH-GOAL:find a publisher" ada.txt &&
	grep -qx "X-KITH-DATE;LABEL=first day:2019-03-01" ada.txt &&
	grep -qx "REV:2026-11-26T00:00:00Z" ada.txt &&
	unfold "out/cards/$(uid_of cher).vcf" >cher.txt &&
	grep -qx "N:;Cher;;;" cher.txt &&
	grep -qx "BDAY:--05-20" cher.txt &&
	! grep -q X-KITH-CADENCE cher.txt
'

test_expect_success 'a second export writes nothing, even on a later day' '
	ls -li --time-style=full-iso out/cards >before &&
	kith export vcard out/cards 2>err &&
	grep -qx "exported 3 people: 0 written, 3 unchanged" err &&
	KITH_TODAY=2026-12-24 kith export vcard out/cards 2>err &&
	grep -qx "exported 3 people: 0 written, 3 unchanged" err &&
	ls -li --time-style=full-iso out/cards >after &&
	test_cmp before after
'

test_expect_success 'a change rewrites only that card, with the new REV' '
	f="out/cards/$(uid_of grace).vcf" &&
	kith edit grace --title Admiral &&
	KITH_TODAY=2026-12-01 kith export vcard out/cards --json >stats 2>err &&
	test "$(jv stats people)" = 3 &&
	test "$(jv stats written)" = 1 &&
	test "$(jv stats unchanged)" = 2 &&
	test "$(jv stats version)" = 3.0 &&
	grep -q "^TITLE:Admiral.$" "$f" &&
	grep -q "^REV:2026-12-01T00:00:00Z.$" "$f" &&
	check_vcf "$f"
'

test_expect_success 'no temporary files are left behind' '
	test -z "$(ls -A out/cards | grep -v "\.vcf$")"
'

test_expect_success 'files of people not in the database are left alone' '
	printf "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:stranger\r\nFN:S\r\nEND:VCARD\r\n" >out/cards/stranger.vcf &&
	cp out/cards/stranger.vcf stranger.orig &&
	kith export vcard out/cards 2>err &&
	grep -qx "exported 3 people: 0 written, 3 unchanged" err &&
	test_cmp stranger.orig out/cards/stranger.vcf
'

test_expect_success '--version 4.0 writes vCard 4.0 forms' '
	kith export vcard out/cards --version 4.0 --json >stats &&
	test "$(jv stats written)" = 3 &&
	test "$(jv stats version)" = 4.0 &&
	for f in out/cards/*.vcf; do check_vcf "$f" || return 1; done &&
	unfold "out/cards/$(uid_of ada).vcf" >ada4.txt &&
	grep -qx "VERSION:4.0" ada4.txt &&
	grep -qx "EMAIL:ada@example.org" ada4.txt &&
	grep -qx "BDAY:18151210" ada4.txt &&
	grep -qx "X-KITH-DATE;LABEL=first day:20190301" ada4.txt &&
	grep -qx "REV:20261126T000000Z" ada4.txt &&
	unfold "out/cards/$(uid_of cher).vcf" >cher4.txt &&
	grep -qx "BDAY:--0520" cher4.txt
'

test_expect_success 'bad input: exit 2, clear message, nothing written' '
	test_expect_code 2 kith export vcard fresh --version 5.0 2>err &&
	grep -q "unknown vCard version .5.0." err &&
	test_expect_code 2 kith export vcard 2>err &&
	grep -q "which folder" err &&
	test_expect_code 2 kith export vcard a b 2>err &&
	grep -q "too many arguments" err &&
	test ! -e fresh && test ! -e a &&
	echo data >plainfile &&
	test_expect_code 2 kith export vcard plainfile 2>err &&
	grep -q "kith: error: .plainfile. is not a folder" err &&
	test_expect_code 2 kith export vcard plainfile/sub 2>err &&
	grep -q "cannot create folder .plainfile/sub." err &&
	test "$(cat plainfile)" = data
'

test_expect_success 'an unwritable folder is an error (exit 1)' '
	if test "$(id -u)" = 0; then
		echo "# running as root: skipped" && return 0
	fi
	mkdir ro && chmod 555 ro &&
	test_expect_code 1 kith export vcard ro 2>err &&
	grep -q "cannot create a file in" err &&
	chmod 755 ro
'

test_expect_success 'export does not change the database' '
	kith ls --json >ls.before &&
	kith export vcard out/again >/dev/null 2>&1 &&
	kith ls --json >ls.after &&
	test_cmp ls.before ls.after
'

test_done
