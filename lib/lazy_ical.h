#ifndef KITH_LAZY_ICAL_H
#define KITH_LAZY_ICAL_H

/*
 * libical, loaded when first needed (dlopen) rather than linked: it pulls in
 * ICU and the C++ runtime, whose dynamic linking would cost every kith command, even
 * `kith today`, a few milliseconds. A file that uses libical includes this
 * header after <libical/ical.h>: the functions it calls then go through the table
 * below, which kith_ical_load() fills (see lib/lazylib.c). Add a function
 * to the list when the code calls a new one.
 */

#include <libical/ical.h>
#include <stddef.h>

#define KITH_ICAL_FUNCS(X) \
	X(icalcomponent_free) \
	X(icalcomponent_get_first_component) \
	X(icalcomponent_get_first_property) \
	X(icalcomponent_get_location) \
	X(icalcomponent_get_next_component) \
	X(icalcomponent_get_next_property) \
	X(icalcomponent_get_status) \
	X(icalcomponent_get_summary) \
	X(icalcomponent_get_timezone) \
	X(icalcomponent_isa) \
	X(icalcomponent_kind_to_string) \
	X(icalerror_clear_errno) \
	X(icalerror_set_errors_are_fatal) \
	X(icalparameter_get_partstat) \
	X(icalparameter_get_tzid) \
	X(icalparser_parse_string) \
	X(icalproperty_get_attendee) \
	X(icalproperty_get_dtstart) \
	X(icalproperty_get_exdate) \
	X(icalproperty_get_first_parameter) \
	X(icalproperty_get_organizer) \
	X(icalproperty_get_parameter_as_string) \
	X(icalproperty_get_rdate) \
	X(icalproperty_get_recurrenceid) \
	X(icalproperty_get_rrule) \
	X(icalproperty_get_summary) \
	X(icalproperty_get_uid) \
	X(icalproperty_get_value_as_string_r) \
	X(icalproperty_get_x) \
	X(icalproperty_get_x_name) \
	X(icalproperty_get_xlicerror) \
	X(icalrecur_iterator_free) \
	X(icalrecur_iterator_new) \
	X(icalrecur_iterator_next) \
	X(icaltime_convert_to_zone) \
	X(icaltime_is_null_time) \
	X(icaltime_is_utc) \
	X(icaltime_is_valid_time) \
	X(icaltime_null_time) \
	X(icaltimezone_get_builtin_timezone) \
	X(icaltimezone_get_utc_timezone)

struct kith_ical_api {
#define KITH_ICAL_MEMBER(f) __typeof__(&f) f;
	KITH_ICAL_FUNCS(KITH_ICAL_MEMBER)
#undef KITH_ICAL_MEMBER
};

extern struct kith_ical_api kith_ical_fn;

/* Load libical once: 0, or -1 with the reason in err (not installed, or a function missing). */
int kith_ical_load(char *err, size_t errlen);

#ifndef KITH_LAZYLIB_IMPL
#define icalcomponent_free (kith_ical_fn.icalcomponent_free)
#define icalcomponent_get_first_component (kith_ical_fn.icalcomponent_get_first_component)
#define icalcomponent_get_first_property (kith_ical_fn.icalcomponent_get_first_property)
#define icalcomponent_get_location (kith_ical_fn.icalcomponent_get_location)
#define icalcomponent_get_next_component (kith_ical_fn.icalcomponent_get_next_component)
#define icalcomponent_get_next_property (kith_ical_fn.icalcomponent_get_next_property)
#define icalcomponent_get_status (kith_ical_fn.icalcomponent_get_status)
#define icalcomponent_get_summary (kith_ical_fn.icalcomponent_get_summary)
#define icalcomponent_get_timezone (kith_ical_fn.icalcomponent_get_timezone)
#define icalcomponent_isa (kith_ical_fn.icalcomponent_isa)
#define icalcomponent_kind_to_string (kith_ical_fn.icalcomponent_kind_to_string)
#define icalerror_clear_errno (kith_ical_fn.icalerror_clear_errno)
#define icalerror_set_errors_are_fatal (kith_ical_fn.icalerror_set_errors_are_fatal)
#define icalparameter_get_partstat (kith_ical_fn.icalparameter_get_partstat)
#define icalparameter_get_tzid (kith_ical_fn.icalparameter_get_tzid)
#define icalparser_parse_string (kith_ical_fn.icalparser_parse_string)
#define icalproperty_get_attendee (kith_ical_fn.icalproperty_get_attendee)
#define icalproperty_get_dtstart (kith_ical_fn.icalproperty_get_dtstart)
#define icalproperty_get_exdate (kith_ical_fn.icalproperty_get_exdate)
#define icalproperty_get_first_parameter (kith_ical_fn.icalproperty_get_first_parameter)
#define icalproperty_get_organizer (kith_ical_fn.icalproperty_get_organizer)
#define icalproperty_get_parameter_as_string (kith_ical_fn.icalproperty_get_parameter_as_string)
#define icalproperty_get_rdate (kith_ical_fn.icalproperty_get_rdate)
#define icalproperty_get_recurrenceid (kith_ical_fn.icalproperty_get_recurrenceid)
#define icalproperty_get_rrule (kith_ical_fn.icalproperty_get_rrule)
#define icalproperty_get_summary (kith_ical_fn.icalproperty_get_summary)
#define icalproperty_get_uid (kith_ical_fn.icalproperty_get_uid)
#define icalproperty_get_value_as_string_r (kith_ical_fn.icalproperty_get_value_as_string_r)
#define icalproperty_get_x (kith_ical_fn.icalproperty_get_x)
#define icalproperty_get_x_name (kith_ical_fn.icalproperty_get_x_name)
#define icalproperty_get_xlicerror (kith_ical_fn.icalproperty_get_xlicerror)
#define icalrecur_iterator_free (kith_ical_fn.icalrecur_iterator_free)
#define icalrecur_iterator_new (kith_ical_fn.icalrecur_iterator_new)
#define icalrecur_iterator_next (kith_ical_fn.icalrecur_iterator_next)
#define icaltime_convert_to_zone (kith_ical_fn.icaltime_convert_to_zone)
#define icaltime_is_null_time (kith_ical_fn.icaltime_is_null_time)
#define icaltime_is_utc (kith_ical_fn.icaltime_is_utc)
#define icaltime_is_valid_time (kith_ical_fn.icaltime_is_valid_time)
#define icaltime_null_time (kith_ical_fn.icaltime_null_time)
#define icaltimezone_get_builtin_timezone (kith_ical_fn.icaltimezone_get_builtin_timezone)
#define icaltimezone_get_utc_timezone (kith_ical_fn.icaltimezone_get_utc_timezone)
#endif

#endif
