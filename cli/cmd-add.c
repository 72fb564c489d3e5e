#include "cli.h"

#include <string.h>

#include "kith/person.h"
#include "person-opts.h"
#include "banned.h"

int cmd_add(struct cli *c, int argc, char **argv)
{
	struct kith_person_change ch;
	struct opts o;
	int r, status = 0;
	int64_t id = 0, same = 0;
	enum kith_rc rc;

	kith_person_change_init(&ch);
	opts_init(&o, argc, argv);
	while ((r = opts_next(&o, add_spec)) > 0) {
		if (r == OPT_HELP) {
			status = show_help("add");
			goto cleanup;
		}
		if (common_option(c, r, o.arg))
			continue;
		if ((status = person_option(c, "add", r, o.arg, &ch)) != 0)
			goto cleanup;
	}
	if (r < 0) {
		status = 2;
		goto cleanup;
	}
	if (o.npos != 1) {
		status = usage_error("add", o.npos ? "one name at a time (quote a name with spaces)" : "a name is required");
		goto cleanup;
	}
	ch.name = o.pos[0];
	/* someone with exactly this name already? worth a word, not a refusal */
	if (kith_resolve(c->k, ch.name, 0, &same) != KITH_OK)
		same = 0;
	rc = kith_person_add(c->k, &ch, &id);
	if (rc != KITH_OK) {
		status = lib_error(c, rc);
		goto cleanup;
	}
	if (c->json) {
		status = print_person_json(c, id, -1);
	} else {
		struct kith_person p;
		char words[64];
		if (kith_person_get(c->k, id, &p) == KITH_OK) {
			info("added %s #%lld (%s circle, %s)", p.name, (long long)id, kith_circle_name(p.circle),
			     p.cadence.ideal > 0 ? kith_duration_words(p.cadence.ideal, words, sizeof(words))
						 : "no cadence");
			kith_person_release(&p);
		}
	}
	if (same) {
		char other[256];
		kith_person_name(c->k, same, other, sizeof(other));
		if (!strcmp(other, ch.name))
			warning("'%s' #%lld has the same name; 'kith merge %lld %lld' if they are one person",
				other, (long long)same, (long long)id, (long long)same);
	}
cleanup:
	opts_release(&o);
	kith_person_change_release(&ch);
	return status;
}
