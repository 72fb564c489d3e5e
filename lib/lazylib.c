/*
 * libical and libzip, opened with dlopen the first time an import needs
 * them (lazy_ical.h, lazy_zip.h say why). Each is looked up once per
 * process; the first call must not race another thread's (kith calls them
 * from the thread that runs the command).
 */
#define KITH_LAZYLIB_IMPL
#include "lazy_ical.h"
#include "lazy_zip.h"

#include <dlfcn.h>
#include <stdio.h>

#include "banned.h"

#ifndef KITH_LIBICAL_SONAME
#define KITH_LIBICAL_SONAME "libical.so.3"
#endif
#ifndef KITH_LIBZIP_SONAME
#define KITH_LIBZIP_SONAME "libzip.so.4"
#endif

struct kith_ical_api kith_ical_fn;
struct kith_zip_lib_api kith_zip_lib_fn;

struct lazy {
	int state;       /* 0: not tried, 1: loaded, -1: failed (why says why) */
	char why[256];
};

/* dlopen soname; NULL with the reason in l->why */
static void *open_lib(struct lazy *l, const char *soname, const char *package)
{
	void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	if (!h)
		snprintf(l->why, sizeof(l->why), "cannot load %s (Debian package %s): %s", soname, package,
			 dlerror());
	return h;
}

#define LOOKUP(table, f)                                                                          \
	do {                                                                                      \
		*(void **)&(table).f = dlsym(h, #f);                                              \
		if (!(table).f && !l->why[0])                                                     \
			snprintf(l->why, sizeof(l->why), "%s has no function %s", soname, #f);   \
	} while (0);

static int done(struct lazy *l, char *err, size_t errlen)
{
	if (l->state == 0)
		l->state = l->why[0] ? -1 : 1;
	if (l->state < 0) {
		snprintf(err, errlen, "%s", l->why);
		return -1;
	}
	return 0;
}

int kith_ical_load(char *err, size_t errlen)
{
	static struct lazy lz;
	struct lazy *l = &lz;
	const char *soname = KITH_LIBICAL_SONAME;
	void *h;

	if (l->state == 0 && (h = open_lib(l, soname, "libical3")) != NULL) {
#define ICAL_LOOKUP(f) LOOKUP(kith_ical_fn, f)
		KITH_ICAL_FUNCS(ICAL_LOOKUP)
#undef ICAL_LOOKUP
	}
	return done(l, err, errlen);
}

int kith_zip_lib_load(char *err, size_t errlen)
{
	static struct lazy lz;
	struct lazy *l = &lz;
	const char *soname = KITH_LIBZIP_SONAME;
	void *h;

	if (l->state == 0 && (h = open_lib(l, soname, "libzip4")) != NULL) {
#define ZIP_LOOKUP(f) LOOKUP(kith_zip_lib_fn, f)
		KITH_ZIP_LIB_FUNCS(ZIP_LOOKUP)
#undef ZIP_LOOKUP
	}
	return done(l, err, errlen);
}
