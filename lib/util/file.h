#ifndef KITH_UTIL_FILE_H
#define KITH_UTIL_FILE_H

/* Files of the folders kith writes (vdirs): reading with a limit, writing
 * whole, replacing atomically. Each returns 0 or -1 with errno set. */

#include <stddef.h>

#include "kith/strbuf.h"

/* dir "/" name into p (reset first), without doubling a trailing slash. */
void kith_path_join(struct strbuf *p, const char *dir, const char *name);

/* mkdir -p dir (mode 0777 before the umask); ENOTDIR when dir is a file. */
int kith_mkdirs(const char *dir);

/* The whole of path into sb (reset first); EFBIG when it is larger than max bytes. */
int kith_read_file(const char *path, struct strbuf *sb, size_t max);

/* write(2) until len bytes are written (EINTR retried). */
int kith_write_all(int fd, const void *data, size_t len);

/*
 * Replace path with data atomically: a hidden temporary file in dir (its
 * name from tmpl, ending in XXXXXX), mode 0644, then rename(2), so a reader
 * sees the old file or the new one, never half of one. With sync the data
 * is on disk (fsync) before the rename. On failure the temporary file is
 * removed, path is as it was, and a one-line reason is appended to err.
 */
int kith_replace_file(const char *dir, const char *tmpl, const char *path, const void *data, size_t len,
		      int sync, struct strbuf *err);

#endif
