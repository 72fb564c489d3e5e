#!/bin/bash
# The documentation says what the program does: every command listed by
# `kith help` has a section in the man page, every long option in its help
# text is in the man page, `kith help CMD` and `kith CMD -h` agree, the man
# page renders without warnings, and the README has the two commands.

# lib.sh moves to a temporary folder: find the repository first
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/lib.sh"

MAN="$ROOT/docs/kith.1"
README="$ROOT/README.md"

test_expect_success 'the man page and the README exist' '
	test -s "$MAN" &&
	test -s "$README"
'

# The commands, from the list `kith help` prints under "Commands:".
commands=$(kith help | awk '/^Commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { exit }')

test_expect_success 'kith help lists commands' '
	test -n "$commands" &&
	echo "$commands" | grep -qx today &&
	echo "$commands" | grep -qx add
'

# A man page option as written in roff: every hyphen escaped, --rm-email
# is \-\-rm\-email. Prints an extended regex that matches it and not a
# longer option (\-\-rm must not match \-\-rm\-email).
man_option_re() {
	local name=${1#--}
	printf '\\\\-\\\\-%s([^a-z\\\\]|$)' "$(printf '%s' "$name" | sed 's/-/\\\\-/g')"
}

for cmd in $commands; do
	test_expect_success "man page has a section for '$cmd'" '
		grep -Eq "^\.SS \"?(kith )?$cmd\"?\$" "$MAN"
	'

	test_expect_success "kith help $cmd is the same as kith $cmd -h" '
		kith help "$cmd" >help.out &&
		kith "$cmd" -h >dash-h.out &&
		test -s help.out &&
		test_cmp help.out dash-h.out
	'

	test_expect_success "man page has every option of '$cmd'" '
		kith help "$cmd" >usage &&
		missing= &&
		for opt in $(grep -oE -- "--[a-z][a-z-]*" usage | sort -u); do
			grep -Eq -- "$(man_option_re "$opt")" "$MAN" || missing="$missing $opt"
		done &&
		if test -n "$missing"; then
			echo "# not in docs/kith.1:$missing" &&
			false
		fi
	'
done

test_expect_success 'man page has the global options' '
	missing= &&
	for opt in --db --help --version --json; do
		grep -Eq -- "$(man_option_re "$opt")" "$MAN" || missing="$missing $opt"
	done &&
	echo "# missing:$missing" &&
	test -z "$missing"
'

test_expect_success 'man page has the sections a reader looks for' '
	missing= &&
	for s in NAME SYNOPSIS DESCRIPTION OPTIONS COMMANDS "NAMING PEOPLE" "DATES AND DURATIONS" \
		"CIRCLES AND CADENCES" "THE DAILY PLAN" FILTERS SEARCH "JSON OUTPUT" ENVIRONMENT FILES \
		"EXIT STATUS" EXAMPLES "SEE ALSO"; do
		grep -Eq "^\.SH \"?$s\"?\$" "$MAN" || missing="$missing, $s"
	done &&
	echo "# missing$missing" &&
	test -z "$missing"
'

test_expect_success 'man page documents the environment' '
	missing= &&
	for v in KITH_DB KITH_TODAY XDG_DATA_HOME HOME NO_COLOR TERM; do
		grep -Eq "^\.B $v\$" "$MAN" || missing="$missing $v"
	done &&
	echo "# missing:$missing" &&
	test -z "$missing"
'

if command -v groff >/dev/null 2>&1; then
	test_expect_success 'man page renders without warnings' '
		groff -man -Tutf8 -ww -z "$MAN" >groff.out 2>&1 &&
		if test -s groff.out; then cat groff.out; false; fi
	'
	test_expect_success 'rendered man page shows the options with plain hyphens' '
		groff -man -Tascii -P-cbou "$MAN" 2>/dev/null >kith.txt &&
		grep -q -- "--introduced-by" kith.txt &&
		grep -q -- "--json" kith.txt
	'
else
	test_count=$((test_count + 1))
	echo "ok $test_count # skip groff is not installed"
fi

test_expect_success 'README has the two commands' '
	grep -q "make demo" "$README" &&
	grep -q "make check" "$README"
'

test_expect_success 'README points to the man page' '
	grep -q "man -l docs/kith.1" "$README"
'

test_done
