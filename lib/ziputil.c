/*
 * A .zip's entries through libzip, with limits (lib/ziputil.h). The size
 * in an entry's header is only used to refuse early: the bytes are counted
 * as they are inflated, since a crafted header can understate them.
 */
#include "ziputil.h"

#include <stdio.h>
#include <stdlib.h>
#include <zip.h>

#include "util/xalloc.h"
#include "lazy_zip.h"
#include "banned.h"

struct kith_zip {
	zip_t *za;
	size_t n;
	char **names; /* owned copies: libzip's are valid only while it is open */
};

struct kith_zip *kith_zip_open(const char *path, size_t max_entries, char *err, size_t errlen)
{
	struct kith_zip *z;
	zip_t *za;
	zip_int64_t n;
	int ze = 0;

	if (kith_zip_lib_load(err, errlen) < 0)
		return NULL;
	za = zip_open(path, ZIP_RDONLY, &ze);
	if (!za) {
		zip_error_t e;
		zip_error_init_with_code(&e, ze);
		snprintf(err, errlen, "not a readable zip file (%s)", zip_error_strerror(&e));
		zip_error_fini(&e);
		return NULL;
	}
	n = zip_get_num_entries(za, 0);
	if (n < 0 || (zip_uint64_t)n > max_entries) {
		snprintf(err, errlen, "the zip has %lld entries (%zu at most)", (long long)n, max_entries);
		zip_discard(za);
		return NULL;
	}
	z = xcalloc(1, sizeof(*z));
	z->za = za;
	z->n = (size_t)n;
	z->names = xcalloc(z->n ? z->n : 1, sizeof(*z->names));
	for (size_t i = 0; i < z->n; i++) {
		const char *nm = zip_get_name(za, (zip_uint64_t)i, ZIP_FL_ENC_GUESS);
		z->names[i] = xstrdup(nm ? nm : "");
	}
	return z;
}

size_t kith_zip_count(const struct kith_zip *z)
{
	return z->n;
}

const char *kith_zip_name(const struct kith_zip *z, size_t i)
{
	return i < z->n ? z->names[i] : "";
}

int kith_zip_read(struct kith_zip *z, size_t i, size_t max, struct strbuf *out, char *err, size_t errlen)
{
	zip_stat_t st;
	zip_file_t *f;
	char buf[65536];
	zip_int64_t got;
	size_t total = 0;
	int ret = 0;

	if (i >= z->n) {
		snprintf(err, errlen, "no entry %zu", i);
		return -1;
	}
	zip_stat_init(&st);
	if (zip_stat_index(z->za, (zip_uint64_t)i, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) && st.size > max) {
		snprintf(err, errlen, "%llu bytes uncompressed (%zu MiB at most)", (unsigned long long)st.size,
			 max >> 20);
		return -1;
	}
	f = zip_fopen_index(z->za, (zip_uint64_t)i, 0);
	if (!f) {
		snprintf(err, errlen, "cannot open it (%s)", zip_strerror(z->za));
		return -1;
	}
	while ((got = zip_fread(f, buf, sizeof(buf))) > 0) {
		total += (size_t)got;
		if (total > max) {
			snprintf(err, errlen, "more than %zu MiB uncompressed", max >> 20);
			ret = -1;
			break;
		}
		if (strbuf_add(out, buf, (size_t)got) < 0) {
			snprintf(err, errlen, "too large to read");
			ret = -1;
			break;
		}
	}
	if (!ret && got < 0) {
		snprintf(err, errlen, "damaged (%s)", zip_file_strerror(f));
		ret = -1;
	}
	zip_fclose(f);
	return ret;
}

void kith_zip_close(struct kith_zip *z)
{
	if (!z)
		return;
	zip_discard(z->za);
	for (size_t i = 0; i < z->n; i++)
		free(z->names[i]);
	free(z->names);
	free(z);
}
