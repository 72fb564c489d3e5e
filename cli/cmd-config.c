#include "cli.h"

#include <stdlib.h>
#include <string.h>

#include "kith/cadence.h"
#include "kith/json.h"
#include "kith/person.h"
#include "kith/settings.h"
#include "banned.h"

int cmd_config(struct cli *c, int argc, char **argv)
{
	static const struct opt_spec spec[] = { { "unset", 0, 0, 1 }, { NULL, 0, 0, 0 } };
	struct opts o;
	int r, status = 0, unset = 0;
	enum kith_rc rc;

	opts_init(&o, argc, argv);
	while ((r = opts_next(&o, spec)) > 0) {
		if (r == OPT_HELP) {
			status = show_help("config");
			goto cleanup;
		}
		if (r == 1)
			unset = 1;
		else
			common_option(c, r, o.arg);
	}
	if (r < 0 || o.npos > 2 || (unset && o.npos != 1)) {
		status = r < 0 ? 2 : usage_error("config", unset ? "--unset takes one KEY" : "too many arguments");
		goto cleanup;
	}
	if (o.npos == 0) {
		struct kith_json j;
		if (c->json) {
			kith_json_init(&j, stdout);
			kith_json_obj(&j);
		}
		for (const struct kith_setting_info *s = kith_settings; s->key; s++) {
			char *v = NULL;
			if ((rc = kith_setting_value(c->k, s->key, &v)) != KITH_OK) {
				status = lib_error(c, rc);
				goto cleanup;
			}
			if (c->json)
				kith_json_kstr(&j, s->key, v);
			else
				printf("%-20s %-10s %s# %s%s\n", s->key, v, col(c, C_DIM), s->help, col(c, C_RESET));
			free(v);
		}
		if (c->json) {
			kith_json_end(&j);
			kith_json_finish(&j);
		}
		goto cleanup;
	}
	if (!kith_setting_find(o.pos[0])) {
		status = usage_error("config", "unknown setting '%s' (kith config lists them)", o.pos[0]);
		goto cleanup;
	}
	if (o.npos == 1 && !unset) {
		char *v = NULL;
		if ((rc = kith_setting_value(c->k, o.pos[0], &v)) != KITH_OK) {
			status = lib_error(c, rc);
			goto cleanup;
		}
		if (c->json) {
			struct kith_json j;
			kith_json_init(&j, stdout);
			kith_json_obj(&j);
			kith_json_kstr(&j, o.pos[0], v);
			kith_json_end(&j);
			kith_json_finish(&j);
		} else {
			printf("%s\n", v);
		}
		free(v);
		goto cleanup;
	}
	rc = kith_setting_set(c->k, o.pos[0], unset ? NULL : o.pos[1]);
	if (rc != KITH_OK) {
		status = lib_error(c, rc);
		goto cleanup;
	}
	if (unset)
		info("%s is back to its default (%s)", o.pos[0], kith_setting_find(o.pos[0])->def);
	else
		info("%s = %s", o.pos[0], o.pos[1]);
cleanup:
	opts_release(&o);
	return status;
}

struct tag_ctx {
	struct cli *c;
	struct kith_json *j;
};

static int print_tag(void *ctx, const char *tag, const struct kith_cadence *cad)
{
	struct tag_ctx *t = ctx;
	char buf[64], words[64];
	kith_cadence_format(cad, buf, sizeof(buf));
	if (t->j) {
		kith_json_obj(t->j);
		kith_json_kstr(t->j, "tag", tag);
		kith_json_kint(t->j, "ideal_days", cad->ideal);
		kith_json_kint(t->j, "max_days", cad->max);
		kith_json_end(t->j);
	} else {
		printf("+%-11s %-10s %s\n", tag, buf, kith_duration_words(cad->ideal, words, sizeof(words)));
	}
	return 0;
}

int cmd_cadence(struct cli *c, int argc, char **argv)
{
	struct opts o;
	struct kith_cadence cad;
	int r, status = 0;
	char err[200], buf[64], words[64];
	enum kith_rc rc;

	opts_init(&o, argc, argv);
	while ((r = opts_next(&o, NULL)) > 0) {
		if (r == OPT_HELP) {
			status = show_help("cadence");
			goto cleanup;
		}
		common_option(c, r, o.arg);
	}
	if (r < 0 || o.npos == 1 || o.npos > 2) {
		status = r < 0 ? 2 : usage_error("cadence", o.npos == 1 ? "a cadence is needed (2w, 2w..3w or none)" : "too many arguments");
		goto cleanup;
	}
	if (o.npos == 0) {
		struct kith_json j;
		struct tag_ctx t = { c, NULL };
		if (c->json) {
			kith_json_init(&j, stdout);
			kith_json_obj(&j);
			kith_json_key(&j, "circles");
			kith_json_obj(&j);
			t.j = &j;
		}
		for (int i = 0; i < KITH_N_CIRCLES; i++) {
			if ((rc = kith_circle_cadence(c->k, i, &cad)) != KITH_OK) {
				status = lib_error(c, rc);
				goto cleanup;
			}
			if (c->json) {
				kith_json_key(&j, kith_circle_name(i));
				kith_json_obj(&j);
				kith_json_kint(&j, "ideal_days", cad.ideal);
				kith_json_kint(&j, "max_days", cad.max);
				kith_json_end(&j);
			} else {
				printf("%-12s %-10s %s\n", kith_circle_name(i), kith_cadence_format(&cad, buf, sizeof(buf)),
				       cad.ideal ? kith_duration_words(cad.ideal, words, sizeof(words)) : "no cadence");
			}
		}
		if (c->json) {
			kith_json_end(&j);
			kith_json_key(&j, "tags");
			kith_json_arr(&j);
		}
		rc = kith_tag_cadence_each(c->k, print_tag, &t);
		if (rc != KITH_OK) {
			status = lib_error(c, rc);
			goto cleanup;
		}
		if (c->json) {
			kith_json_end(&j);
			kith_json_end(&j);
			kith_json_finish(&j);
		}
		goto cleanup;
	}
	if (kith_cadence_parse(o.pos[1], &cad, err, sizeof(err)) < 0) {
		status = usage_error("cadence", "%s", err);
		goto cleanup;
	}
	if (o.pos[0][0] == '+') {
		char *tag = kith_tag_normalize(o.pos[0]);
		if (!tag) {
			status = usage_error("cadence", "invalid tag '%s'", o.pos[0]);
			goto cleanup;
		}
		rc = kith_tag_cadence_set(c->k, tag, cad.ideal ? &cad : NULL);
		if (rc == KITH_OK && cad.ideal)
			info("everyone tagged +%s: %s", tag, kith_duration_words(cad.ideal, words, sizeof(words)));
		else if (rc == KITH_OK)
			info("+%s no longer has its own cadence", tag);
		free(tag);
	} else {
		int circle = kith_circle_parse(o.pos[0]);
		if (circle < 0) {
			status = usage_error("cadence", "unknown circle '%s' (inner, close, active, wide; +TAG for a tag)",
					     o.pos[0]);
			goto cleanup;
		}
		rc = kith_circle_cadence_set(c->k, circle, &cad);
		if (rc == KITH_OK)
			info("circle %s: %s", kith_circle_name(circle), kith_cadence_format(&cad, buf, sizeof(buf)));
	}
	if (rc != KITH_OK)
		status = lib_error(c, rc);
cleanup:
	opts_release(&o);
	return status;
}
