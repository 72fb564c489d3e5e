#!/bin/bash
# Exit codes, output streams, colour, the database path, schema versions,
# KITH_TODAY, and atomic writes.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	kith add "Ada Lovelace" --email ada@example.org --tag math --circle inner &&
	kith log ada coffee --on 2026-11-01 --note "engines" &&
	kith add "Grace Hopper" --birthday 1906-12-09
'

test_expect_success 'exit 0: success, data on stdout, messages on stderr' '
	kith add "Alan Turing" >out 2>err &&
	! test -s out &&
	grep "added Alan Turing" err &&
	kith ls --json >out 2>err &&
	! test -s err &&
	test "$(jv out "#")" = 3 &&
	kith log alan call >out 2>err &&
	! test -s out &&
	grep "logged call" err
'

test_expect_success 'exit 2: bad usage or input, with an error on stderr only' '
	test_expect_code 2 kith log ada lunch >out 2>err &&
	! test -s out &&
	grep "^kith: error: " err &&
	test_expect_code 2 kith show nobody >out 2>err &&
	! test -s out &&
	grep "^kith: error: " err &&
	test_expect_code 2 kith add >out 2>err &&
	! test -s out &&
	test_expect_code 2 kith nosuchcommand
'

test_expect_success 'error messages: lowercase after the prefix, no trailing period' '
	test_expect_code 2 kith show nobody 2>err &&
	test_expect_code 2 kith log ada coffee --on someday 2>>err &&
	test_expect_code 2 kith edit ada --circle nope 2>>err &&
	test_expect_code 2 kith snooze ada --until 2020-01-01 2>>err &&
	grep "^kith: error: " err >errors &&
	test "$(wc -l <errors)" = 4 &&
	! grep "^kith: error: [A-Z]" errors &&
	! grep "\.$" errors
'

test_expect_success 'kith ls > /dev/full fails with an error' '
	test_expect_code 1 kith ls >/dev/full 2>err &&
	grep "^kith: error: .*write" err &&
	test_expect_code 1 kith ls --json >/dev/full
'

test_expect_success 'kith today > /dev/full fails with an error' '
	test_expect_code 1 kith today >/dev/full 2>err &&
	grep "^kith: error: " err &&
	test_expect_code 1 kith today --json >/dev/full
'

test_expect_success 'show, cadence, config, help > /dev/full fail too' '
	kith show ada >/dev/null &&
	kith help >/dev/null &&
	test_expect_code 1 kith show ada >/dev/full &&
	test_expect_code 1 kith show ada --json >/dev/full &&
	test_expect_code 1 kith cadence >/dev/full &&
	test_expect_code 1 kith config >/dev/full &&
	test_expect_code 1 kith help >/dev/full &&
	test_expect_code 1 kith help ls >/dev/full &&
	test_expect_code 1 kith version >/dev/full
'

test_expect_success 'a write whose output cannot be written changes nothing' '
	test_expect_code 1 kith add "Full Disk" --json >/dev/full &&
	kith ls --json >out &&
	! grep "Full Disk" out &&
	test_expect_code 1 kith log ada praise --json >/dev/full &&
	kith show ada --json >out &&
	test "$(jv out interaction_count)" = 1
'

test_expect_success 'output to a file has no escape sequences, even without NO_COLOR' '
	(
		unset NO_COLOR &&
		kith ls >ls.out &&
		kith show ada >show.out &&
		kith today >today.out &&
		kith cadence >cadence.out
	) &&
	grep "Ada Lovelace" ls.out &&
	grep "Ada Lovelace" show.out &&
	! grep -l "$(printf "\033")" ls.out show.out today.out cadence.out
'

if command -v script >/dev/null 2>&1; then
	test_expect_success 'on a terminal there is colour' '
		(
			unset NO_COLOR &&
			TERM=xterm script -qec "\"$KITH\" show ada" /dev/null >tty.out
		) &&
		grep "Ada Lovelace" tty.out &&
		grep -q "$(printf "\033")" tty.out
	'

	test_expect_success 'on a terminal, NO_COLOR and TERM=dumb turn colour off' '
		NO_COLOR=1 TERM=xterm script -qec "\"$KITH\" show ada" /dev/null >tty.out &&
		grep "Ada Lovelace" tty.out &&
		! grep -q "$(printf "\033")" tty.out &&
		(
			unset NO_COLOR &&
			TERM=dumb script -qec "\"$KITH\" ls" /dev/null >tty.out
		) &&
		grep "Ada Lovelace" tty.out &&
		! grep -q "$(printf "\033")" tty.out
	'

	test_expect_success 'rm on a terminal asks first: no keeps them' '
		kith add "Del Me" &&
		printf "n\n" | script -qec "\"$KITH\" rm del" /dev/null >tty.out;
		grep "remove .Del Me." tty.out &&
		grep "nothing removed" tty.out &&
		kith show "del me" >/dev/null
	'

	test_expect_success 'rm on a terminal asks first: yes removes them' '
		printf "y\n" | script -qec "\"$KITH\" rm del" /dev/null >tty.out &&
		grep "removed Del Me" tty.out &&
		test_expect_code 2 kith show "del me"
	'
fi

test_expect_success 'a database path that is a directory: exit 1 with a message' '
	mkdir adir &&
	test_expect_code 1 kith --db adir ls >out 2>err &&
	! test -s out &&
	grep "^kith: error: .*adir" err &&
	test_expect_code 1 kith --db adir add "Nobody" 2>err &&
	grep "adir" err
'

test_expect_success 'a file that is not a database: exit 1, the file untouched' '
	echo "not a database" >junk.db &&
	cp junk.db junk.orig &&
	test_expect_code 1 kith --db junk.db ls 2>err &&
	grep "^kith: error: " err &&
	test_cmp junk.orig junk.db
'

test_expect_success '--db PATH, before or after the command, beats KITH_DB' '
	kith --db other.db add "Only Other" &&
	test -f other.db &&
	kith ls --db other.db --json >out &&
	test "$(jv out "*.name")" = "Only Other" &&
	kith ls --db=other.db --json >out &&
	test "$(jv out "*.name")" = "Only Other" &&
	kith --db=other.db ls --json >out &&
	test "$(jv out "*.name")" = "Only Other" &&
	kith ls --json >out &&
	! grep "Only Other" out
'

test_expect_success '--db without a value is exit 2 and says so' '
	test_expect_code 2 kith --db 2>err &&
	grep "needs a value" err &&
	test_expect_code 2 kith ls --db 2>err &&
	grep "needs a value" err
'

test_expect_success 'KITH_DB names the database' '
	KITH_DB=$PWD/env.db kith add "Env Person" &&
	test -f env.db &&
	KITH_DB=$PWD/env.db kith ls --json >out &&
	test "$(jv out "*.name")" = "Env Person"
'

test_expect_success 'without --db and KITH_DB: $XDG_DATA_HOME/kith/kith.db' '
	(
		unset KITH_DB &&
		export XDG_DATA_HOME=$PWD/xdg &&
		kith add "Xdg Person" 2>err &&
		kith init 2>err &&
		grep "xdg/kith/kith.db" err &&
		kith ls --json >out
	) &&
	test -f xdg/kith/kith.db &&
	test "$(jv out "*.name")" = "Xdg Person"
'

test_expect_success 'without XDG_DATA_HOME: ~/.local/share/kith/kith.db' '
	(
		unset KITH_DB XDG_DATA_HOME &&
		kith add "Home Person"
	) &&
	test -f "$HOME/.local/share/kith/kith.db" &&
	kith --db "$HOME/.local/share/kith/kith.db" ls --json >out &&
	test "$(jv out "*.name")" = "Home Person"
'

test_expect_success 'a database with a newer schema is refused with exit 1, untouched' '
	cp "$KITH_DB" newer.db &&
	sqlite3 newer.db "PRAGMA user_version = 99" &&
	cp newer.db newer.orig &&
	test_expect_code 1 kith --db newer.db ls >out 2>err &&
	! test -s out &&
	grep "^kith: error: " err &&
	grep "99" err &&
	test_expect_code 1 kith --db newer.db add "Too New" &&
	test "$(sqlite3 newer.db "PRAGMA user_version")" = 99 &&
	test "$(sqlite3 newer.db "SELECT count(*) FROM person WHERE name = '\''Too New'\''")" = 0
'

test_expect_success 'a schema 4 database moves its search rows to the view person_search, and gains message_import' '
	cp "$KITH_DB" v4.db &&
	sqlite3 v4.db "CREATE TABLE old_rows AS SELECT * FROM person_search;
		DROP TABLE person_fts; DROP VIEW person_search;
		CREATE VIRTUAL TABLE person_fts USING fts5(name, org, tags, notes,
			tokenize = '\''unicode61 remove_diacritics 2'\'');
		INSERT INTO person_fts(rowid, name, org, tags, notes) SELECT * FROM old_rows;
		DROP TABLE old_rows; DROP TABLE message_import; PRAGMA user_version = 4;" &&
	test "$(sqlite3 v4.db "SELECT count(*) FROM person_fts_content")" = 3 &&
	kith --db v4.db find math >out &&
	grep "Ada Lovelace" out &&
	test "$(sqlite3 v4.db "PRAGMA user_version")" = 6 &&
	test "$(sqlite3 v4.db "SELECT count(*) FROM sqlite_master WHERE name = '\''person_fts_content'\''")" = 0 &&
	test "$(sqlite3 v4.db "SELECT count(*) FROM sqlite_master WHERE name LIKE '\''message_import%'\''")" = 2 &&
	sqlite3 v4.db "SELECT sql FROM sqlite_master WHERE name = '\''person_fts'\''" >sql &&
	grep "person_search" sql &&
	kith --db v4.db edit ada --untag math --tag poetry &&
	kith --db v4.db find math >out &&
	! grep "Ada" out &&
	kith --db v4.db find poetry >out &&
	grep "Ada Lovelace" out
'

test_expect_success 'an invalid KITH_TODAY is exit 2' '
	KITH_TODAY=2026-13-01 test_expect_code 2 kith ls 2>err &&
	grep "KITH_TODAY" err &&
	KITH_TODAY=tomorrow test_expect_code 2 kith today &&
	KITH_TODAY=2026-1-5 test_expect_code 2 kith today &&
	KITH_TODAY=2026-11-26x test_expect_code 2 kith today &&
	KITH_TODAY=2026-11-26 kith today >/dev/null
'

test_expect_success 'an invalid KITH_TODAY writes nothing' '
	KITH_TODAY=garbage test_expect_code 2 kith add "Bad Day" &&
	KITH_TODAY=garbage test_expect_code 2 kith log ada call &&
	kith ls --json >out &&
	! grep "Bad Day" out &&
	kith show ada --json >out &&
	test "$(jv out interaction_count)" = 1
'

test_expect_success 'atomic: kith add X --email bad leaves nothing behind' '
	sqlite3 "$KITH_DB" "SELECT count(*) FROM person; SELECT count(*) FROM person_tag" >before &&
	test_expect_code 2 kith add "Xavier Bad" --tag newtag --phone "+1 555 0100" --email bad 2>err &&
	grep "bad" err &&
	test_expect_code 2 kith show xavier &&
	sqlite3 "$KITH_DB" "SELECT count(*) FROM person; SELECT count(*) FROM person_tag" >after &&
	test_cmp before after &&
	kith ls +newtag --json >out &&
	test "$(jv out "#")" = 0
'

test_expect_success 'atomic: kith edit ada --tag ok --email bad leaves no tag behind' '
	kith show ada --json >before &&
	test_expect_code 2 kith edit ada --tag ok --org "New Org" --email bad &&
	kith show ada --json >after &&
	test_cmp before after &&
	test "$(jv after tags)" = math
'

test_expect_success 'atomic: an edit failing late changes nothing' '
	kith show ada --json >before &&
	test_expect_code 2 kith edit ada --name "Ada King" --tag poetry --rm-email nobody@example.org &&
	test_expect_code 2 kith edit ada --tag poetry --birthday 1815-02-30 &&
	test_expect_code 2 kith edit ada --tag poetry --email grace@example.org --introduced-by nobody &&
	kith show ada --json >after &&
	test_cmp before after
'

test_expect_success 'atomic: the same email twice across people is refused, nothing added' '
	test_expect_code 2 kith add "Ada Copy" --email ADA@example.org --tag copy &&
	kith ls --json >out &&
	! grep "Ada Copy" out &&
	kith ls +copy --json >out &&
	test "$(jv out "#")" = 0
'

test_done
