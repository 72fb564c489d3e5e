/* vdir sync: first sync both ways, no-op, each side's changes and deletions, conflicts, dry run, bad cards. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kith/cadence.h"
#include "kith/date.h"
#include "kith/person.h"
#include "kith/strbuf.h"
#include "kith/sync.h"
#include "tap.h"
#include "testdb.h"

static char dir[256];

static void put(const char *name, const char *body)
{
	char p[512];
	FILE *f;
	snprintf(p, sizeof(p), "%s/%s", dir, name);
	f = fopen(p, "wb");
	if (!f) {
		perror(p);
		exit(1);
	}
	fputs(body, f);
	fclose(f);
}

/* the file's bytes, a new string, or NULL when missing */
/* Remove card `name` from the folder; 0 or -1 as unlink(). */
static int drop(const char *name)
{
	char p[512];
	snprintf(p, sizeof(p), "%s/%s", dir, name);
	return unlink(p);
}

/* kith_person_get's result for id: KITH_OK while the person is there. */
static enum kith_rc person_there(struct kith *k, int64_t id)
{
	struct kith_person p;
	enum kith_rc rc;
	memset(&p, 0, sizeof(p));
	rc = kith_person_get(k, id, &p);
	kith_person_release(&p);
	return rc;
}

static char *get(const char *name)
{
	char p[512], chunk[4096];
	struct strbuf sb = STRBUF_INIT;
	size_t n;
	FILE *f;
	snprintf(p, sizeof(p), "%s/%s", dir, name);
	f = fopen(p, "rb");
	if (!f)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		strbuf_add(&sb, chunk, n);
	fclose(f);
	return strbuf_detach(&sb);
}

static int has(const char *name, const char *needle)
{
	char *s = get(name);
	int r = s && strstr(s, needle);
	free(s);
	return r;
}

static int n_files(void)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;
	if (!d)
		return -1;
	while ((de = readdir(d)))
		if (de->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

static enum kith_rc run_sync(struct kith *k, int dry, struct kith_sync_stats *st)
{
	struct kith_sync_opts o = { 3, "test", dry == 1, dry == 2 }; /* dry: 1 a dry run, 2 force_delete */
	kith_sync_stats_release(st);
	return kith_sync_dir(k, dir, &o, st);
}

static char *uid_file(struct kith *k, int64_t id)
{
	struct kith_person p;
	char *s;
	size_t n;
	memset(&p, 0, sizeof(p));
	kith_person_get(k, id, &p);
	n = strlen(p.uid) + 5;
	s = malloc(n);
	snprintf(s, n, "%s.vcf", p.uid);
	kith_person_release(&p);
	return s;
}

static void test_hash(void)
{
	char a[17], b[17];
	kith_sync_hash("", 0, a);
	CHECK_STR(a, "cbf29ce484222325");
	kith_sync_hash("a\0b", 3, a);
	kith_sync_hash("a\0c", 3, b);
	CHECK(strcmp(a, b) != 0); /* bytes after a NUL count (UTF-16 files) */
}

static void test_sync(void)
{
	struct kith *k = testdb_open(kith_day_from_civil(2026, 11, 26));
	struct kith_sync_stats st = KITH_SYNC_STATS_INIT;
	struct kith_person_change ch;
	struct kith_person p;
	int64_t ada, grace, bob = 0;
	char *gf, *before;

	snprintf(dir, sizeof(dir), "%s/kith-sync-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		exit(1);
	}
	ada = testdb_add(k, "Ada Lovelace", -1, "math");
	grace = testdb_add(k, "Grace Hopper", -1, NULL);
	kith_person_change_init(&ch);
	kith_strlist_push(&ch.add_emails, "ada@example.org");
	kith_person_edit(k, ada, &ch);
	kith_person_change_release(&ch);
	put("ada.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:ada-card\r\nFN:Ada Lovelace\r\nEMAIL:ada@example.org\r\n"
		       "TEL:+44 20 7946 0000\r\nitem1.URL:https://ada.example.org\r\nitem1.X-ABLabel:home\r\n"
		       "PHOTO;ENCODING=b;TYPE=JPEG:QUJD\r\n REVG\r\nEND:VCARD\r\n");
	put("bob.vcf", "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:bob\r\nFN:Bob\r\nEMAIL:bob@example.org\r\nEND:VCARD\r\n");

	/* first sync: the cards merge in, Grace gets a card */
	CHECK_INT(run_sync(k, 0, &st), KITH_OK);
	CHECK_INT(st.cards, 2);
	CHECK_INT(st.added, 1);
	CHECK_INT(st.updated, 1);
	CHECK_INT(st.written, 2);
	CHECK_INT(st.conflicts.n, 0);
	CHECK_INT(n_files(), 3);
	gf = uid_file(k, grace);
	CHECK(has(gf, "FN:Grace Hopper\r\n"));
	CHECK(has("ada.vcf", "UID:ada-card\r\n"));
	CHECK(has("ada.vcf", "CATEGORIES:math\r\n"));
	CHECK(has("ada.vcf", "TEL:+44 20 7946 0000\r\n"));
	CHECK(has("ada.vcf", "PHOTO;ENCODING=b;TYPE=JPEG:QUJD\r\n REVG\r\nEND:VCARD\r\n"));
	CHECK(!has("ada.vcf", "X-ABLabel")); /* its group is kith's now */
	CHECK(has("bob.vcf", "FN:Bob\r\n") && has("bob.vcf", "VERSION:4.0")); /* left as it was */
	CHECK_INT(kith_resolve(k, "bob@example.org", 0, &bob), KITH_OK);

	/* nothing changed: nothing to do */
	before = get("ada.vcf");
	CHECK_INT(run_sync(k, 0, &st), KITH_OK);
	CHECK_INT(st.added + st.updated + st.removed + st.written + st.deleted, 0);

	/* changed in the folder only: the person follows, removals too */
	put("ada.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:ada-card\r\nFN:Ada King\r\nEMAIL:ada@king.example\r\n"
		       "X-KITH-CIRCLE:close\r\nX-KITH-GOAL:publish the notes\r\nEND:VCARD\r\n");
	CHECK_INT(run_sync(k, 0, &st), KITH_OK);
	CHECK_INT(st.updated, 1);
	CHECK_INT(st.written, 0);
	memset(&p, 0, sizeof(p));
	CHECK_INT(kith_person_get(k, ada, &p), KITH_OK);
	CHECK_STR(p.name, "Ada King");
	CHECK_INT(p.emails.n, 1);
	CHECK_STR(p.emails.n ? p.emails.v[0] : NULL, "ada@king.example");
	CHECK_INT(p.phones.n, 0);
	CHECK_INT(p.links.n, 0);
	CHECK_INT(p.tags.n, 0);
	CHECK_INT(p.circle, KITH_CIRCLE_CLOSE);
	CHECK_INT(p.goals.n, 1);
	kith_person_release(&p);
	free(before);

	/* changed in kith only: the file is rewritten */
	kith_person_change_init(&ch);
	ch.org = "Navy";
	kith_person_edit(k, grace, &ch);
	kith_person_change_release(&ch);
	CHECK_INT(run_sync(k, 0, &st), KITH_OK);
	CHECK_INT(st.written, 1);
	CHECK_INT(st.updated, 0);
	CHECK(has(gf, "ORG:Navy\r\n"));

	/* both: kith wins, the card's new facts join */
	kith_person_change_init(&ch);
	ch.title = "Countess";
	kith_person_edit(k, ada, &ch);
	kith_person_change_release(&ch);
	put("ada.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:ada-card\r\nFN:Ada Byron\r\nEMAIL:ada@king.example\r\n"
		       "EMAIL:ada@byron.example\r\nTITLE:Mathematician\r\nORG:Engines\r\nEND:VCARD\r\n");
	CHECK_INT(run_sync(k, 0, &st), KITH_OK);
	CHECK_INT(st.conflicts.n, 1);
	CHECK_STR(st.conflicts.n ? st.conflicts.v[0] : NULL, "Ada King");
	CHECK_INT(st.written, 1);
	memset(&p, 0, sizeof(p));
	kith_person_get(k, ada, &p);
	CHECK_STR(p.name, "Ada King");
	CHECK_STR(p.title, "Countess");
	CHECK_STR(p.org, "Engines"); /* empty in kith: filled */
	CHECK_INT(p.emails.n, 2);
	kith_person_release(&p);
	CHECK(has("ada.vcf", "FN:Ada King\r\n"));
	CHECK(has("ada.vcf", "EMAIL;TYPE=INTERNET:ada@byron.example\r\n"));

	/* dry run: counted, nothing changed */
	CHECK_INT(drop(gf), 0);
	CHECK_INT(run_sync(k, 1, &st), KITH_OK);
	CHECK_INT(st.removed, 1);
	CHECK_INT(person_there(k, grace), KITH_OK);

	/* deleted in the folder: removed from kith */
	CHECK_INT(run_sync(k, 0, &st), KITH_OK);
	CHECK_INT(st.removed, 1);
	CHECK_INT(person_there(k, grace), KITH_ENOTFOUND);

	/* removed in kith: the file goes */
	CHECK_INT(kith_person_rm(k, bob, NULL), KITH_OK);
	CHECK_INT(run_sync(k, 0, &st), KITH_OK);
	CHECK_INT(st.deleted, 1);
	CHECK(get("bob.vcf") == NULL);

	/* a bad card: file and line, nothing changes */
	put("bad.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bad\r\n");
	put("ada.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:ada-card\r\nFN:Ada Lovelace\r\nEND:VCARD\r\n");
	CHECK_INT(run_sync(k, 0, &st), KITH_EINPUT);
	CHECK(strstr(kith_errmsg(k), "/bad.vcf:") != NULL);
	memset(&p, 0, sizeof(p));
	kith_person_get(k, ada, &p);
	CHECK_STR(p.name, "Ada King");
	kith_person_release(&p);

	/* hidden and non-.vcf files are not cards */
	drop("bad.vcf");
	put(".bad.vcf", "junk");
	put("bad.txt", "junk");
	CHECK_INT(run_sync(k, 0, &st), KITH_OK);
	CHECK_INT(st.cards, 1);

	/* every card gone: nothing happens without force_delete */
	CHECK_INT(drop("ada.vcf"), 0);
	CHECK_INT(run_sync(k, 0, &st), KITH_EINPUT);
	CHECK(strstr(kith_errmsg(k), "every card") != NULL);
	CHECK_INT(person_there(k, ada), KITH_OK);
	CHECK_INT(run_sync(k, 2, &st), KITH_OK);
	CHECK_INT(st.removed, 1);
	CHECK_INT(person_there(k, ada), KITH_ENOTFOUND);

	kith_sync_stats_release(&st);
	free(gf);
	drop("ada.vcf");
	drop(".bad.vcf");
	drop("bad.txt");
	rmdir(dir);
	testdb_close(k);
}

/* Cards of one person without a UID get distinct UIDs; lines that are no property are not carried over. */
static void test_duplicates(void)
{
	struct kith *k = testdb_open(kith_day_from_civil(2026, 11, 26));
	struct kith_sync_stats st = KITH_SYNC_STATS_INIT;
	struct kith_person_change ch;
	struct kith_person p;
	int64_t ada;
	char want[128];

	snprintf(dir, sizeof(dir), "%s/kith-sync-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		exit(1);
	}
	ada = testdb_add(k, "Ada Lovelace", -1, "math");
	kith_person_change_init(&ch);
	kith_strlist_push(&ch.add_emails, "ada@example.org");
	kith_person_edit(k, ada, &ch);
	kith_person_change_release(&ch);
	put("a.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEMAIL:ada@example.org\r\n"
		     ";=\r\nX-OTHER:kept\r\nEND:VCARD\r\n");
	put("b.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEMAIL:ada@example.org\r\nEND:VCARD\r\n");
	CHECK_INT(run_sync(k, 0, &st), KITH_OK);
	CHECK_INT(st.written, 2);
	memset(&p, 0, sizeof(p));
	kith_person_get(k, ada, &p);
	snprintf(want, sizeof(want), "UID:%s\r\n", p.uid);
	kith_person_release(&p);
	CHECK(has("a.vcf", want));
	CHECK(has("b.vcf", "UID:b\r\n"));
	CHECK(has("a.vcf", "X-OTHER:kept\r\n"));
	CHECK(!has("a.vcf", ";="));
	CHECK_INT(run_sync(k, 0, &st), KITH_OK);
	CHECK_INT(st.written + st.updated, 0);

	/* both cards deleted: the person goes, once */
	drop("a.vcf");
	drop("b.vcf");
	CHECK_INT(run_sync(k, 2, &st), KITH_OK);
	CHECK_INT(st.removed, 1);
	CHECK_INT(person_there(k, ada), KITH_ENOTFOUND);
	kith_sync_stats_release(&st);
	rmdir(dir);
	testdb_close(k);
}

int main(void)
{
	test_hash();
	test_sync();
	test_duplicates();
	return tap_done();
}
