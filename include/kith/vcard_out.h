#ifndef KITH_VCARD_OUT_H
#define KITH_VCARD_OUT_H

/*
 * vCard out: one person as a vCard 3.0 (RFC 2426) or 4.0 (RFC 6350), and a
 * vdir writer (one <uid>.vcf per person in a folder, as khard and
 * vdirsyncer expect).
 *
 * What kith knows and vCard has no property for goes into X-KITH-*
 * properties (circle, own cadence, how we met, goals, labelled dates, role,
 * location) so an export read back by kith loses nothing.
 *
 * Text values are escaped per RFC 6350 3.4 (\\ \, \; \n), parameter values
 * per RFC 6868 (^^ ^n ^'), and quoted when they hold ; : or ,. Lines end
 * in CRLF and are folded at 75 octets (CRLF + space), never inside a UTF-8
 * sequence. Other control characters in values are dropped.
 */

#include <stdint.h>

#include "kith/kith.h"
#include "kith/person.h"
#include "kith/strbuf.h"

struct kith_vcard_opts {
	int version;            /* 3 (vCard 3.0) or 4 (vCard 4.0) */
	const char *prodid;     /* the kith version for PRODID ("1.0"); NULL: "unknown" */
	kith_day rev;           /* the REV date; KITH_NO_DAY leaves REV out */
};

/*
 * Append person p as one vCard (BEGIN:VCARD .. END:VCARD\r\n) to out. A
 * pure function: no database, no I/O. The name is split simply: the last
 * word is the family name, the words before it the given names.
 */
void kith_vcard_person(struct strbuf *out, const struct kith_person *p,
		       const struct kith_vcard_opts *o);

/*
 * Building blocks, public for tests. kith_vcard_text appends s escaped as
 * a text value; kith_vcard_param appends s as a parameter value (RFC 6868,
 * quoted when needed); kith_vcard_fold appends one content line (len bytes,
 * no line end) folded at 75 octets, with CRLF.
 */
void kith_vcard_text(struct strbuf *out, const char *s);
void kith_vcard_param(struct strbuf *out, const char *s);
void kith_vcard_fold(struct strbuf *out, const char *line, size_t len);

/*
 * Append the vdir file name of the person with this uid and id: <uid>.vcf,
 * bytes of the uid outside A-Z a-z 0-9 - _ . @ + = as %XX (a leading '.'
 * too, so no card is a hidden file), or kith-<id>.vcf without a usable uid.
 */
void kith_vcard_file_name(struct strbuf *out, const char *uid, int64_t id);

struct kith_vcard_stats {
	int64_t people;    /* people exported */
	int64_t written;   /* files created or replaced */
	int64_t unchanged; /* files left as they were (same content but REV) */
};

/*
 * Export everyone to folder dir (created with its parents when missing) as
 * <uid>.vcf (bytes of the uid outside A-Z a-z 0-9 - _ . @ + = as %XX).
 * Each file is written atomically (a temporary file in dir, fsync,
 * rename) and only when its content apart from REV differs from the file
 * there. Files of people not in the database are left alone. Errors:
 * KITH_EINPUT when dir is not a folder, KITH_ERR on I/O errors (files
 * written before stay, each complete). *st may be NULL.
 */
enum kith_rc kith_vcard_export_dir(struct kith *k, const char *dir,
				   const struct kith_vcard_opts *o,
				   struct kith_vcard_stats *st);

#endif
