/*
 * kith sync DIR [--version 3.0|4.0] [--dry-run] [--json]: two-way sync
 * with a vdir (a folder of .vcf files, as khard and vdirsyncer use).
 */
#include "cli.h"

#include <string.h>

#include "kith/json.h"
#include "kith/strbuf.h"
#include "kith/sync.h"
#include "banned.h"

const char usage_sync[] =
	"kith sync DIR [--version 3.0|4.0] [--dry-run] [--force-delete] [--json]\n\n"
	"Sync two ways with a vdir, a folder of .vcf files with one card each (as\n"
	"khard reads and vdirsyncer syncs with a CardDAV server); DIR is created when\n"
	"missing. The first sync merges every card into the people kith has and\n"
	"writes a card for everyone else. Later syncs carry over what changed since\n"
	"the last one: a card edited, added or deleted in DIR changes, adds or\n"
	"removes the person in kith; a person changed, added or removed in kith\n"
	"rewrites, writes or deletes their card. Changed on both sides, kith's\n"
	"version wins field by field but facts only the card has (emails, phones,\n"
	"links, tags) are merged in, and a change beats a deletion; each such\n"
	"conflict is named. A card that cannot be read stops the sync with FILE:LINE\n"
	"and nothing changes. When every card is gone from DIR, nothing happens\n"
	"without --force-delete.\n\n"
	"Options:\n"
	"  --version 3.0|4.0      vCard version of the cards kith writes (default 3.0)\n"
	"  -n, --dry-run          say what would change, one line each; change nothing\n"
	"  --force-delete         go on when every card is gone from DIR (removes\n"
	"                         their people from kith)\n"
	"  --json                 print the counts and conflicts as JSON\n";

int cmd_sync(struct cli *c, int argc, char **argv)
{
	static const struct opt_spec spec[] = {
		{ "version", 0, 1, 1 }, { "dry-run", 'n', 0, 2 }, { "force-delete", 0, 0, 3 }, { NULL, 0, 0, 0 },
	};
	struct kith_sync_opts so = { 3, KITH_VERSION, 0, 0 };
	struct kith_sync_stats st = KITH_SYNC_STATS_INIT;
	struct strbuf sb = STRBUF_INIT;
	const char *dir;
	struct opts o;
	int r, status = 0;
	enum kith_rc rc;

	opts_init(&o, argc, argv);
	while ((r = opts_next(&o, spec)) > 0) {
		if (r == OPT_HELP) {
			status = show_help("sync");
			goto cleanup;
		}
		if (r == 1) {
			if (parse_vcard_version("sync", o.arg, &so.version) < 0) {
				status = 2;
				goto cleanup;
			}
		} else if (r == 2) {
			so.dry_run = 1;
		} else if (r == 3) {
			so.force_delete = 1;
		} else {
			common_option(c, r, o.arg);
		}
	}
	if (r < 0) {
		status = 2;
		goto cleanup;
	}
	if (o.npos != 1) {
		status = usage_error("sync", o.npos < 1 ? "which folder? (kith sync DIR)"
						    : "too many arguments (one folder: kith sync DIR)");
		goto cleanup;
	}
	dir = o.pos[0];
	rc = kith_sync_dir(c->k, dir, &so, &st);
	if (rc != KITH_OK) {
		status = lib_error(c, rc);
		goto cleanup;
	}
	if (so.dry_run && !c->json) {
		static const char *const verb[] = { "add", "update", "remove", "write", "delete" };
		for (size_t i = 0; i < st.n_changes; i++) {
			const struct kith_sync_change *ch = &st.changes[i];
			if (ch->action == KITH_SYNC_WRITE || ch->action == KITH_SYNC_DELETE)
				info("would %s %s%s%s%s%s", verb[ch->action], ch->href, *ch->name ? " (" : "", ch->name,
				     *ch->name ? ")" : "", ch->conflict ? ", a conflict" : "");
			else
				info("would %s %s (%s)%s", verb[ch->action], ch->name, ch->href,
				     ch->conflict ? ", a conflict" : "");
		}
	}
	/* removing people from kith is never silent */
	if (!so.dry_run && !c->json)
		for (size_t i = 0; i < st.n_changes; i++)
			if (st.changes[i].action == KITH_SYNC_REMOVE)
				info("removed %s: the card %s was deleted from %s", st.changes[i].name,
				     st.changes[i].href, dir);
	if (c->json) {
		static const char *const action[] = { "added", "updated", "removed", "written", "deleted" };
		struct kith_json j;
		kith_json_init(&j, stdout);
		kith_json_obj(&j);
		kith_json_kstr(&j, "folder", dir);
		kith_json_key(&j, "dry_run");
		kith_json_bool(&j, so.dry_run);
		kith_json_kint(&j, "cards", (int64_t)st.cards);
		kith_json_key(&j, "from_folder");
		kith_json_obj(&j);
		kith_json_kint(&j, "added", (int64_t)st.added);
		kith_json_kint(&j, "updated", (int64_t)st.updated);
		kith_json_kint(&j, "removed", (int64_t)st.removed);
		kith_json_end(&j);
		kith_json_key(&j, "to_folder");
		kith_json_obj(&j);
		kith_json_kint(&j, "written", (int64_t)st.written);
		kith_json_kint(&j, "deleted", (int64_t)st.deleted);
		kith_json_end(&j);
		kith_json_key(&j, "conflicts");
		kith_json_arr(&j);
		for (size_t i = 0; i < st.conflicts.n; i++)
			kith_json_str(&j, st.conflicts.v[i]);
		kith_json_end(&j);
		kith_json_key(&j, "changes");
		kith_json_arr(&j);
		for (size_t i = 0; i < st.n_changes; i++) {
			kith_json_obj(&j);
			kith_json_kstr(&j, "action", action[st.changes[i].action]);
			kith_json_key(&j, "name");
			if (*st.changes[i].name)
				kith_json_str(&j, st.changes[i].name);
			else
				kith_json_null(&j);
			kith_json_kstr(&j, "file", st.changes[i].href);
			kith_json_key(&j, "conflict");
			kith_json_bool(&j, st.changes[i].conflict);
			kith_json_end(&j);
		}
		kith_json_end(&j);
		kith_json_end(&j);
		kith_json_finish(&j);
	}
	/* "from DIR: 2 added, 1 updated, 0 removed; to DIR: 3 written, 0 deleted; 1 conflict (kith's version kept): Ada" */
	if (!st.added && !st.updated && !st.removed && !st.written && !st.deleted)
		strbuf_addf(&sb, "%s%s: in sync, nothing to do", so.dry_run ? "dry run: " : "", dir);
	else if (so.dry_run)
		strbuf_addf(&sb, "dry run, nothing changed; would sync from %s: %zu added, %zu updated, %zu removed;"
			    " to %s: %zu written, %zu deleted", dir, st.added, st.updated, st.removed, dir,
			    st.written, st.deleted);
	else
		strbuf_addf(&sb, "from %s: %zu added, %zu updated, %zu removed; to %s: %zu written, %zu deleted", dir,
			    st.added, st.updated, st.removed, dir, st.written, st.deleted);
	if (st.conflicts.n) {
		strbuf_addf(&sb, "; %zu conflict%s (kith's version kept): ", st.conflicts.n,
			    st.conflicts.n == 1 ? "" : "s");
		for (size_t i = 0; i < st.conflicts.n; i++)
			strbuf_addf(&sb, "%s%s", i ? ", " : "", st.conflicts.v[i]);
	}
	info("%s", sb.buf);
cleanup:
	kith_sync_stats_release(&st);
	strbuf_release(&sb);
	opts_release(&o);
	return status;
}
