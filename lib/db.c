/*
 * Opening the database, the schema and its migrations, transactions.
 *
 * The schema is versioned by PRAGMA user_version: migration N takes a
 * database from version N-1 to N, all in one transaction, so a database is
 * always at exactly one version. A database newer than this library is
 * refused rather than misread.
 */
#include "internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "util/xalloc.h"
#include "banned.h"

/*
 * Derived columns on person, kept up to date on every write so that the
 * plan reads a handful of indexed rows and never scans interactions:
 *   last_touch, last_kind   the newest interaction (date, kind)
 *   cadence_days, cadence_max   the effective cadence (person > tag > circle)
 *   due_on, overdue_on      next_due = max(base + ideal, snoozed_until) and
 *                           the day the maximum is passed; NULL without cadence
 * where base is last_touch, or for someone never in touch the day they were
 * added moved back by a deterministic spread (see cadence.c).
 */
static const char *const migrations[] = {
	/* 1: people, interactions, cadences, search */
	"CREATE TABLE person ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  uid TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  name_key TEXT NOT NULL,"
	"  org TEXT, title TEXT, location TEXT,"
	"  met TEXT,"
	"  introduced_by INTEGER REFERENCES person(id) ON DELETE SET NULL,"
	"  circle INTEGER NOT NULL DEFAULT 3 CHECK (circle BETWEEN 0 AND 4),"
	"  every_days INTEGER, every_max INTEGER,"
	"  birthday TEXT, bday_md INTEGER,"
	"  notes TEXT,"
	"  created TEXT NOT NULL,"
	"  snoozed_until TEXT,"
	"  last_touch TEXT, last_kind TEXT,"
	"  cadence_days INTEGER, cadence_max INTEGER,"
	"  due_on TEXT, overdue_on TEXT"
	");"
	/* covering the plan's scan of everyone due: it reads no table rows */
	"CREATE INDEX person_due ON person(due_on, overdue_on, cadence_days, circle, last_touch)"
	"  WHERE due_on IS NOT NULL;"
	/* birthdays of a day, closest circle first: the plan reads only the first few */
	"CREATE INDEX person_bday ON person(bday_md, circle, id) WHERE bday_md IS NOT NULL;"
	"CREATE INDEX person_last ON person(last_touch) WHERE last_touch IS NOT NULL;"
	"CREATE INDEX person_introduced_by ON person(introduced_by) WHERE introduced_by IS NOT NULL;"
	"CREATE INDEX person_org ON person(org COLLATE NOCASE) WHERE org IS NOT NULL;"
	/* each word of a folded name, with the whole folded name beside it so
	   that matching a name reads this index only, not the people */
	"CREATE TABLE name_token ("
	"  token TEXT NOT NULL,"
	"  person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	"  name_key TEXT NOT NULL,"
	"  PRIMARY KEY (token, person_id)"
	") WITHOUT ROWID;"
	"CREATE INDEX name_token_person ON name_token(person_id);"
	"CREATE TABLE person_email ("
	"  person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	"  email TEXT NOT NULL, email_key TEXT NOT NULL, label TEXT,"
	"  PRIMARY KEY (person_id, email_key)"
	") WITHOUT ROWID;"
	"CREATE INDEX person_email_key ON person_email(email_key);"
	"CREATE TABLE person_phone ("
	"  person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	"  phone TEXT NOT NULL, phone_key TEXT NOT NULL, label TEXT,"
	"  PRIMARY KEY (person_id, phone_key)"
	") WITHOUT ROWID;"
	"CREATE INDEX person_phone_key ON person_phone(phone_key);"
	"CREATE TABLE person_link ("
	"  person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	"  url TEXT NOT NULL, label TEXT,"
	"  PRIMARY KEY (person_id, url)"
	") WITHOUT ROWID;"
	"CREATE INDEX person_link_url ON person_link(url);"
	"CREATE TABLE person_tag ("
	"  person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	"  tag TEXT NOT NULL,"
	"  PRIMARY KEY (person_id, tag)"
	") WITHOUT ROWID;"
	"CREATE INDEX person_tag_tag ON person_tag(tag, person_id);"
	"CREATE TABLE person_goal ("
	"  person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	"  goal TEXT NOT NULL,"
	"  PRIMARY KEY (person_id, goal)"
	") WITHOUT ROWID;"
	"CREATE TABLE person_date ("
	"  person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	"  label TEXT NOT NULL, date TEXT NOT NULL, md INTEGER NOT NULL,"
	"  PRIMARY KEY (person_id, label)"
	") WITHOUT ROWID;"
	"CREATE INDEX person_date_md ON person_date(md);"
	"CREATE TABLE interaction ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  date TEXT NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  note TEXT"
	");"
	"CREATE INDEX interaction_date ON interaction(date);"
	/* the date is the interaction's, repeated so a person's timeline and
	   last touch are read in key order without visiting interaction */
	"CREATE TABLE interaction_person ("
	"  person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	"  date TEXT NOT NULL,"
	"  interaction_id INTEGER NOT NULL REFERENCES interaction(id) ON DELETE CASCADE,"
	"  PRIMARY KEY (person_id, date, interaction_id)"
	") WITHOUT ROWID;"
	"CREATE INDEX interaction_person_i ON interaction_person(interaction_id);"
	"CREATE TABLE tag_cadence ("
	"  tag TEXT PRIMARY KEY,"
	"  every_days INTEGER NOT NULL, every_max INTEGER"
	") WITHOUT ROWID;"
	"CREATE TABLE setting ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL"
	") WITHOUT ROWID;"
	"CREATE VIRTUAL TABLE person_fts USING fts5("
	"  name, org, tags, notes,"
	"  tokenize = 'unicode61 remove_diacritics 2');"
	"CREATE VIRTUAL TABLE interaction_fts USING fts5("
	"  note, content = 'interaction', content_rowid = 'id',"
	"  tokenize = 'unicode61 remove_diacritics 2');"
	"CREATE TRIGGER interaction_ai AFTER INSERT ON interaction WHEN new.note IS NOT NULL BEGIN"
	"  INSERT INTO interaction_fts(rowid, note) VALUES (new.id, new.note);"
	"END;"
	"CREATE TRIGGER interaction_ad AFTER DELETE ON interaction WHEN old.note IS NOT NULL BEGIN"
	"  INSERT INTO interaction_fts(interaction_fts, rowid, note) VALUES ('delete', old.id, old.note);"
	"END;"
	"CREATE TRIGGER interaction_au AFTER UPDATE OF note ON interaction BEGIN"
	"  INSERT INTO interaction_fts(interaction_fts, rowid, note)"
	"    SELECT 'delete', old.id, old.note WHERE old.note IS NOT NULL;"
	"  INSERT INTO interaction_fts(rowid, note)"
	"    SELECT new.id, new.note WHERE new.note IS NOT NULL;"
	"END;",

	/* 2: the soft-networking practices: resources and shares, milestones,
	   who knows whom and introductions, communities and their events,
	   mentors and agendas, the personal brand, hard-networking goals, and
	   what was done or skipped in a day's plan */
	"ALTER TABLE person ADD COLUMN role TEXT CHECK (role IN ('mentor', 'mentee'));"
	"CREATE TABLE resource ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  url TEXT NOT NULL UNIQUE,"
	"  title TEXT,"
	"  kind TEXT NOT NULL DEFAULT 'article'"
	"    CHECK (kind IN ('article', 'podcast', 'video', 'event', 'opportunity', 'other')),"
	"  until TEXT,"
	"  created TEXT NOT NULL"
	");"
	"CREATE TABLE resource_tag ("
	"  resource_id INTEGER NOT NULL REFERENCES resource(id) ON DELETE CASCADE,"
	"  tag TEXT NOT NULL,"
	"  PRIMARY KEY (resource_id, tag)"
	") WITHOUT ROWID;"
	"CREATE INDEX resource_tag_tag ON resource_tag(tag, resource_id);"
	"CREATE TABLE share ("
	"  resource_id INTEGER NOT NULL REFERENCES resource(id) ON DELETE CASCADE,"
	"  person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	"  date TEXT NOT NULL,"
	"  interaction_id INTEGER REFERENCES interaction(id) ON DELETE SET NULL,"
	"  PRIMARY KEY (resource_id, person_id)"
	") WITHOUT ROWID;"
	"CREATE INDEX share_person ON share(person_id, resource_id);"
	"CREATE TABLE milestone ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	"  date TEXT NOT NULL,"
	"  text TEXT NOT NULL,"
	"  celebrated_on TEXT"
	");"
	"CREATE INDEX milestone_date ON milestone(date);"
	"CREATE INDEX milestone_person ON milestone(person_id);"
	"CREATE TABLE knows ("
	"  a INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	"  b INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	"  source TEXT NOT NULL CHECK (source IN ('stated', 'intro', 'interaction', 'org', 'import')),"
	"  since TEXT NOT NULL,"
	"  CHECK (a < b),"
	"  PRIMARY KEY (a, b)"
	") WITHOUT ROWID;"
	"CREATE INDEX knows_b ON knows(b, a);"
	"CREATE TABLE intro ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  a INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	"  b INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	"  why TEXT,"
	"  state TEXT NOT NULL DEFAULT 'proposed'"
	"    CHECK (state IN ('proposed', 'asked', 'accepted', 'made', 'declined')),"
	"  created TEXT NOT NULL,"
	"  updated TEXT NOT NULL,"
	"  asked_on TEXT, accepted_on TEXT, made_on TEXT, declined_on TEXT,"
	"  outcome TEXT,"
	"  CHECK (a != b)"
	");"
	"CREATE INDEX intro_a ON intro(a);"
	"CREATE INDEX intro_b ON intro(b);"
	"CREATE TABLE org ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  name TEXT NOT NULL,"
	"  name_key TEXT NOT NULL UNIQUE,"
	"  kind TEXT NOT NULL DEFAULT 'professional'"
	"    CHECK (kind IN ('employer', 'professional', 'alumni', 'meetup', 'online')),"
	"  every_days INTEGER,"
	"  created TEXT NOT NULL"
	");"
	"CREATE TABLE org_member ("
	"  org_id INTEGER NOT NULL REFERENCES org(id) ON DELETE CASCADE,"
	"  person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	"  since TEXT NOT NULL,"
	"  PRIMARY KEY (org_id, person_id)"
	") WITHOUT ROWID;"
	"CREATE INDEX org_member_person ON org_member(person_id, org_id);"
	"ALTER TABLE interaction ADD COLUMN org_id INTEGER REFERENCES org(id) ON DELETE SET NULL;"
	"CREATE INDEX interaction_org ON interaction(org_id, date) WHERE org_id IS NOT NULL;"
	"CREATE TABLE agenda ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	"  text TEXT NOT NULL,"
	"  created TEXT NOT NULL,"
	"  done_on TEXT"
	");"
	"CREATE INDEX agenda_person ON agenda(person_id, done_on);"
	"CREATE TABLE post ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  title TEXT NOT NULL,"
	"  url TEXT,"
	"  date TEXT NOT NULL,"
	"  channel TEXT"
	");"
	"CREATE INDEX post_date ON post(date);"
	"CREATE TABLE post_tag ("
	"  post_id INTEGER NOT NULL REFERENCES post(id) ON DELETE CASCADE,"
	"  tag TEXT NOT NULL,"
	"  PRIMARY KEY (post_id, tag)"
	") WITHOUT ROWID;"
	"CREATE TABLE goal ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  text TEXT NOT NULL,"
	"  by TEXT NOT NULL,"
	"  org TEXT,"
	"  created TEXT NOT NULL,"
	"  done_on TEXT"
	");"
	"CREATE TABLE goal_target ("
	"  goal_id INTEGER NOT NULL REFERENCES goal(id) ON DELETE CASCADE,"
	"  person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	"  state TEXT NOT NULL DEFAULT 'identified'"
	"    CHECK (state IN ('identified', 'contacted', 'replied', 'met', 'referred', 'no')),"
	"  updated TEXT NOT NULL,"
	"  PRIMARY KEY (goal_id, person_id)"
	") WITHOUT ROWID;"
	"CREATE INDEX goal_target_person ON goal_target(person_id);"
	"CREATE TABLE plan_mark ("
	"  action_key TEXT NOT NULL,"
	"  date TEXT NOT NULL,"
	"  state TEXT NOT NULL CHECK (state IN ('done', 'skipped')),"
	"  PRIMARY KEY (action_key, date)"
	") WITHOUT ROWID;",

	/* 3: what the calendar feed last said of each event, so an event that
	   changes gets a higher SEQUENCE (RFC 5545) and calendars update it */
	"CREATE TABLE ics_event ("
	"  uid TEXT PRIMARY KEY,"
	"  hash TEXT NOT NULL,"
	"  sequence INTEGER NOT NULL DEFAULT 0,"
	"  modified TEXT NOT NULL"
	") WITHOUT ROWID;",

	/* 4: two-way sync with vdirs (kith sync DIR) and calendar import.
	   sync_card is what the last sync saw of each card of a folder: the
	   file's bytes (file_hash) and the person as kith wrote them
	   (kith_hash), so the next sync tells a change on either side from no
	   change; person_id turns NULL when the person is removed in kith.
	   ics_import is each calendar event occurrence (UID, day) imported,
	   so a re-import skips it (and an interaction removed with unlog is
	   not brought back). */
	"CREATE TABLE sync_card ("
	"  dir TEXT NOT NULL,"
	"  href TEXT NOT NULL,"
	"  uid TEXT NOT NULL,"
	"  person_id INTEGER REFERENCES person(id) ON DELETE SET NULL,"
	"  file_hash TEXT NOT NULL,"
	"  kith_hash TEXT NOT NULL,"
	"  synced TEXT NOT NULL,"
	"  PRIMARY KEY (dir, href)"
	") WITHOUT ROWID;"
	"CREATE INDEX sync_card_person ON sync_card(person_id) WHERE person_id IS NOT NULL;"
	"CREATE TABLE ics_import ("
	"  uid TEXT NOT NULL,"
	"  date TEXT NOT NULL,"
	"  interaction_id INTEGER REFERENCES interaction(id) ON DELETE SET NULL,"
	"  PRIMARY KEY (uid, date)"
	") WITHOUT ROWID;"
	"CREATE INDEX ics_import_interaction ON ics_import(interaction_id) WHERE interaction_id IS NOT NULL;",

	/* 5: person_fts indexes person_search, a view of the fields it
	   searches, instead of keeping a copy of them (14% of a database of
	   people). The view is the one definition of a person's search text:
	   organization, title and location; tags then goals; notes, how we
	   met, then emails, each list in key order, joined by spaces. FTS5
	   reads the view to remove a person's terms, so the library removes
	   them before it changes those fields (lib/person.c). */
	"DROP TABLE person_fts;"
	"CREATE VIEW person_search(id, name, org, tags, notes) AS SELECT p.id, p.name,"
	"  (SELECT group_concat(v, ' ') FROM"
	"    (SELECT p.org AS v UNION ALL SELECT p.title UNION ALL SELECT p.location)),"
	"  (SELECT group_concat(v, ' ') FROM"
	"    (SELECT tag AS v FROM person_tag WHERE person_id = p.id"
	"     UNION ALL SELECT goal FROM person_goal WHERE person_id = p.id)),"
	"  (SELECT group_concat(v, ' ') FROM"
	"    (SELECT p.notes AS v UNION ALL SELECT p.met"
	"     UNION ALL SELECT email FROM person_email WHERE person_id = p.id))"
	"  FROM person p;"
	"CREATE VIRTUAL TABLE person_fts USING fts5("
	"  name, org, tags, notes, content = 'person_search', content_rowid = 'id',"
	"  tokenize = 'unicode61 remove_diacritics 2');"
	"INSERT INTO person_fts(person_fts) VALUES ('rebuild');",

	/* 6: each LinkedIn message and invitation message imported, by a
	   key of its own: a hash of who sent it to whom, as the file names
	   them, and of its text, with its day. A re-import skips it, and one
	   removed with unlog is not brought back (as ics_import does for
	   calendar events). */
	"CREATE TABLE message_import ("
	"  key TEXT NOT NULL,"
	"  date TEXT NOT NULL,"
	"  interaction_id INTEGER REFERENCES interaction(id) ON DELETE SET NULL,"
	"  PRIMARY KEY (key, date)"
	") WITHOUT ROWID;"
	"CREATE INDEX message_import_interaction ON message_import(interaction_id)"
	"  WHERE interaction_id IS NOT NULL;",
};

/* How long a statement waits for another connection's write to end. */
#define BUSY_MS 5000

#define N_MIGRATIONS ((int)(sizeof(migrations) / sizeof(migrations[0])))

void kith_process_init(void)
{
	/* SQLITE_MISUSE once SQLite is initialized: then it stays as it is */
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int kith_schema_version(void)
{
	return N_MIGRATIONS;
}

int kith_rc_exit(enum kith_rc rc)
{
	switch (rc) {
	case KITH_OK:
		return 0;
	case KITH_EINPUT:
	case KITH_ENOTFOUND:
	case KITH_EAMBIG:
		return 2;
	case KITH_ERR:
	default:
		return 1;
	}
}

const char *kith_errmsg(const struct kith *k)
{
	return k ? k->errmsg : "";
}

enum kith_rc kith_fail(struct kith *k, enum kith_rc rc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(k->errmsg, sizeof(k->errmsg), fmt, ap);
	va_end(ap);
	/* a message is one line, whatever a file's text it quotes holds */
	for (char *p = k->errmsg; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	return rc;
}

enum kith_rc kith_fail_db(struct kith *k, const char *what)
{
	const char *msg = sqlite3_errmsg(k->db);
	int code = sqlite3_errcode(k->db);
	if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		return kith_fail(k, KITH_ERR, "%s: the database is busy (another kith is writing to '%s'); try again",
				 what, k->path);
	return kith_fail(k, KITH_ERR, "%s: %s", what, msg);
}

kith_day kith_get_today(const struct kith *k)
{
	return k->today;
}

sqlite3 *kith_db(struct kith *k)
{
	return k->db;
}

const char *kith_path(const struct kith *k)
{
	return k->path;
}

sqlite3_stmt *kith_prepare(struct kith *k, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(k->db, sql, -1, &st, NULL) != SQLITE_OK) {
		kith_fail_db(k, "cannot prepare statement");
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

int kith_exec(struct kith *k, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(k->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		if (sqlite3_errcode(k->db) == SQLITE_BUSY)
			kith_fail_db(k, "database error");
		else
			kith_fail(k, KITH_ERR, "database error: %s", msg ? msg : "unknown");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

enum kith_rc kith_exec_id(struct kith *k, const char *sql, int64_t id, const char *what, int *changes)
{
	sqlite3_stmt *st = kith_prepare(k, sql);
	enum kith_rc rc = KITH_OK;
	if (!st)
		return KITH_ERR;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = kith_fail_db(k, what);
	else if (changes)
		*changes = sqlite3_changes(k->db);
	sqlite3_finalize(st);
	return rc;
}

enum kith_rc kith_exists(struct kith *k, const char *sql, int64_t id, const char *what, const char *hint)
{
	sqlite3_stmt *st = kith_prepare(k, sql);
	int r;
	if (!st)
		return KITH_ERR;
	sqlite3_bind_int64(st, 1, id);
	r = sqlite3_step(st);
	sqlite3_finalize(st);
	if (r == SQLITE_ROW)
		return KITH_OK;
	if (r != SQLITE_DONE)
		return kith_fail(k, KITH_ERR, "cannot read %s #%lld: %s", what, (long long)id, sqlite3_errmsg(k->db));
	return kith_fail(k, KITH_ENOTFOUND, "no %s #%lld%s", what, (long long)id, hint ? hint : "");
}

int kith_cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

int kith_bind_text(sqlite3_stmt *st, int idx, const char *s, int empty_null)
{
	if (!s || (empty_null && !*s))
		return sqlite3_bind_null(st, idx);
	return sqlite3_bind_text(st, idx, s, -1, SQLITE_TRANSIENT);
}

int kith_bind_day(sqlite3_stmt *st, int idx, kith_day d)
{
	char buf[KITH_DATE_BUFSZ];
	if (d == KITH_NO_DAY)
		return sqlite3_bind_null(st, idx);
	return sqlite3_bind_text(st, idx, kith_day_format(d, buf), -1, SQLITE_TRANSIENT);
}

kith_day kith_column_day(sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);
	kith_day d;
	if (!s || kith_day_parse_iso(s, &d) < 0)
		return KITH_NO_DAY;
	return d;
}

char *kith_column_strdup(sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);
	return s ? xstrdup(s) : NULL;
}

enum kith_rc kith_sp_begin(struct kith *k)
{
	if (kith_exec(k, "SAVEPOINT kith_call") < 0)
		return KITH_ERR;
	return KITH_OK;
}

enum kith_rc kith_sp_end(struct kith *k, enum kith_rc rc)
{
	if (rc == KITH_OK) {
		if (kith_exec(k, "RELEASE kith_call") < 0) {
			sqlite3_exec(k->db, "ROLLBACK TO kith_call; RELEASE kith_call", NULL, NULL, NULL);
			return KITH_ERR;
		}
		return KITH_OK;
	}
	/* keep the message of the failure, not of the rollback */
	sqlite3_exec(k->db, "ROLLBACK TO kith_call; RELEASE kith_call", NULL, NULL, NULL);
	return rc;
}

/*
 * Set the journal mode; 1 if the database is now in it. Without waiting:
 * a mode change needs the database to itself, and another connection
 * holding it is no reason to wait.
 */
static int journal_mode(struct kith *k, const char *mode)
{
	char sql[48];
	sqlite3_stmt *st;
	int ok = 0;

	snprintf(sql, sizeof(sql), "PRAGMA journal_mode = %s", mode);
	sqlite3_busy_timeout(k->db, 0);
	if (sqlite3_prepare_v2(k->db, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW) {
			const char *now = (const char *)sqlite3_column_text(st, 0);
			ok = now && !strcasecmp(now, mode);
		}
		sqlite3_finalize(st);
	}
	sqlite3_busy_timeout(k->db, BUSY_MS);
	return ok;
}

/*
 * Before kith_begin_import's transaction: a rollback journal when the
 * network has no people (see kith.h). A rollback journal is safe against
 * a power cut only with synchronous=FULL; the journal itself holds the
 * few pages of an empty network, so the extra syncs cost nothing.
 */
static void journal_for_import(struct kith *k)
{
	sqlite3_stmt *st = NULL;
	int empty = 0;

	if (sqlite3_prepare_v2(k->db, "SELECT NOT EXISTS (SELECT 1 FROM person)", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		empty = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (!empty || !journal_mode(k, "DELETE"))
		return;
	k->rollback_journal = 1;
	sqlite3_exec(k->db, "PRAGMA synchronous = FULL", NULL, NULL, NULL);
}

/*
 * After kith_begin_import's transaction: foreign key enforcement back on,
 * and the write-ahead log back. Should another connection have opened the
 * database meanwhile, that one's kith_open asked for WAL already or will
 * at the next open.
 */
static void import_done(struct kith *k)
{
	if (!sqlite3_get_autocommit(k->db))
		return;
	if (k->fk_off) {
		sqlite3_exec(k->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
		k->fk_off = 0;
	}
	if (k->rollback_journal) {
		(void)journal_mode(k, "WAL");
		sqlite3_exec(k->db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
		k->rollback_journal = 0;
	}
}

enum kith_rc kith_begin(struct kith *k)
{
	if (kith_exec(k, "BEGIN IMMEDIATE") < 0)
		return KITH_ERR;
	k->in_txn = 1;
	return KITH_OK;
}

enum kith_rc kith_begin_import(struct kith *k)
{
	/* a no-op inside a transaction: off first, then begin */
	if (kith_exec(k, "PRAGMA foreign_keys = OFF") < 0)
		return KITH_ERR;
	k->fk_off = 1;
	journal_for_import(k);
	if (kith_begin(k) != KITH_OK) {
		import_done(k);
		return KITH_ERR;
	}
	return KITH_OK;
}

enum kith_rc kith_commit(struct kith *k)
{
	if (kith_exec(k, "COMMIT") < 0) {
		kith_rollback(k);
		return KITH_ERR;
	}
	k->in_txn = 0;
	import_done(k);
	return KITH_OK;
}

void kith_rollback(struct kith *k)
{
	if (sqlite3_get_autocommit(k->db) == 0)
		sqlite3_exec(k->db, "ROLLBACK", NULL, NULL, NULL);
	k->in_txn = 0;
	import_done(k);
}

char *kith_default_db_path(void)
{
	const char *env = getenv("KITH_DB");
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	char buf[4096];

	if (env && *env)
		return xstrdup(env);
	if (xdg && *xdg == '/')
		snprintf(buf, sizeof(buf), "%s/kith/kith.db", xdg);
	else if (home && *home)
		snprintf(buf, sizeof(buf), "%s/.local/share/kith/kith.db", home);
	else
		return NULL;
	return xstrdup(buf);
}

/* mkdir -p for the folder that holds path. 0 or -1 (errno set). */
static int make_parent_dirs(const char *path)
{
	char buf[4096];
	size_t len = strlen(path);
	char *p;

	if (len >= sizeof(buf)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(buf, path, len + 1);
	p = strrchr(buf, '/');
	if (!p || p == buf)
		return 0;
	*p = '\0';
	for (p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0700) < 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	if (mkdir(buf, 0700) < 0 && errno != EEXIST)
		return -1;
	return 0;
}

static int user_version(struct kith *k)
{
	sqlite3_stmt *st = kith_prepare(k, "PRAGMA user_version");
	int v = -1;
	if (!st)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

static enum kith_rc migrate(struct kith *k)
{
	int v = user_version(k);
	char sql[64];

	if (v < 0)
		return kith_fail_db(k, "cannot read the schema version");
	if (v > N_MIGRATIONS)
		return kith_fail(k, KITH_ERR,
				 "'%s' has schema version %d, newer than this kith understands (%d); upgrade kith",
				 k->path, v, N_MIGRATIONS);
	if (v == N_MIGRATIONS)
		return KITH_OK;

	if (kith_exec(k, "BEGIN IMMEDIATE") < 0)
		return KITH_ERR;
	/* re-read under the write lock: another process may have migrated */
	v = user_version(k);
	for (; v >= 0 && v < N_MIGRATIONS; v++) {
		if (kith_exec(k, migrations[v]) < 0)
			goto fail;
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", v + 1);
		if (kith_exec(k, sql) < 0)
			goto fail;
	}
	if (kith_exec(k, "COMMIT") < 0)
		goto fail;
	return KITH_OK;
fail:
	sqlite3_exec(k->db, "ROLLBACK", NULL, NULL, NULL);
	return KITH_ERR;
}

enum kith_rc kith_open(const char *path, kith_day today, struct kith **out,
		       char *err, size_t errlen)
{
	struct kith *k = xcalloc(1, sizeof(*k));
	enum kith_rc rc = KITH_ERR;
	struct stat sb;
	int exists;

	*out = NULL;
	k->today = today;
	k->path = xstrdup(path);

	exists = stat(path, &sb) == 0;
	if (exists && S_ISDIR(sb.st_mode)) {
		kith_fail(k, KITH_ERR, "'%s' is a directory, not a kith database", path);
		goto done;
	}
	if (!exists && make_parent_dirs(path) < 0) {
		kith_fail(k, KITH_ERR, "cannot create the folder for '%s': %s", path, strerror(errno));
		goto done;
	}
	/* one connection per thread (the web app opens one per worker): no mutexes */
	if (sqlite3_open_v2(path, &k->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		kith_fail(k, KITH_ERR, "cannot open '%s': %s", path,
			  k->db ? sqlite3_errmsg(k->db) : "out of memory");
		goto done;
	}
	sqlite3_busy_timeout(k->db, BUSY_MS);
	sqlite3_extended_result_codes(k->db, 0);
	/*
	 * WAL: readers never block the writer and a killed process leaves the
	 * database as it was before or after its transaction. synchronous=NORMAL
	 * is safe with WAL against crashes; a power cut may lose only the last
	 * committed transactions, never corrupt the file.
	 */
	/*
	 * Pages are read with read(), not through a memory map: a map made
	 * `kith today` 1 ms faster at 100,000 people, but the kernel maps a
	 * fault's cached neighbours too (64 KiB), so the process's resident
	 * memory followed the page cache: 16 MB after a cold start, 88 MB
	 * once the file had been read through (a backup, a copy), and a
	 * long-running `kith serve` would grow towards the file's size.
	 * Read, it is 5 MB whatever the cache holds.
	 */
	if (kith_exec(k, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;") < 0)
		goto done;
	{
		sqlite3_stmt *st = kith_prepare(k, "PRAGMA journal_mode = WAL");
		const char *mode = NULL;
		if (!st)
			goto done;
		if (sqlite3_step(st) == SQLITE_ROW)
			mode = (const char *)sqlite3_column_text(st, 0);
		else if (sqlite3_errcode(k->db) == SQLITE_BUSY)
			/*
			 * Another kith is importing into an empty network with a
			 * rollback journal (kith_begin_import). Go on in that
			 * mode: reads see the network as it was, a write waits
			 * for the import like any other, and the next open
			 * finds WAL again.
			 */
			mode = "delete";
		if (!mode) {
			kith_fail(k, KITH_ERR, "'%s' is not a kith database (%s)", path, sqlite3_errmsg(k->db));
			sqlite3_finalize(st);
			goto done;
		}
		sqlite3_finalize(st);
	}
	rc = migrate(k);
	if (rc != KITH_OK && sqlite3_errcode(k->db) == SQLITE_NOTADB)
		kith_fail(k, KITH_ERR, "'%s' is not a kith database", path);
done:
	if (rc != KITH_OK) {
		if (err)
			snprintf(err, errlen, "%s", k->errmsg);
		kith_close(k);
		return rc;
	}
	*out = k;
	return KITH_OK;
}

void kith_close(struct kith *k)
{
	if (!k)
		return;
	if (k->db)
		sqlite3_close_v2(k->db);
	free(k->path);
	free(k);
}
