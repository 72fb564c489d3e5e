#!/bin/bash
# Backups: export json, import json into an empty database, kith backup.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	kith add "Ada Lovelace" --circle inner --email ada@example.org --tag math \
		--birthday 1815-12-10 --met "at a salon" --note "first programmer" &&
	kith add "Grace Hopper" --circle close --introduced-by ada --every 3w &&
	kith add "Zoë Ñúñez" --date "anniversary=--03-01" &&
	kith log "ada,grace" coffee --on 2026-11-01 --note "talked about compilers" &&
	kith resource add https://ex.com/paper --title "A paper" --tag math
'

test_expect_success 'export json writes every table, deterministically' '
	kith export json first.json 2>err &&
	grep "first.json" err &&
	test "$(jv first.json kith_backup)" = 1 &&
	test "$(jv first.json people.#)" = 3 &&
	test "$(jv first.json people.1.introduced_by)" = 1 &&
	test "$(jv first.json interactions.0.note)" = "talked about compilers" &&
	test "$(jv first.json resources.0.url)" = "https://ex.com/paper" &&
	! grep -q "\"due_on\"" first.json &&
	kith export json - >stdout.json &&
	test_cmp first.json stdout.json &&
	! ls first.json.tmp* 2>/dev/null
'

test_expect_success 'import into a fresh database, export again: identical' '
	kith --db fresh.db import json first.json 2>err &&
	grep "restored 3 people" err &&
	kith --db fresh.db export json second.json &&
	test_cmp first.json second.json
'

test_expect_success 'the restored database searches and plans like the original' '
	kith --db fresh.db find compilers >out &&
	grep -q "Ada Lovelace" out &&
	kith --db fresh.db find nunez >out &&
	grep -q "Zoë" out &&
	kith ls >a &&
	kith --db fresh.db ls >b &&
	test_cmp a b &&
	kith today --json >a &&
	kith --db fresh.db today --json >b &&
	test_cmp a b
'

test_expect_success 'import from stdin' '
	kith --db stdin.db import json - <first.json &&
	kith --db stdin.db export json - >third.json &&
	test_cmp first.json third.json
'

test_expect_success 'import into a database that is not empty: exit 2, unchanged' '
	kith export json before.json &&
	test_expect_code 2 kith import json first.json 2>err &&
	grep "not empty" err &&
	kith export json after.json &&
	test_cmp before.json after.json
'

test_expect_success 'a bad backup: exit 2, clear message, nothing written' '
	echo "[1, 2]" >list.json &&
	test_expect_code 2 kith --db bad.db import json list.json 2>err &&
	grep "not a kith backup" err &&
	echo "{\"name\": \"Ada\"}" >other.json &&
	test_expect_code 2 kith --db bad.db import json other.json 2>err &&
	grep "kith_backup" err &&
	printf "{\"kith_backup\": 1," >cut.json &&
	test_expect_code 2 kith --db bad.db import json cut.json 2>err &&
	grep "line 1" err &&
	sed "s/\"2026-11-01\"/\"2026-02-30\"/" first.json >baddate.json &&
	test_expect_code 2 kith --db bad.db import json baddate.json 2>err &&
	grep "not a date" err &&
	test_expect_code 2 kith --db bad.db import json missing.json 2>err &&
	grep "missing.json" err &&
	test "$(kith --db bad.db ls | wc -l)" -le 1 &&
	kith --db bad.db export json - >empty.json &&
	test "$(jv empty.json people.#)" = 0
'

# an import runs without SQLite's own foreign key enforcement: the restore checks itself
test_expect_success 'a backup whose rows point at no one: exit 2, nothing written' '
	sed "s/\"introduced_by\": 1/\"introduced_by\": 99/" first.json >dangling.json &&
	! cmp -s first.json dangling.json &&
	test_expect_code 2 kith --db dangling.db import json dangling.json 2>err &&
	grep "refers to a missing row of \"people\"" err &&
	test "$(kith --db dangling.db ls | wc -l)" -le 1 &&
	kith --db dangling.db import json first.json &&
	kith --db dangling.db export json again.json &&
	test_cmp first.json again.json &&
	sqlite3 dangling.db "PRAGMA foreign_key_check" >fk &&
	test ! -s fk
'

test_expect_success 'usage errors' '
	test_expect_code 2 kith export json &&
	test_expect_code 2 kith import json a.json b.json &&
	test_expect_code 2 kith backup &&
	kith import json -h >out && grep -q json out &&
	kith export json -h >out && grep -q json out &&
	kith backup -h >out && grep -e "--force" out
'

test_expect_success 'backup makes a sound copy with the same people' '
	kith backup copy.db >out &&
	grep "backed up 3 people to copy.db" out &&
	test "$(sqlite3 copy.db "PRAGMA integrity_check")" = ok &&
	test "$(sqlite3 copy.db "SELECT group_concat(name, \",\") FROM (SELECT name FROM person ORDER BY id)")" = \
		"Ada Lovelace,Grace Hopper,Zoë Ñúñez" &&
	kith --db copy.db export json copy.json &&
	test_cmp first.json copy.json &&
	! test -e copy.db.tmp
'

test_expect_success 'backup keeps an existing file unless --force' '
	test_expect_code 2 kith backup copy.db 2>err &&
	grep -e "--force" err &&
	kith add "Katherine Johnson" &&
	kith backup copy.db --force >out &&
	grep "backed up 4 people" out &&
	test "$(sqlite3 copy.db "SELECT count(*) FROM person")" = 4
'

test_expect_success 'backup while another kith writes' '
	(for i in 1 2 3 4 5 6 7 8 9 10; do kith add "Writer $i" >/dev/null 2>&1; done) &
	writer=$! &&
	kith backup busy.db >out &&
	wait $writer &&
	test "$(sqlite3 busy.db "PRAGMA integrity_check")" = ok &&
	n=$(sqlite3 busy.db "SELECT count(*) FROM person") &&
	test "$n" -ge 4 && test "$n" -le 14
'

test_done
