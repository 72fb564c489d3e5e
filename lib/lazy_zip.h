#ifndef KITH_LAZY_ZIP_H
#define KITH_LAZY_ZIP_H

/*
 * libzip, loaded when first needed (dlopen) rather than linked: it pulls in
 * libcrypto, bzip2 and zlib, whose dynamic linking would cost every kith command, even
 * `kith today`, a few milliseconds. A file that uses libzip includes this
 * header after <zip.h>: the functions it calls then go through the table
 * below, which kith_zip_lib_load() fills (see lib/lazylib.c). Add a function
 * to the list when the code calls a new one.
 */

#include <zip.h>
#include <stddef.h>

#define KITH_ZIP_LIB_FUNCS(X) \
	X(zip_discard) \
	X(zip_error_fini) \
	X(zip_error_init_with_code) \
	X(zip_error_strerror) \
	X(zip_fclose) \
	X(zip_file_strerror) \
	X(zip_fopen_index) \
	X(zip_fread) \
	X(zip_get_name) \
	X(zip_get_num_entries) \
	X(zip_open) \
	X(zip_stat_index) \
	X(zip_stat_init) \
	X(zip_strerror)

struct kith_zip_lib_api {
#define KITH_ZIP_LIB_MEMBER(f) __typeof__(&f) f;
	KITH_ZIP_LIB_FUNCS(KITH_ZIP_LIB_MEMBER)
#undef KITH_ZIP_LIB_MEMBER
};

extern struct kith_zip_lib_api kith_zip_lib_fn;

/* Load libzip once: 0, or -1 with the reason in err (not installed, or a function missing). */
int kith_zip_lib_load(char *err, size_t errlen);

#ifndef KITH_LAZYLIB_IMPL
#define zip_discard (kith_zip_lib_fn.zip_discard)
#define zip_error_fini (kith_zip_lib_fn.zip_error_fini)
#define zip_error_init_with_code (kith_zip_lib_fn.zip_error_init_with_code)
#define zip_error_strerror (kith_zip_lib_fn.zip_error_strerror)
#define zip_fclose (kith_zip_lib_fn.zip_fclose)
#define zip_file_strerror (kith_zip_lib_fn.zip_file_strerror)
#define zip_fopen_index (kith_zip_lib_fn.zip_fopen_index)
#define zip_fread (kith_zip_lib_fn.zip_fread)
#define zip_get_name (kith_zip_lib_fn.zip_get_name)
#define zip_get_num_entries (kith_zip_lib_fn.zip_get_num_entries)
#define zip_open (kith_zip_lib_fn.zip_open)
#define zip_stat_index (kith_zip_lib_fn.zip_stat_index)
#define zip_stat_init (kith_zip_lib_fn.zip_stat_init)
#define zip_strerror (kith_zip_lib_fn.zip_strerror)
#endif

#endif
