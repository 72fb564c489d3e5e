#include "cli.h"

#include <string.h>

#include "kith/person.h"
#include "banned.h"

int cmd_snooze(struct cli *c, int argc, char **argv)
{
	static const struct opt_spec spec[] = { { "until", 0, 1, 1 }, { "off", 0, 0, 2 }, { NULL, 0, 0, 0 } };
	struct opts o;
	int r, status = 0, off = 0, days = 7;
	const char *until_arg = NULL;
	kith_day until;
	int64_t id;
	char name[256], buf[KITH_DATE_BUFSZ], err[200];
	enum kith_rc rc;

	opts_init(&o, argc, argv);
	while ((r = opts_next(&o, spec)) > 0) {
		if (r == OPT_HELP) {
			status = show_help("snooze");
			goto cleanup;
		}
		if (r == 1)
			until_arg = o.arg;
		else if (r == 2)
			off = 1;
		else
			common_option(c, r, o.arg);
	}
	if (r < 0) {
		status = 2;
		goto cleanup;
	}
	if (o.npos < 1 || o.npos > 2) {
		status = usage_error("snooze", "which person, and for how long?");
		goto cleanup;
	}
	if ((off && (until_arg || o.npos == 2)) || (until_arg && o.npos == 2)) {
		status = usage_error("snooze", "give one of DURATION, --until DATE or --off");
		goto cleanup;
	}
	if ((status = resolve_arg(c, o.pos[0], 0, &id)) != 0)
		goto cleanup;
	if (off) {
		until = KITH_NO_DAY;
	} else if (until_arg) {
		if (parse_date_arg(c, "snooze", until_arg, &until) < 0) {
			status = 2;
			goto cleanup;
		}
		if (until <= c->today) {
			status = usage_error("snooze", "'%s' is not in the future", until_arg);
			goto cleanup;
		}
	} else {
		if (o.npos == 2 && kith_duration_parse(o.pos[1], &days, err, sizeof(err)) < 0) {
			status = usage_error("snooze", "%s", err);
			goto cleanup;
		}
		until = c->today + days;
	}
	rc = kith_person_snooze(c->k, id, until);
	if (rc != KITH_OK) {
		status = lib_error(c, rc);
		goto cleanup;
	}
	kith_person_name(c->k, id, name, sizeof(name));
	if (off)
		info("%s #%lld is no longer snoozed", name, (long long)id);
	else {
		struct kith_person p;
		char due[KITH_DATE_BUFSZ];
		if (kith_person_get(c->k, id, &p) == KITH_OK && p.due_on != KITH_NO_DAY && p.due_on > until)
			info("snoozed %s #%lld until %s (not due before %s anyway)", name, (long long)id,
			     kith_day_format(until, buf), kith_day_format(p.due_on, due));
		else
			info("snoozed %s #%lld until %s", name, (long long)id, kith_day_format(until, buf));
		kith_person_release(&p);
	}
cleanup:
	opts_release(&o);
	return status;
}
