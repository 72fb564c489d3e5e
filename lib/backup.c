/*
 * Backups: the whole database as one JSON document and back, and a binary
 * copy through SQLite's online backup API.
 *
 * One table of tables drives both directions: each entry names its JSON
 * key, its SQL table, its primary-key order and its stored (not derived)
 * columns with their types, so that a column added to the schema is one
 * line here and export and import can never disagree about it.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kith/backup.h"
#include "kith/cadence.h"
#include "kith/json.h"
#include "kith/person.h"
#include "kith/strbuf.h"
#include "util/fold.h"
#include "util/xalloc.h"
#include "banned.h"

/* the longest string a backup may hold in one field */
#define MAX_TEXT ((size_t)1 << 20)

enum col_type {
	T_INT,  /* integer */
	T_TEXT, /* any text */
	T_DATE, /* YYYY-MM-DD */
	T_BDAY, /* a birthday form ("YYYY-MM-DD" or "--MM-DD"); derives md */
	T_NAME, /* text that derives name_key (folded) */
};

struct col {
	const char *name;
	enum col_type type;
	int nullable;
	int since; /* schema version that added the column */
};

struct table {
	const char *key;     /* JSON array name */
	const char *sql;     /* table name */
	const char *order;   /* primary key, the export order */
	const char *derived; /* columns computed on import, after the stored ones */
	int since;
	const struct col *cols;
};

#define END { NULL, T_INT, 0, 0 }

static const struct col person_cols[] = {
	{ "id", T_INT, 0, 1 }, { "uid", T_TEXT, 0, 1 }, { "name", T_NAME, 0, 1 },
	{ "org", T_TEXT, 1, 1 }, { "title", T_TEXT, 1, 1 }, { "location", T_TEXT, 1, 1 },
	{ "met", T_TEXT, 1, 1 }, { "introduced_by", T_INT, 1, 1 }, { "circle", T_INT, 0, 1 },
	{ "every_days", T_INT, 1, 1 }, { "every_max", T_INT, 1, 1 }, { "birthday", T_BDAY, 1, 1 },
	{ "notes", T_TEXT, 1, 1 }, { "created", T_DATE, 0, 1 }, { "snoozed_until", T_DATE, 1, 1 },
	{ "role", T_TEXT, 1, 2 }, END,
};
static const struct col email_cols[] = {
	{ "person_id", T_INT, 0, 1 }, { "email", T_TEXT, 0, 1 }, { "email_key", T_TEXT, 0, 1 },
	{ "label", T_TEXT, 1, 1 }, END,
};
static const struct col phone_cols[] = {
	{ "person_id", T_INT, 0, 1 }, { "phone", T_TEXT, 0, 1 }, { "phone_key", T_TEXT, 0, 1 },
	{ "label", T_TEXT, 1, 1 }, END,
};
static const struct col link_cols[] = {
	{ "person_id", T_INT, 0, 1 }, { "url", T_TEXT, 0, 1 }, { "label", T_TEXT, 1, 1 }, END,
};
static const struct col ptag_cols[] = {
	{ "person_id", T_INT, 0, 1 }, { "tag", T_TEXT, 0, 1 }, END,
};
static const struct col pgoal_cols[] = {
	{ "person_id", T_INT, 0, 1 }, { "goal", T_TEXT, 0, 1 }, END,
};
static const struct col pdate_cols[] = {
	{ "person_id", T_INT, 0, 1 }, { "label", T_TEXT, 0, 1 }, { "date", T_BDAY, 0, 1 }, END,
};
static const struct col org_cols[] = {
	{ "id", T_INT, 0, 2 }, { "name", T_NAME, 0, 2 }, { "kind", T_TEXT, 0, 2 },
	{ "every_days", T_INT, 1, 2 }, { "created", T_DATE, 0, 2 }, END,
};
static const struct col interaction_cols[] = {
	{ "id", T_INT, 0, 1 }, { "date", T_DATE, 0, 1 }, { "kind", T_TEXT, 0, 1 },
	{ "note", T_TEXT, 1, 1 }, { "org_id", T_INT, 1, 2 }, END,
};
static const struct col iperson_cols[] = {
	{ "person_id", T_INT, 0, 1 }, { "date", T_DATE, 0, 1 }, { "interaction_id", T_INT, 0, 1 }, END,
};
static const struct col tcad_cols[] = {
	{ "tag", T_TEXT, 0, 1 }, { "every_days", T_INT, 0, 1 }, { "every_max", T_INT, 1, 1 }, END,
};
static const struct col setting_cols[] = {
	{ "key", T_TEXT, 0, 1 }, { "value", T_TEXT, 0, 1 }, END,
};
static const struct col resource_cols[] = {
	{ "id", T_INT, 0, 2 }, { "url", T_TEXT, 0, 2 }, { "title", T_TEXT, 1, 2 },
	{ "kind", T_TEXT, 0, 2 }, { "until", T_DATE, 1, 2 }, { "created", T_DATE, 0, 2 }, END,
};
static const struct col rtag_cols[] = {
	{ "resource_id", T_INT, 0, 2 }, { "tag", T_TEXT, 0, 2 }, END,
};
static const struct col share_cols[] = {
	{ "resource_id", T_INT, 0, 2 }, { "person_id", T_INT, 0, 2 }, { "date", T_DATE, 0, 2 },
	{ "interaction_id", T_INT, 1, 2 }, END,
};
static const struct col milestone_cols[] = {
	{ "id", T_INT, 0, 2 }, { "person_id", T_INT, 0, 2 }, { "date", T_DATE, 0, 2 },
	{ "text", T_TEXT, 0, 2 }, { "celebrated_on", T_DATE, 1, 2 }, END,
};
static const struct col knows_cols[] = {
	{ "a", T_INT, 0, 2 }, { "b", T_INT, 0, 2 }, { "source", T_TEXT, 0, 2 },
	{ "since", T_DATE, 0, 2 }, END,
};
static const struct col intro_cols[] = {
	{ "id", T_INT, 0, 2 }, { "a", T_INT, 0, 2 }, { "b", T_INT, 0, 2 }, { "why", T_TEXT, 1, 2 },
	{ "state", T_TEXT, 0, 2 }, { "created", T_DATE, 0, 2 }, { "updated", T_DATE, 0, 2 },
	{ "asked_on", T_DATE, 1, 2 }, { "accepted_on", T_DATE, 1, 2 }, { "made_on", T_DATE, 1, 2 },
	{ "declined_on", T_DATE, 1, 2 }, { "outcome", T_TEXT, 1, 2 }, END,
};
static const struct col omember_cols[] = {
	{ "org_id", T_INT, 0, 2 }, { "person_id", T_INT, 0, 2 }, { "since", T_DATE, 0, 2 }, END,
};
static const struct col agenda_cols[] = {
	{ "id", T_INT, 0, 2 }, { "person_id", T_INT, 0, 2 }, { "text", T_TEXT, 0, 2 },
	{ "created", T_DATE, 0, 2 }, { "done_on", T_DATE, 1, 2 }, END,
};
static const struct col post_cols[] = {
	{ "id", T_INT, 0, 2 }, { "title", T_TEXT, 0, 2 }, { "url", T_TEXT, 1, 2 },
	{ "date", T_DATE, 0, 2 }, { "channel", T_TEXT, 1, 2 }, END,
};
static const struct col posttag_cols[] = {
	{ "post_id", T_INT, 0, 2 }, { "tag", T_TEXT, 0, 2 }, END,
};
static const struct col goal_cols[] = {
	{ "id", T_INT, 0, 2 }, { "text", T_TEXT, 0, 2 }, { "by", T_DATE, 0, 2 },
	{ "org", T_TEXT, 1, 2 }, { "created", T_DATE, 0, 2 }, { "done_on", T_DATE, 1, 2 }, END,
};
static const struct col gtarget_cols[] = {
	{ "goal_id", T_INT, 0, 2 }, { "person_id", T_INT, 0, 2 }, { "state", T_TEXT, 0, 2 },
	{ "updated", T_DATE, 0, 2 }, END,
};
static const struct col mark_cols[] = {
	{ "action_key", T_TEXT, 0, 2 }, { "date", T_DATE, 0, 2 }, { "state", T_TEXT, 0, 2 }, END,
};

static const struct col ics_cols[] = {
	{ "uid", T_TEXT, 0, 3 }, { "hash", T_TEXT, 0, 3 }, { "sequence", T_INT, 0, 3 },
	{ "modified", T_TEXT, 0, 3 }, END,
};
static const struct col sync_cols[] = {
	{ "dir", T_TEXT, 0, 4 }, { "href", T_TEXT, 0, 4 }, { "uid", T_TEXT, 0, 4 },
	{ "person_id", T_INT, 1, 4 }, { "file_hash", T_TEXT, 0, 4 }, { "kith_hash", T_TEXT, 0, 4 },
	{ "synced", T_TEXT, 0, 4 }, END,
};
static const struct col icsimp_cols[] = {
	{ "uid", T_TEXT, 0, 4 }, { "date", T_DATE, 0, 4 }, { "interaction_id", T_INT, 1, 4 }, END,
};
static const struct col msgimp_cols[] = {
	{ "key", T_TEXT, 0, 6 }, { "date", T_DATE, 0, 6 }, { "interaction_id", T_INT, 1, 6 }, END,
};

/* parents before children, so that a reader can restore in this order */
static const struct table tables[] = {
	{ "people", "person", "id", "name_key, bday_md", 1, person_cols },
	{ "person_emails", "person_email", "person_id, email_key", NULL, 1, email_cols },
	{ "person_phones", "person_phone", "person_id, phone_key", NULL, 1, phone_cols },
	{ "person_links", "person_link", "person_id, url", NULL, 1, link_cols },
	{ "person_tags", "person_tag", "person_id, tag", NULL, 1, ptag_cols },
	{ "person_goals", "person_goal", "person_id, goal", NULL, 1, pgoal_cols },
	{ "person_dates", "person_date", "person_id, label", "md", 1, pdate_cols },
	{ "orgs", "org", "id", "name_key", 2, org_cols },
	{ "interactions", "interaction", "id", NULL, 1, interaction_cols },
	{ "interaction_people", "interaction_person", "person_id, date, interaction_id", NULL, 1, iperson_cols },
	{ "tag_cadences", "tag_cadence", "tag", NULL, 1, tcad_cols },
	{ "settings", "setting", "key", NULL, 1, setting_cols },
	{ "resources", "resource", "id", NULL, 2, resource_cols },
	{ "resource_tags", "resource_tag", "resource_id, tag", NULL, 2, rtag_cols },
	{ "shares", "share", "resource_id, person_id", NULL, 2, share_cols },
	{ "milestones", "milestone", "id", NULL, 2, milestone_cols },
	{ "knows", "knows", "a, b", NULL, 2, knows_cols },
	{ "intros", "intro", "id", NULL, 2, intro_cols },
	{ "org_members", "org_member", "org_id, person_id", NULL, 2, omember_cols },
	{ "agenda", "agenda", "id", NULL, 2, agenda_cols },
	{ "posts", "post", "id", NULL, 2, post_cols },
	{ "post_tags", "post_tag", "post_id, tag", NULL, 2, posttag_cols },
	{ "goals", "goal", "id", NULL, 2, goal_cols },
	{ "goal_targets", "goal_target", "goal_id, person_id", NULL, 2, gtarget_cols },
	{ "plan_marks", "plan_mark", "action_key, date", NULL, 2, mark_cols },
	{ "ics_events", "ics_event", "uid", NULL, 3, ics_cols },
	{ "sync_cards", "sync_card", "dir, href", NULL, 4, sync_cols },
	{ "ics_imports", "ics_import", "uid, date", NULL, 4, icsimp_cols },
	{ "message_imports", "message_import", "key, date", NULL, 6, msgimp_cols },
};

#define N_TABLES ((int)(sizeof(tables) / sizeof(tables[0])))

/* "a, b, c" of a table's stored columns (up to schema version `schema`) */
static void col_list(struct strbuf *sb, const struct table *t, int schema)
{
	int first = 1;
	for (const struct col *c = t->cols; c->name; c++) {
		if (c->since > schema)
			continue;
		if (!first)
			strbuf_addstr(sb, ", ");
		/* quoted: "by" is a keyword */
		strbuf_addf(sb, "\"%s\"", c->name);
		first = 0;
	}
}

static enum kith_rc export_table(struct kith *k, struct kith_json *j, const struct table *t)
{
	struct strbuf sql = STRBUF_INIT;
	sqlite3_stmt *st;
	enum kith_rc rc = KITH_OK;
	int r;

	strbuf_addstr(&sql, "SELECT ");
	col_list(&sql, t, kith_schema_version());
	strbuf_addf(&sql, " FROM \"%s\" ORDER BY %s", t->sql, t->order);
	st = kith_prepare(k, sql.buf);
	strbuf_release(&sql);
	if (!st)
		return KITH_ERR;
	kith_json_key(j, t->key);
	kith_json_arr(j);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		int i = 0;
		kith_json_obj(j);
		for (const struct col *c = t->cols; c->name; c++, i++) {
			kith_json_key(j, c->name);
			switch (sqlite3_column_type(st, i)) {
			case SQLITE_NULL:
				kith_json_null(j);
				break;
			case SQLITE_INTEGER:
				kith_json_int(j, sqlite3_column_int64(st, i));
				break;
			default:
				kith_json_str(j, (const char *)sqlite3_column_text(st, i));
				break;
			}
		}
		kith_json_end(j);
	}
	if (r != SQLITE_DONE)
		rc = kith_fail_db(k, "cannot read the database");
	kith_json_end(j);
	sqlite3_finalize(st);
	return rc;
}

enum kith_rc kith_backup_export(struct kith *k, FILE *fp)
{
	struct kith_json j;
	enum kith_rc rc = KITH_OK;

	/* one read transaction: a consistent snapshot even while others write */
	if (!k->in_txn && sqlite3_get_autocommit(k->db) && kith_exec(k, "BEGIN") < 0)
		return KITH_ERR;
	kith_json_init(&j, fp);
	kith_json_obj(&j);
	kith_json_kint(&j, "kith_backup", KITH_BACKUP_FORMAT);
	kith_json_kint(&j, "schema", kith_schema_version());
	kith_json_kday(&j, "exported", k->today);
	for (int i = 0; i < N_TABLES && rc == KITH_OK; i++)
		rc = export_table(k, &j, &tables[i]);
	if (rc == KITH_OK) {
		kith_json_end(&j);
		kith_json_finish(&j);
		if (fflush(fp) != 0 || ferror(fp))
			rc = kith_fail(k, KITH_ERR, "cannot write the backup: %s", strerror(errno));
	}
	if (!k->in_txn && !sqlite3_get_autocommit(k->db))
		sqlite3_exec(k->db, "COMMIT", NULL, NULL, NULL);
	return rc;
}

enum kith_rc kith_backup_export_path(struct kith *k, const char *path)
{
	struct strbuf tmp = STRBUF_INIT;
	enum kith_rc rc;
	FILE *fp = NULL;
	int fd;

	strbuf_addf(&tmp, "%s.tmpXXXXXX", path);
	fd = mkstemp(tmp.buf);
	if (fd < 0) {
		rc = kith_fail(k, KITH_ERR, "cannot write '%s': %s", path, strerror(errno));
		goto cleanup;
	}
	fchmod(fd, 0600);
	fp = fdopen(fd, "w");
	if (!fp) {
		close(fd);
		unlink(tmp.buf);
		rc = kith_fail(k, KITH_ERR, "cannot write '%s': %s", path, strerror(errno));
		goto cleanup;
	}
	rc = kith_backup_export(k, fp);
	if (rc == KITH_OK && fsync(fileno(fp)) < 0)
		rc = kith_fail(k, KITH_ERR, "cannot write '%s': %s", path, strerror(errno));
	if (fclose(fp) != 0 && rc == KITH_OK)
		rc = kith_fail(k, KITH_ERR, "cannot write '%s': %s", path, strerror(errno));
	if (rc == KITH_OK && rename(tmp.buf, path) < 0)
		rc = kith_fail(k, KITH_ERR, "cannot write '%s': %s", path, strerror(errno));
	if (rc != KITH_OK)
		unlink(tmp.buf);
cleanup:
	strbuf_release(&tmp);
	return rc;
}

/* ---- import ---- */

static enum kith_rc bad(struct kith *k, const char *where, size_t idx, const char *field, const char *what)
{
	if (field)
		return kith_fail(k, KITH_EINPUT, "not a valid kith backup: %s[%zu].%s: %s", where, idx, field, what);
	return kith_fail(k, KITH_EINPUT, "not a valid kith backup: %s[%zu]: %s", where, idx, what);
}

/* Bind one value of row idx to parameter n; derive name_key/md into out. */
static enum kith_rc bind_value(struct kith *k, sqlite3_stmt *st, int n, const struct table *t, size_t idx,
			       const struct col *c, json_t *v, char **name_key, int *md)
{
	char buf[16];
	kith_day d;

	if (!v)
		return bad(k, t->key, idx, c->name, "is missing");
	if (json_is_null(v)) {
		if (!c->nullable)
			return bad(k, t->key, idx, c->name, "cannot be null");
		sqlite3_bind_null(st, n);
		return KITH_OK;
	}
	if (c->type == T_INT) {
		if (!json_is_integer(v))
			return bad(k, t->key, idx, c->name, "not an integer");
		/* cadences are days, as kith_duration_parse allows them */
		if ((!strcmp(c->name, "every_days") || !strcmp(c->name, "every_max")) &&
		    (json_integer_value(v) < 1 || json_integer_value(v) > 36500))
			return bad(k, t->key, idx, c->name, "not a number of days (1 to 36500)");
		sqlite3_bind_int64(st, n, (sqlite3_int64)json_integer_value(v));
		return KITH_OK;
	}
	if (!json_is_string(v))
		return bad(k, t->key, idx, c->name, "not a string");
	if (json_string_length(v) > MAX_TEXT)
		return bad(k, t->key, idx, c->name, "too long (1 MiB at most)");
	if (strlen(json_string_value(v)) != json_string_length(v))
		return bad(k, t->key, idx, c->name, "contains a NUL character");
	switch (c->type) {
	case T_DATE:
		if (kith_day_parse_iso(json_string_value(v), &d) < 0)
			return bad(k, t->key, idx, c->name, "not a date (YYYY-MM-DD)");
		break;
	case T_BDAY:
		if (kith_birthday_parse(json_string_value(v), buf, md) < 0 ||
		    strcmp(buf, json_string_value(v)))
			return bad(k, t->key, idx, c->name, "not a date (YYYY-MM-DD or --MM-DD)");
		break;
	case T_NAME:
		free(*name_key);
		*name_key = kith_fold_dup(json_string_value(v));
		break;
	default:
		break;
	}
	sqlite3_bind_text(st, n, json_string_value(v), (int)json_string_length(v), SQLITE_TRANSIENT);
	return KITH_OK;
}

static enum kith_rc import_table(struct kith *k, const struct table *t, json_t *arr, int schema, int64_t *rows)
{
	struct strbuf sql = STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	enum kith_rc rc = KITH_OK;
	int ncols = 0, has_name = 0, has_bday = 0;
	size_t idx;
	json_t *row;

	if (!json_is_array(arr))
		return kith_fail(k, KITH_EINPUT, "not a valid kith backup: \"%s\" is not a list", t->key);
	for (const struct col *c = t->cols; c->name; c++) {
		if (c->since > schema)
			continue;
		ncols++;
		has_name |= c->type == T_NAME;
		has_bday |= c->type == T_BDAY;
	}
	/* settings: a new database may already hold defaults */
	strbuf_addf(&sql, "INSERT%s INTO \"%s\"(", strcmp(t->sql, "setting") ? "" : " OR REPLACE", t->sql);
	col_list(&sql, t, schema);
	if (t->derived)
		strbuf_addf(&sql, ", %s", t->derived);
	strbuf_addstr(&sql, ") VALUES (");
	for (int i = 0; i < ncols + has_name + has_bday; i++)
		strbuf_addf(&sql, "%s?%d", i ? ", " : "", i + 1);
	strbuf_addch(&sql, ')');
	st = kith_prepare(k, sql.buf);
	if (!st) {
		rc = KITH_ERR;
		goto cleanup;
	}
	json_array_foreach(arr, idx, row) {
		char *name_key = NULL;
		int md = 0, n = 0;
		size_t known = 0;

		if (!json_is_object(row)) {
			rc = bad(k, t->key, idx, NULL, "not an object");
			break;
		}
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		for (const struct col *c = t->cols; c->name && rc == KITH_OK; c++) {
			json_t *v;
			if (c->since > schema)
				continue;
			v = json_object_get(row, c->name);
			if (!v) {
				rc = kith_fail(k, KITH_EINPUT, "not a valid kith backup: %s[%zu]: \"%s\" is missing",
					       t->key, idx, c->name);
				break;
			}
			known++;
			rc = bind_value(k, st, ++n, t, idx, c, v, &name_key, &md);
		}
		if (rc == KITH_OK && json_object_size(row) != known) {
			const char *key;
			json_t *v;
			json_object_foreach(row, key, v) {
				int found = 0;
				for (const struct col *c = t->cols; c->name; c++)
					found |= c->since <= schema && !strcmp(c->name, key);
				if (!found) {
					rc = bad(k, t->key, idx, key, "unknown field");
					break;
				}
			}
		}
		if (rc == KITH_OK) {
			if (has_name)
				sqlite3_bind_text(st, ++n, name_key ? name_key : "", -1, SQLITE_TRANSIENT);
			if (has_bday) {
				if (md)
					sqlite3_bind_int(st, ++n, md);
				else
					sqlite3_bind_null(st, ++n);
			}
			if (sqlite3_step(st) != SQLITE_DONE) {
				if (sqlite3_errcode(k->db) == SQLITE_CONSTRAINT)
					rc = kith_fail(k, KITH_EINPUT, "not a valid kith backup: %s[%zu]: %s",
						       t->key, idx, sqlite3_errmsg(k->db));
				else
					rc = kith_fail_db(k, "cannot restore the backup");
			}
		}
		free(name_key);
		if (rc != KITH_OK)
			break;
		(*rows)++;
	}
cleanup:
	sqlite3_finalize(st);
	strbuf_release(&sql);
	return rc;
}

/*
 * name_token and person_fts for everyone, the same rows lib/person.c
 * writes. The search index is built in one go from the view it indexes
 * (FTS5's 'rebuild'): row by row, each statement would flush its terms.
 */
static enum kith_rc rebuild_people(struct kith *k)
{
	sqlite3_stmt *people = kith_prepare(k, "SELECT id, name_key FROM person ORDER BY id");
	sqlite3_stmt *token = kith_prepare(k, KITH_NAME_TOKEN_INSERT);
	enum kith_rc rc = people && token ? KITH_OK : KITH_ERR;
	int r = SQLITE_DONE;

	while (rc == KITH_OK && (r = sqlite3_step(people)) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(people, 1);
		rc = kith_name_tokens_insert(k, token, sqlite3_column_int64(people, 0), key ? key : "");
	}
	if (rc == KITH_OK && r != SQLITE_DONE)
		rc = kith_fail_db(k, "cannot index people");
	sqlite3_finalize(people);
	sqlite3_finalize(token);
	if (rc == KITH_OK && kith_exec(k, "INSERT INTO person_fts(person_fts) VALUES ('rebuild')") < 0)
		rc = KITH_ERR;
	return rc;
}

static enum kith_rc check_empty(struct kith *k)
{
	enum kith_rc rc = KITH_OK;
	for (int i = 0; i < N_TABLES && rc == KITH_OK; i++) {
		struct strbuf sql = STRBUF_INIT;
		sqlite3_stmt *st;
		int r;
		if (!strcmp(tables[i].sql, "setting"))
			continue;
		strbuf_addf(&sql, "SELECT 1 FROM \"%s\" LIMIT 1", tables[i].sql);
		st = kith_prepare(k, sql.buf);
		strbuf_release(&sql);
		if (!st)
			return KITH_ERR;
		r = sqlite3_step(st);
		if (r == SQLITE_ROW)
			rc = kith_fail(k, KITH_EINPUT, "the database is not empty (it has %s); restore into a new one"
				       " with --db PATH", tables[i].key);
		else if (r != SQLITE_DONE)
			rc = kith_fail_db(k, "cannot read the database");
		sqlite3_finalize(st);
	}
	return rc;
}

/* Every reference points at a row: the first dangling one is the error. */
static enum kith_rc check_references(struct kith *k)
{
	sqlite3_stmt *st = kith_prepare(k, "PRAGMA foreign_key_check");
	enum kith_rc rc = KITH_OK;
	int r;
	if (!st)
		return KITH_ERR;
	r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		const char *child = (const char *)sqlite3_column_text(st, 0);
		const char *parent = (const char *)sqlite3_column_text(st, 2);
		const char *key = child, *pkey = parent;
		for (int i = 0; i < N_TABLES; i++) {
			if (child && !strcmp(tables[i].sql, child))
				key = tables[i].key;
			if (parent && !strcmp(tables[i].sql, parent))
				pkey = tables[i].key;
		}
		rc = kith_fail(k, KITH_EINPUT, "not a valid kith backup: a row of \"%s\" refers to a missing row of \"%s\"",
			       key ? key : "?", pkey ? pkey : "?");
	} else if (r != SQLITE_DONE) {
		rc = kith_fail_db(k, "cannot check the backup");
	}
	sqlite3_finalize(st);
	return rc;
}

static enum kith_rc import_root(struct kith *k, json_t *root, int64_t *n_people)
{
	json_t *v;
	const char *key;
	int schema;
	enum kith_rc rc;

	if (!json_is_object(root))
		return kith_fail(k, KITH_EINPUT, "not a kith backup: the top level is not an object");
	v = json_object_get(root, "kith_backup");
	if (!v)
		return kith_fail(k, KITH_EINPUT, "not a kith backup: no \"kith_backup\" field (make one with kith export json)");
	if (!json_is_integer(v) || json_integer_value(v) != KITH_BACKUP_FORMAT)
		return kith_fail(k, KITH_EINPUT, "unsupported backup format (\"kith_backup\" must be %d)", KITH_BACKUP_FORMAT);
	v = json_object_get(root, "schema");
	if (!json_is_integer(v) || json_integer_value(v) < 1)
		return kith_fail(k, KITH_EINPUT, "not a valid kith backup: \"schema\" is missing or not a positive integer");
	if (json_integer_value(v) > kith_schema_version())
		return kith_fail(k, KITH_EINPUT, "the backup is from a newer kith (schema %lld, this one knows %d); upgrade kith",
				 (long long)json_integer_value(v), kith_schema_version());
	schema = (int)json_integer_value(v);
	v = json_object_get(root, "exported");
	if (v && !json_is_string(v))
		return kith_fail(k, KITH_EINPUT, "not a valid kith backup: \"exported\" is not a string");
	json_object_foreach(root, key, v) {
		int found = !strcmp(key, "kith_backup") || !strcmp(key, "schema") || !strcmp(key, "exported");
		for (int i = 0; i < N_TABLES && !found; i++)
			found = tables[i].since <= schema && !strcmp(tables[i].key, key);
		if (!found)
			return kith_fail(k, KITH_EINPUT, "not a valid kith backup: unknown field \"%s\"", key);
	}
	for (int i = 0; i < N_TABLES; i++)
		if (tables[i].since <= schema && !json_object_get(root, tables[i].key))
			return kith_fail(k, KITH_EINPUT, "not a valid kith backup: \"%s\" is missing", tables[i].key);

	if ((rc = check_empty(k)) != KITH_OK)
		return rc;
	/* people may name someone later in the file: check references at the end */
	if (kith_exec(k, "PRAGMA defer_foreign_keys = ON") < 0)
		return KITH_ERR;
	/*
	 * The interaction triggers index each note as it is inserted; FTS5
	 * flushes at every statement, so the notes are indexed in one statement
	 * below instead (the same rows the triggers write).
	 */
	sqlite3_db_config(k->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, (int *)NULL);
	for (int i = 0; i < N_TABLES && rc == KITH_OK; i++) {
		int64_t rows = 0;
		if (tables[i].since > schema)
			continue;
		rc = import_table(k, &tables[i], json_object_get(root, tables[i].key), schema, &rows);
		if (i == 0 && n_people)
			*n_people = rows;
	}
	sqlite3_db_config(k->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 1, (int *)NULL);
	if (rc == KITH_OK &&
	    kith_exec(k, "INSERT INTO interaction_fts(rowid, note)"
			 " SELECT id, note FROM interaction WHERE note IS NOT NULL ORDER BY id") < 0)
		rc = KITH_ERR;
	if (rc == KITH_OK)
		rc = check_references(k);
	if (rc == KITH_OK)
		rc = rebuild_people(k);
	if (rc == KITH_OK)
		rc = kith_refresh_all(k, 1);
	return rc;
}

enum kith_rc kith_backup_import(struct kith *k, const char *data, size_t len, int64_t *n_people)
{
	json_error_t jerr;
	json_t *root;
	enum kith_rc rc;

	if (n_people)
		*n_people = 0;
	if (len > KITH_BACKUP_MAX)
		return kith_fail(k, KITH_EINPUT, "the backup is too large (1 GiB at most)");
	root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root)
		return kith_fail(k, KITH_EINPUT, "not a kith backup: invalid JSON at line %d, column %d: %s",
				 jerr.line, jerr.column, jerr.text);
	/* a large restore is one transaction: keep its pages in memory rather
	   than spilling them to the log half way */
	kith_exec(k, "PRAGMA cache_size = -262144");
	rc = kith_sp_begin(k);
	if (rc == KITH_OK) {
		rc = import_root(k, root, n_people);
		rc = kith_sp_end(k, rc);
	}
	kith_exec(k, "PRAGMA defer_foreign_keys = OFF; PRAGMA cache_size = -2000");
	json_decref(root);
	if (rc != KITH_OK && n_people)
		*n_people = 0;
	return rc;
}

/* ---- binary copy ---- */

enum kith_rc kith_backup_copy(struct kith *k, const char *dest, int force, int64_t *n_people)
{
	struct strbuf tmp = STRBUF_INIT;
	sqlite3 *out = NULL;
	sqlite3_backup *b;
	sqlite3_stmt *st = NULL;
	enum kith_rc rc = KITH_OK;
	struct stat sb;
	int r, tries = 0;

	if (n_people)
		*n_people = 0;
	if (!force && stat(dest, &sb) == 0)
		return kith_fail(k, KITH_EINPUT, "'%s' already exists; use --force to replace it", dest);
	strbuf_addf(&tmp, "%s.tmp", dest);
	if (unlink(tmp.buf) < 0 && errno != ENOENT) {
		rc = kith_fail(k, KITH_ERR, "cannot write '%s': %s", tmp.buf, strerror(errno));
		goto cleanup;
	}
	if (sqlite3_open_v2(tmp.buf, &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		rc = kith_fail(k, KITH_ERR, "cannot write '%s': %s", tmp.buf, out ? sqlite3_errmsg(out) : "out of memory");
		goto cleanup;
	}
	b = sqlite3_backup_init(out, "main", k->db, "main");
	if (!b) {
		rc = kith_fail(k, KITH_ERR, "cannot back up to '%s': %s", tmp.buf, sqlite3_errmsg(out));
		goto cleanup;
	}
	/*
	 * All pages in one step: one read transaction, so the copy is one
	 * consistent snapshot (with WAL, writers go on meanwhile) and is never
	 * restarted by them; a lock held elsewhere is waited for a while.
	 */
	do {
		r = sqlite3_backup_step(b, -1);
		if (r == SQLITE_BUSY || r == SQLITE_LOCKED) {
			if (++tries > 200)
				break;
			sqlite3_sleep(25);
		}
	} while (r == SQLITE_OK || r == SQLITE_BUSY || r == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (r != SQLITE_DONE) {
		rc = r == SQLITE_BUSY || r == SQLITE_LOCKED
			? kith_fail(k, KITH_ERR, "cannot back up: the database stays busy; try again")
			: kith_fail(k, KITH_ERR, "cannot back up to '%s': %s", tmp.buf, sqlite3_errmsg(out));
		goto cleanup;
	}
	if (sqlite3_prepare_v2(out, "SELECT count(*) FROM person", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		rc = kith_fail(k, KITH_ERR, "cannot read the copy '%s': %s", tmp.buf, sqlite3_errmsg(out));
		goto cleanup;
	}
	if (n_people)
		*n_people = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	/* the copy stands alone: fold any write-ahead log into the file */
	sqlite3_exec(out, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
	if (sqlite3_close(out) != SQLITE_OK) {
		rc = kith_fail(k, KITH_ERR, "cannot close '%s'", tmp.buf);
		out = NULL;
		goto cleanup;
	}
	out = NULL;
	if (rename(tmp.buf, dest) < 0)
		rc = kith_fail(k, KITH_ERR, "cannot write '%s': %s", dest, strerror(errno));
cleanup:
	sqlite3_finalize(st);
	if (out)
		sqlite3_close(out);
	if (rc != KITH_OK) {
		unlink(tmp.buf);
		if (n_people)
			*n_people = 0;
	}
	strbuf_release(&tmp);
	return rc;
}
