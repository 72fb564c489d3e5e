#include "util/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/xalloc.h"
#include "banned.h"

void kith_path_join(struct strbuf *p, const char *dir, const char *name)
{
	strbuf_reset(p);
	strbuf_addstr(p, dir);
	if (p->len && p->buf[p->len - 1] != '/')
		strbuf_addch(p, '/');
	strbuf_addstr(p, name);
}

int kith_mkdirs(const char *dir)
{
	char *d = xstrdup(dir);
	struct stat sb;
	int rc = 0;
	for (char *s = d + 1; *d; s++) {
		if (*s == '/' || *s == '\0') {
			char save = *s;
			*s = '\0';
			if (mkdir(d, 0777) < 0 && errno != EEXIST) {
				rc = -1;
				break;
			}
			*s = save;
			if (!save)
				break;
		}
	}
	if (rc == 0) {
		if (stat(dir, &sb) < 0) {
			rc = -1;
		} else if (!S_ISDIR(sb.st_mode)) {
			errno = ENOTDIR;
			rc = -1;
		}
	}
	free(d);
	return rc;
}

int kith_read_file(const char *path, struct strbuf *sb, size_t max)
{
	char chunk[16384];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	strbuf_reset(sb);
	if (fd < 0)
		return -1;
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			close(fd);
			return -1;
		}
		if (sb->len + (size_t)n > max) {
			close(fd);
			errno = EFBIG;
			return -1;
		}
		strbuf_add(sb, chunk, (size_t)n);
	}
	close(fd);
	return 0;
}

int kith_write_all(int fd, const void *data, size_t len)
{
	const char *s = data;
	while (len) {
		ssize_t n = write(fd, s, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		s += n;
		len -= (size_t)n;
	}
	return 0;
}

int kith_replace_file(const char *dir, const char *tmpl, const char *path, const void *data, size_t len,
		      int sync, struct strbuf *err)
{
	struct strbuf tmp = STRBUF_INIT;
	int fd, rc = -1, saved;

	kith_path_join(&tmp, dir, tmpl);
	fd = mkstemp(tmp.buf);
	if (fd < 0) {
		saved = errno;
		strbuf_addf(err, "cannot create a file in '%s': %s", dir, strerror(saved));
		goto done;
	}
	if (fchmod(fd, 0644) < 0 || kith_write_all(fd, data, len) < 0 || (sync && fsync(fd) < 0)) {
		saved = errno;
		strbuf_addf(err, "cannot write '%s': %s", tmp.buf, strerror(saved));
		close(fd);
		unlink(tmp.buf);
		goto done;
	}
	if (close(fd) < 0) {
		saved = errno;
		strbuf_addf(err, "cannot write '%s': %s", tmp.buf, strerror(saved));
		unlink(tmp.buf);
		goto done;
	}
	if (rename(tmp.buf, path) < 0) {
		saved = errno;
		strbuf_addf(err, "cannot replace '%s': %s", path, strerror(saved));
		unlink(tmp.buf);
		goto done;
	}
	rc = 0;
	saved = 0;
done:
	strbuf_release(&tmp);
	errno = saved;
	return rc;
}
