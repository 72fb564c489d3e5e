#!/bin/bash
# LinkedIn's Invitations.csv, the older messages.csv, a whole export (folder
# or zip, with its limits), and the generic CSV import with a column map.
. "$(dirname "$0")/lib.sh"

# the fixtures: small files in LinkedIn's formats
cat >inv.csv <<'CSV'
From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl
Carla Reyes,Me Myself,"11/5/24, 9:14 AM","Hi Me, we met at <b>PyCon</b> &amp; I'd love to connect.",INCOMING,https://www.linkedin.com/in/carla-reyes,https://www.linkedin.com/in/me-myself
Me Myself,Dev Patel,"10/1/24, 2:00 PM",,OUTGOING,https://www.linkedin.com/in/me-myself,https://www.linkedin.com/in/dev-patel/
CSV
cat >old-messages.csv <<'CSV'
From,To,Date,Subject,Content,Direction
Carla Reyes,Me Myself,"1/8/18, 6:14 PM",Hello,"<p>Good to see you<br>at the meetup!</p>",INCOMING
Me Myself,Carla Reyes,2018-01-09 10:00:00 UTC,RE: Hello,"Likewise &#8212; let&#39;s talk.
Next week?",OUTGOING
Me Myself,Zoe Unknown,2018-02-01 10:00:00 UTC,,Hi Zoe,OUTGOING
CSV

test_expect_success 'Invitations.csv: the other party merged, a message logged, a pending one adds the person only' '
	kith import linkedin inv.csv 2>err &&
	grep "inv.csv: LinkedIn invitations" err &&
	grep "imported 2 contacts: 2 added, 0 updated, 0 unchanged, 0 skipped" err &&
	grep "logged 1 message (0 were logged before)" err &&
	kith show carla --json >out &&
	test "$(jv out links)" = "https://www.linkedin.com/in/carla-reyes" &&
	test "$(jv out met)" = LinkedIn &&
	test "$(jv out interaction_count)" = 1 &&
	test "$(jv out interactions.0.kind)" = message &&
	test "$(jv out interactions.0.date)" = 2024-11-05 &&
	test "$(jv out interactions.0.note)" = "Hi Me, we met at PyCon & I'"'"'d love to connect." &&
	kith show dev --json >out &&
	test "$(jv out links)" = "https://www.linkedin.com/in/dev-patel" &&
	test "$(jv out interaction_count)" = 0 &&
	test "$(jv out added)" = 2024-10-01 &&
	test "$(jv out last_touch)" = null
'

test_expect_success 'Invitations.csv again: nobody added, nothing logged twice' '
	kith import linkedin inv.csv --json >out &&
	test "$(jv out added)" = 0 &&
	test "$(jv out unchanged)" = 2 &&
	test "$(jv out messages_logged)" = 0 &&
	test "$(jv out messages_known)" = 1 &&
	kith show carla --json >out &&
	test "$(jv out interaction_count)" = 1
'

test_expect_success 'a bad invitation fails with file:line and changes nothing; --skip-bad imports the rest' '
	{ head -n 1 inv.csv &&
	  echo "Nia Okafor,Me Myself,\"11/6/24, 9:00 AM\",Hello!,INCOMING,https://www.linkedin.com/in/nia-okafor," &&
	  echo "Me Myself,Omar Haddad,\"11/7/24, 9:00 AM\",,SIDEWAYS,,https://www.linkedin.com/in/omar-haddad" &&
	  echo "Pia Lund,Me Myself,\"someday\",,INCOMING,https://www.linkedin.com/in/pia-lund,"; } >inv-bad.csv &&
	kith ls --json >before &&
	test_expect_code 2 kith import linkedin inv-bad.csv 2>err &&
	grep "inv-bad.csv:3: unknown direction '"'"'SIDEWAYS'"'"' (INCOMING or OUTGOING)" err &&
	kith ls --json >after &&
	test_cmp before after &&
	kith import linkedin inv-bad.csv --skip-bad 2>err &&
	grep "inv-bad.csv:3: skipped: unknown direction" err &&
	grep "inv-bad.csv:4: skipped: unreadable date '"'"'someday'"'"'" err &&
	grep "1 added, 0 updated, 0 unchanged, 2 skipped" err &&
	kith show nia --json >out &&
	test "$(jv out interactions.0.note)" = "Hello!" &&
	test_must_fail kith show omar
'

test_expect_success 'the older messages.csv: people by name, HTML to text, an unknown name added' '
	kith import linkedin old-messages.csv 2>err &&
	grep "old-messages.csv: LinkedIn messages (older format)" err &&
	grep "logged 3 messages (0 were logged before)" err &&
	grep "1 added" err &&
	kith show carla --json >out &&
	test "$(jv out interaction_count)" = 3 &&
	test "$(jv out interactions.1.date)" = 2018-01-09 &&
	test "$(jv out interactions.1.note)" = "Likewise — let'"'"'s talk.
Next week?" &&
	test "$(jv out interactions.2.date)" = 2018-01-08 &&
	test "$(jv out interactions.2.note)" = "Good to see you
at the meetup!" &&
	kith show zoe --json >out &&
	test "$(jv out name)" = "Zoe Unknown" &&
	test "$(jv out interactions.0.note)" = "Hi Zoe" &&
	test_must_fail kith show "me myself"
'

test_expect_success 'the older messages.csv again logs nothing twice' '
	kith import linkedin old-messages.csv --json >out &&
	test "$(jv out messages_logged)" = 0 &&
	test "$(jv out messages_known)" = 3 &&
	test "$(jv out added)" = 0
'

test_expect_success 'a message removed with unlog stays removed when its file is imported again' '
	db="$TEST_DIR/unlog.db" &&
	kith --db "$db" import linkedin inv.csv 2>/dev/null &&
	kith --db "$db" import linkedin old-messages.csv 2>/dev/null &&
	kith --db "$db" show zoe --json >out &&
	kith --db "$db" unlog "$(jv out interactions.0.id)" &&
	kith --db "$db" show carla --json >out &&
	test "$(jv out interactions.0.date)" = 2024-11-05 &&
	kith --db "$db" unlog "$(jv out interactions.0.id)" &&
	kith --db "$db" import linkedin old-messages.csv --json >out &&
	test "$(jv out messages_logged)" = 0 &&
	test "$(jv out messages_known)" = 3 &&
	kith --db "$db" import linkedin inv.csv --json >out &&
	test "$(jv out messages_logged)" = 0 &&
	test "$(jv out messages_known)" = 1 &&
	kith --db "$db" show zoe --json >out &&
	test "$(jv out interaction_count)" = 0 &&
	kith --db "$db" show carla --json >out &&
	test "$(jv out interaction_count)" = 2 &&
	test "$(sqlite3 "$db" "SELECT count(*) FROM message_import WHERE interaction_id IS NULL")" = 2
'

test_expect_success 'messages logged by a kith that kept no memory of imports are remembered at the next import' '
	db="$TEST_DIR/unlog.db" &&
	sqlite3 "$db" "DELETE FROM message_import" &&
	kith --db "$db" import linkedin old-messages.csv --json >out &&
	test "$(jv out messages_known)" = 2 &&
	test "$(jv out messages_logged)" = 1 &&
	test "$(sqlite3 "$db" "SELECT count(*) FROM message_import")" = 3 &&
	test "$(sqlite3 "$db" "SELECT count(*) FROM message_import WHERE interaction_id IS NULL")" = 0 &&
	kith --db "$db" import linkedin old-messages.csv --json >out &&
	test "$(jv out messages_logged)" = 0 &&
	kith --db "$db" show zoe --json >out &&
	kith --db "$db" unlog "$(jv out interactions.0.id)" &&
	kith --db "$db" import linkedin old-messages.csv --json >out &&
	test "$(jv out messages_logged)" = 0
'

test_expect_success 'older messages: a name several people have is skipped, not guessed' '
	kith add "Sam Lee" >/dev/null &&
	kith add "Sam Lee" >/dev/null &&
	printf "CONVERSATION ID,CONVERSATION TITLE,FROM,TO,DATE,SUBJECT,CONTENT,FOLDER\n" >folder.csv &&
	printf "1,,Sam Lee,Me Myself,2019-03-01 10:00:00 UTC,,Hi from Sam,INBOX\n" >>folder.csv &&
	printf "2,,Me Myself,Carla Reyes,2019-03-02 10:00:00 UTC,,Hi Carla,SENT\n" >>folder.csv &&
	printf "3,,Zoe Unknown,Me Myself,2019-03-03 10:00:00 UTC,,Hi again,INBOX\n" >>folder.csv &&
	printf "4,,Me Myself,\"Carla Reyes, Zoe Unknown\",2019-03-04 10:00:00 UTC,,Group hello,SENT\n" >>folder.csv &&
	kith import linkedin folder.csv --json >out 2>err &&
	grep "folder.csv:2: skipped: '"'"'Sam Lee'"'"' names several people" err &&
	test "$(jv out skipped)" = 1 &&
	test "$(jv out added)" = 0 &&
	test "$(jv out messages_logged)" = 3 &&
	kith show carla --json >out &&
	test "$(jv out interactions.1.note)" = "Group hello" &&
	test "$(jv out interactions.1.people.*.name)" = "Carla Reyes,Zoe Unknown" &&
	kith ls --json >all &&
	test "$(json_get all "[p[\"last_kind\"] for p in j if p[\"name\"] == \"Sam Lee\"]")" = "[None, None]" &&
	kith show zoe --json >out &&
	test "$(jv out interaction_count)" = 3
'

# a whole export, as LinkedIn zips it
mkexport() {
	mkdir -p "$1/messages" &&
	cat >"$1/Connections.csv" <<'CSV' &&
Notes:
"When exporting your connection data, you may notice that some of the email addresses are missing."

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Ada,Example,https://www.linkedin.com/in/ada-example,ada@example.com,"Acme, Inc.",Engineering Manager,28 Sep 2024
Bo,Chen,https://www.linkedin.com/in/bo-chen,,Initech,CTO,03 Jan 2019
CSV
	cat >"$1/invitations.CSV" <<'CSV' &&
From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl
Ada E.,Me Myself,"9/27/24, 8:00 AM",Great talk today!,INCOMING,https://www.linkedin.com/in/ada-example,https://www.linkedin.com/in/me-myself
CSV
	cat >"$1/messages/messages.csv" <<'CSV' &&
CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS
c1,,A. Example,https://www.linkedin.com/in/ada-example,Me Myself,https://www.linkedin.com/in/me-myself,2024-10-26 11:43:11 UTC,,See you Tuesday,INBOX,
c2,,Me Myself,https://www.linkedin.com/in/me-myself,Bo Chen,https://www.linkedin.com/in/bo-chen,2024-10-27 09:00:00 UTC,,Congrats on the new role,INBOX,
c1,,Me Myself,https://www.linkedin.com/in/me-myself,A. Example,https://www.linkedin.com/in/ada-example,2024-10-26 12:00:00 UTC,,Great,INBOX,
CSV
	printf "First Name,Last Name\nNot,Imported\n" >"$1/Contacts.csv" &&
	printf "Name,Skill\nx,y\n" >"$1/Skills.csv" &&
	printf "junk" >"$1/messages/learning_coach_messages.csv"
}

test_expect_success 'a whole export folder: Connections, then Invitations, then messages; other files ignored' '
	export KITH_DB="$TEST_DIR/export.db" &&
	mkexport export &&
	kith import linkedin export 2>err &&
	grep "export/Connections.csv: LinkedIn connections" err &&
	grep "export/invitations.CSV: LinkedIn invitations" err &&
	grep "export/messages/messages.csv: LinkedIn messages" err &&
	test "$(grep -n "LinkedIn" err | cut -d: -f1 | tr "\n" " ")" = "1 2 3 " &&
	grep "imported 6 contacts: 2 added" err &&
	grep "logged 4 messages (0 were logged before)" err &&
	kith ls --json >all &&
	test "$(jv all "#")" = 2 &&
	kith show ada --json >out &&
	test "$(jv out name)" = "Ada Example" &&
	test "$(jv out interaction_count)" = 3 &&
	test "$(jv out interactions.2.note)" = "Great talk today!" &&
	kith show bo --json >out &&
	test "$(jv out interactions.0.note)" = "Congrats on the new role"
'

test_expect_success 'the same export as a .zip (in a subfolder) imports the same; again, nothing twice' '
	export KITH_DB="$TEST_DIR/zip.db" &&
	python3 -c "
import os, sys, zipfile
with zipfile.ZipFile(\"Export.zip\", \"w\", zipfile.ZIP_DEFLATED) as z:
    for root, dirs, files in os.walk(\"export\"):
        for f in files:
            p = os.path.join(root, f)
            z.write(p, \"Basic_LinkedIn_Data/\" + os.path.relpath(p, \"export\"))
" &&
	kith import linkedin Export.zip 2>err &&
	grep "Export.zip(Basic_LinkedIn_Data/Connections.csv): LinkedIn connections" err &&
	grep "imported 6 contacts: 2 added" err &&
	grep "logged 4 messages" err &&
	kith show ada --json >out &&
	test "$(jv out name)" = "Ada Example" &&
	test "$(jv out interaction_count)" = 3 &&
	kith import linkedin Export.zip --json >out &&
	test "$(jv out added)" = 0 &&
	test "$(jv out messages_logged)" = 0 &&
	test "$(jv out messages_known)" = 4
'

test_expect_success 'a bad row inside the zip: file and line, and nothing imported' '
	export KITH_DB="$TEST_DIR/badzip.db" &&
	python3 -c "
import zipfile
with zipfile.ZipFile(\"Bad.zip\", \"w\") as z:
    z.write(\"export/Connections.csv\", \"Connections.csv\")
    z.writestr(\"messages.csv\", \"CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT\n1,,A,https://www.linkedin.com/in/a,B,https://www.linkedin.com/in/b,not a date,,hi\n\")
" &&
	test_expect_code 2 kith import linkedin Bad.zip 2>err &&
	grep "Bad.zip(messages.csv):2: unreadable date '"'"'not a date'"'"'" err &&
	kith ls --json >all &&
	test "$(jv all "#")" = 0
'

test_expect_success 'zip limits: a zip bomb, an understated size, too many entries, not a zip, nothing in it' '
	export KITH_DB="$TEST_DIR/limits.db" &&
	python3 -c "
import zipfile, struct
# 257 MiB of zeros: a few hundred KiB compressed
with zipfile.ZipFile(\"bomb.zip\", \"w\", zipfile.ZIP_DEFLATED) as z:
    with z.open(\"Connections.csv\", \"w\", force_zip64=True) as f:
        f.write(b\"First Name,Last Name,Connected On\n\")
        for i in range(257):
            f.write(bytes(1 << 20))
# the same, its header saying 100 bytes
data = bytearray(open(\"bomb.zip\", \"rb\").read())
with zipfile.ZipFile(\"liar.zip\", \"w\", zipfile.ZIP_DEFLATED) as z:
    z.writestr(\"Connections.csv\", b\"First Name,Last Name,Connected On\n\" + bytes(257 << 20))
d = bytearray(open(\"liar.zip\", \"rb\").read())
i = d.find(b\"PK\x03\x04\"); d[i + 22:i + 26] = struct.pack(\"<I\", 100)
i = d.find(b\"PK\x01\x02\"); d[i + 24:i + 28] = struct.pack(\"<I\", 100)
open(\"liar.zip\", \"wb\").write(d)
with zipfile.ZipFile(\"many.zip\", \"w\") as z:
    for i in range(10001):
        z.writestr(\"f%d.txt\" % i, b\"\")
with zipfile.ZipFile(\"none.zip\", \"w\") as z:
    z.writestr(\"Profile.csv\", b\"a,b\n\")
" &&
	test_expect_code 2 kith import linkedin bomb.zip 2>err &&
	grep "bomb.zip(Connections.csv): .* uncompressed (256 MiB at most)" err &&
	test_expect_code 2 kith import linkedin liar.zip 2>err &&
	grep "liar.zip(Connections.csv): more than 256 MiB uncompressed" err &&
	test_expect_code 2 kith import linkedin many.zip 2>err &&
	grep "many.zip: the zip has 10001 entries (10000 at most)" err &&
	printf "not a zip\n" >fake.zip &&
	test_expect_code 2 kith import linkedin fake.zip 2>err &&
	grep "fake.zip: not a readable zip file" err &&
	test_expect_code 2 kith import linkedin none.zip 2>err &&
	grep "none.zip: no Connections.csv, Invitations.csv or messages.csv in it" err &&
	mkdir empty &&
	test_expect_code 2 kith import linkedin empty 2>err &&
	grep "empty: no Connections.csv" err &&
	kith ls --json >all &&
	test "$(jv all "#")" = 0
'

cat >people.csv <<'CSV'
Full Name,Mail,Work Mail,Phone,Company,Groups,Born,Profile
Grace Hopper,grace@example.org,ghopper@navy.example,+1 555 0100,US Navy,"friends;navy",1906-12-09,https://www.linkedin.com/in/grace-hopper/
,nobody@example.org,,,,,,
Alan Turing,alan@example.org,,,,work ::: math,--06-23,
CSV
MAP="Full Name=name,Mail=email,Work Mail=email,Phone=phone,Company=org,Groups=tags,Born=birthday,Profile=linkedin"

test_expect_success 'kith import csv --map: columns to fields, several for email, tags split, a nameless row skipped' '
	export KITH_DB="$TEST_DIR/generic.db" &&
	kith import csv people.csv --map "$MAP" 2>err &&
	grep "people.csv: CSV by columns" err &&
	grep "imported 2 contacts: 2 added, 0 updated, 0 unchanged, 1 skipped" err &&
	kith show grace --json >out &&
	test "$(jv out emails)" = "ghopper@navy.example,grace@example.org" &&
	test "$(jv out phones)" = "+1 555 0100" &&
	test "$(jv out org)" = "US Navy" &&
	test "$(jv out tags)" = "friends,navy" &&
	test "$(jv out birthday)" = 1906-12-09 &&
	test "$(jv out links)" = "https://www.linkedin.com/in/grace-hopper" &&
	kith show alan --json >out &&
	test "$(jv out tags)" = "math,work" &&
	test "$(jv out birthday)" = "--06-23" &&
	kith import csv people.csv --map "$MAP" --json >out &&
	test "$(jv out added)" = 0 &&
	test "$(jv out unchanged)" = 2
'

test_expect_success 'kith import csv: first and last, and the map given in parts' '
	printf "Given,Family,E-Mail Address\nKatherine,Johnson,kj@example.org\n" >parts.csv &&
	kith import csv parts.csv --map Given=first --map "Family=last, E-Mail Address = email" 2>err &&
	kith show kj@example.org --json >out &&
	test "$(jv out name)" = "Katherine Johnson"
'

test_expect_success 'kith import csv: a column whose name holds a comma, in quotes in the map' '
	printf "\"Name, as written\",\"Mail \"\"work\"\"\"\nDorothy Vaughan,dv@example.org\n" >comma.csv &&
	kith import csv comma.csv --map "\"Name, as written\"=name,\"Mail \"\"work\"\"\"=email" 2>err &&
	grep "1 added" err &&
	kith show dv@example.org --json >out &&
	test "$(jv out name)" = "Dorothy Vaughan" &&
	kith ls --json >before &&
	test_expect_code 2 kith import csv comma.csv --map "\"Name, as written=name" 2>err &&
	grep "the quote is not closed" err &&
	test_expect_code 2 kith import csv comma.csv --map "Name, as written=name" 2>err &&
	grep "'"'"'Name'"'"' is not COLUMN=FIELD (a column named with a comma goes in double quotes" err &&
	kith ls --json >after &&
	test_cmp before after
'

test_expect_success 'kith import csv: an unknown field, a column not in the header, no map: usage errors' '
	kith ls --json >before &&
	test_expect_code 2 kith import csv people.csv --map "Mail=mail" 2>err &&
	grep "unknown field '"'"'mail'"'"' (fields: name, first, last, email" err &&
	test_expect_code 2 kith import csv people.csv --map "E-Mail=email" 2>err &&
	grep "people.csv: no column '"'"'E-Mail'"'"' in the header (its columns: '"'"'Full Name'"'"', '"'"'Mail'"'"', '"'"'Work Mail'"'"'" err &&
	test_expect_code 2 kith import csv people.csv 2>err &&
	grep "which columns?" err &&
	test_expect_code 2 kith import csv people.csv --map "Full Name=name,Company=name" 2>err &&
	grep "field '"'"'name'"'"' is mapped twice" err &&
	test_expect_code 2 kith import csv people.csv --map "Full Name" 2>err &&
	grep "is not COLUMN=FIELD" err &&
	test_expect_code 2 kith import linkedin people.csv --map "Full Name=name" 2>err &&
	grep "map is for kith import csv" err &&
	kith ls --json >after &&
	test_cmp before after
'

test_expect_success 'kith import csv: a bad birthday fails with file:line and changes nothing; --skip-bad imports the rest' '
	printf "Name,Born\nMary Jackson,1921-04-09\nDorothy Vaughan,someday\n" >bad.csv &&
	kith ls --json >before &&
	test_expect_code 2 kith import csv bad.csv --map "Name=name,Born=birthday" 2>err &&
	grep "bad.csv:3: unreadable birthday '"'"'someday'"'"'" err &&
	kith ls --json >after &&
	test_cmp before after &&
	kith import csv bad.csv --map "Name=name,Born=birthday" --skip-bad 2>err &&
	grep "bad.csv:3: skipped: unreadable birthday" err &&
	grep "1 added, 0 updated, 0 unchanged, 1 skipped" err &&
	kith show mary --json >out &&
	test "$(jv out birthday)" = 1921-04-09
'

test_expect_success 'the 2018 Connections.csv: no preamble, no URL, dates month first' '
	export KITH_DB="$TEST_DIR/2018.db" &&
	printf "First Name,Last Name,Email Address,Company,Position,Connected On\nAl,Byte,al@example.org,Initech,Dev,\"1/8/18, 6:14 PM\"\n" >c2018.csv &&
	kith import linkedin c2018.csv 2>err &&
	grep "1 added" err &&
	kith show al --json >out &&
	test "$(jv out added)" = 2018-01-08 &&
	test "$(jv out emails)" = al@example.org
'

CSV=${SHARED_DATA:+$SHARED_DATA/csv}
if [ -n "$CSV" ] && [ -d "$CSV" ]; then
test_expect_success 'the shared LinkedIn files, zipped as an export, import in order' '
	export KITH_DB="$TEST_DIR/shared.db" &&
	python3 -c "
import sys, zipfile
with zipfile.ZipFile(\"shared.zip\", \"w\", zipfile.ZIP_DEFLATED) as z:
    z.write(sys.argv[1] + \"/linkedin_messages.synthetic.csv\", \"messages.csv\")
    z.write(sys.argv[1] + \"/linkedin_Connections.synthetic.csv\", \"Connections.csv\")
    z.write(sys.argv[1] + \"/google_contacts_new.synthetic.csv\", \"Google.csv\")
" "$CSV" &&
	kith import linkedin shared.zip 2>err &&
	grep "imported 5 contacts: 3 added, 0 updated, 2 unchanged, 1 skipped" err &&
	grep "logged 2 messages" err &&
	kith show ada --json >out &&
	test "$(jv out interaction_count)" = 2 &&
	test "$(jv out added)" = 2024-09-28
'
else
	echo "ok $((test_count += 1)) # skip no shared data (KITH_SHARED_DATA)"
fi

# a first import of many connections goes through the writer thread
test_expect_success 'a thousand connections into an empty network; a bad row at the end changes nothing' '
	{ echo "First Name,Last Name,URL,Email Address,Company,Position,Connected On" &&
	  for i in $(seq 1 1000); do
		echo "First$i,Last$((i % 17)),https://www.linkedin.com/in/person-$i,,Org $((i % 40)),Engineer,0$((i % 9 + 1)) Jan 2020"
	  done; } >many.csv &&
	kith --db li.db import linkedin many.csv 2>err &&
	grep "1000 added" err &&
	test "$(sqlite3 li.db "SELECT count(*) FROM person_link")" = 1000 &&
	test "$(sqlite3 li.db "SELECT count(*) FROM sqlite_master WHERE name = \"person_link_url\"")" = 1 &&
	sqlite3 li.db "PRAGMA integrity_check" >ic && test "$(cat ic)" = ok &&
	kith --db li.db show first777 >out && grep -q "person-777" out &&
	{ cat many.csv; echo "$(printf "%05000d" 0),X,,,,,"; } >many-bad.csv &&
	test_expect_code 2 kith --db li-bad.db import linkedin many-bad.csv 2>err &&
	grep "many-bad.csv:1002: .*too long" err &&
	test "$(sqlite3 li-bad.db "SELECT count(*) FROM person")" = 0
'

test_done
