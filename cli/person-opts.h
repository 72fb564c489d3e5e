#ifndef KITH_PERSON_OPTS_H
#define KITH_PERSON_OPTS_H

/* The person options shared by `kith add` and `kith edit`. */

#include "cli.h"
#include "kith/person.h"

enum {
	P_EMAIL = 1, P_PHONE, P_ORG, P_TITLE, P_LOCATION, P_LINK, P_TAG, P_GOAL, P_CIRCLE,
	P_EVERY, P_BIRTHDAY, P_DATE, P_MET, P_INTRODUCED_BY, P_NOTE,
	P_ROLE, P_NAME, P_RM_EMAIL, P_RM_PHONE, P_RM_LINK, P_RM_GOAL, P_RM_DATE, P_UNTAG, P_CLEAR,
};

extern const struct opt_spec add_spec[];
extern const struct opt_spec edit_spec[];

/*
 * Apply option id with its argument to ch. Returns 0, or an exit code after
 * printing the error. cmd is the command name for hints.
 */
int person_option(struct cli *c, const char *cmd, int id, const char *arg, struct kith_person_change *ch);

/* Print a person as JSON (the shape documented in kith(1)), with up to
 * `limit` interactions (0: all; -1: none). */
int print_person_json(struct cli *c, int64_t id, long limit);

#endif
