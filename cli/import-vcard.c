/*
 * kith import vcard FILE|DIR|- [--skip-bad] [--circle C] [--json]
 *
 * Reads vCards (lib/vcard.c) and merges each into the network
 * (lib/contact.c). The dispatcher runs the command in one transaction: a
 * card that cannot be read fails the import (exit 2, "file:line: reason")
 * and nothing is written, unless --skip-bad, which lists what it skipped.
 */
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kith/cadence.h"
#include "kith/contact.h"
#include "kith/json.h"
#include "kith/strbuf.h"
#include "kith/vcard.h"
#include "banned.h"

static const char usage_import_vcard[] =
	"kith import vcard FILE|DIR|- [--skip-bad] [--circle C] [--json]\n\n"
	"Import vCards (2.1, 3.0, 4.0) from a file, every .vcf in a folder, or standard\n"
	"input. People already in the network are matched by LinkedIn URL, email, phone,\n"
	"then name, and get the new facts merged in; the others are added.\n\n"
	"Options:\n"
	"  --skip-bad             skip the cards that cannot be read (listed on stderr)\n"
	"  --circle C             the circle of the people added (default: default.circle)\n"
	"  --json                 print the counts as JSON\n";

enum { O_SKIP_BAD = 1, O_CIRCLE };

static const struct opt_spec spec[] = {
	{ "skip-bad", 0, 0, O_SKIP_BAD },
	{ "circle", 0, 1, O_CIRCLE },
	{ NULL, 0, 0, 0 },
};

/*
 * Two threads: a reader parses the files into batches of contacts while
 * the main thread merges them into the database (all SQLite work stays on
 * the main thread). Parsing is about a third of an import, so on two cores
 * it is hidden behind the merge. The reader stops at the first file it
 * cannot read, and when asked to (a bad card without --skip-bad); what it
 * would print is printed by the main thread, in order.
 */
enum item_kind { IT_CARD, IT_BAD, IT_ERROR };

struct item {
	enum item_kind kind;
	struct kith_contact ct; /* IT_CARD */
	const char *path;
	size_t line;            /* the card's first line, or the error's line */
	char *msg;              /* IT_BAD: why; IT_ERROR: the message */
	int status;             /* IT_ERROR: the exit status */
};

#define BATCH 512  /* contacts per hand-over */
#define QUEUE 8    /* batches parsed ahead at most */

struct batch {
	struct item it[BATCH];
	size_t n;
	int last; /* the reader is done */
	struct batch *next; /* on the spent list */
};

/* A card file of a folder, and whether its entry says it is a regular file. */
struct entry {
	char *name;
	unsigned char regular;
};

struct pipeline {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct batch *q[QUEUE];
	size_t head, count;
	size_t waits; /* times the reader found the queue full */
	/*
	 * Merged batches, for the reader to free: their cards were allocated
	 * in its thread's malloc arena, and each free() from another thread
	 * takes that arena's lock against the reader's own malloc() calls
	 * (0.05 s of 1.8 for 100,000 cards in a file, 0.15 s for a folder).
	 */
	struct batch *spent;
	int stop; /* the main thread wants no more */
	char *const *paths;
	size_t npaths;
	/* a folder's cards: opened by name in it (paths are for messages) */
	int dirfd;           /* -1 for files given by path */
	const struct entry *entries; /* paths[i]'s name in the folder, or NULL */
};

struct run {
	struct cli *c;
	struct kith_contact_merger *m;
	struct kith_import_stats st;
	size_t cards;
	int skip_bad;
};

/*
 * Read a whole file (or stdin for "-") up to the vCard file limit; 0, or
 * the exit status with the message in err. A vdir is thousands of small
 * files, so a regular file costs as few system calls as can be: one read()
 * into a buffer of its size, and none for the end of the file. A card
 * whose folder entry says it is a regular file (regular) is not even asked
 * its size: a read() of a regular file returns less than it was asked for
 * only at the end of the file, so one that leaves room read it all.
 */
static int slurp(int dirfd, const char *name, const char *path, int regular, struct strbuf *sb,
		 struct strbuf *err)
{
	int fd = dirfd >= 0 ? openat(dirfd, name, O_RDONLY | O_CLOEXEC)
		: strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC) : 0;
	struct stat st;
	size_t size = 0, start = sb->len; /* a regular file's size, when known: read no further */
	int ret = 0;

	if (fd < 0) {
		strbuf_addf(err, "cannot open '%s': %s", path, strerror(errno));
		return 1;
	}
	if (!regular && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (uint64_t)st.st_size <= KITH_VCARD_MAX_FILE) {
		size = (size_t)st.st_size;
		strbuf_grow(sb, size + 1);
	}
	for (;;) {
		ssize_t n;
		size_t room;
		if (sb->alloc - sb->len < 4096 + 1 && strbuf_grow(sb, 65536) < 0) {
			strbuf_addf(err, "%s: the file is too large (%u MiB at most)", path, KITH_VCARD_MAX_FILE >> 20);
			ret = 2;
			break;
		}
		room = sb->alloc - sb->len - 1;
		n = read(fd, sb->buf + sb->len, room);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			strbuf_addf(err, "cannot read '%s': %s", path, strerror(errno));
			ret = 1;
			break;
		}
		if (n == 0)
			break;
		if (sb->len + (size_t)n > KITH_VCARD_MAX_FILE) {
			strbuf_addf(err, "%s: the file is too large (%u MiB at most)", path, KITH_VCARD_MAX_FILE >> 20);
			ret = 2;
			break;
		}
		sb->len += (size_t)n;
		sb->buf[sb->len] = '\0';
		if ((size && sb->len - start == size) || (regular && (size_t)n < room))
			break; /* no read for the end of file */
	}
	if (fd != 0)
		close(fd);
	return ret;
}

static void batch_free(struct batch *b);
static void spent_free(struct batch *b);

/* Hand a batch to the main thread; 0, or -1 when it wants no more (the batch is freed).
 * Frees the spent batches on the way. */
static int put(struct pipeline *pl, struct batch *b)
{
	struct batch *spent;
	int stop;
	pthread_mutex_lock(&pl->mu);
	/*
	 * A reader that keeps finding the queue full is ahead of the merge,
	 * and the writer thread bounds the import: with fewer cores than
	 * threads, the reader then yields to the other two (on Linux, nice()
	 * is a thread's own): 0.14 s of 2.28 for 100,000 cards in one file on
	 * two cores. A folder of cards costs the reader a few system calls a
	 * card, so it is ahead only late; yielding from the start made that
	 * import 0.1 s slower.
	 */
	if (pl->count == QUEUE && ++pl->waits == QUEUE) {
		errno = 0;
		if (nice(10) == -1 && errno)
			errno = 0; /* refused: it competes as before */
	}
	while (pl->count == QUEUE && !pl->stop)
		pthread_cond_wait(&pl->cv, &pl->mu);
	stop = pl->stop;
	if (!stop) {
		pl->q[(pl->head + pl->count) % QUEUE] = b;
		pl->count++;
		pthread_cond_broadcast(&pl->cv);
	}
	spent = pl->spent;
	pl->spent = NULL;
	pthread_mutex_unlock(&pl->mu);
	spent_free(spent);
	if (stop)
		batch_free(b);
	return stop ? -1 : 0;
}

static struct batch *take(struct pipeline *pl)
{
	struct batch *b;
	pthread_mutex_lock(&pl->mu);
	while (!pl->count)
		pthread_cond_wait(&pl->cv, &pl->mu);
	b = pl->q[pl->head];
	pl->head = (pl->head + 1) % QUEUE;
	pl->count--;
	pthread_cond_broadcast(&pl->cv);
	pthread_mutex_unlock(&pl->mu);
	return b;
}

static void batch_free(struct batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		kith_contact_release(&b->it[i].ct);
		free(b->it[i].msg);
	}
	free(b);
}

/* A list of spent batches. */
static void spent_free(struct batch *b)
{
	while (b) {
		struct batch *next = b->next;
		batch_free(b);
		b = next;
	}
}

static struct batch *batch_new(void)
{
	struct batch *b = calloc(1, sizeof(*b));
	if (!b)
		abort();
	return b;
}

/* The next free item of *b, handing a full batch over first; NULL when stopped. */
static struct item *next_item(struct pipeline *pl, struct batch **b)
{
	struct item *it;
	if ((*b)->n == BATCH) {
		if (put(pl, *b) < 0) {
			*b = NULL;
			return NULL;
		}
		*b = batch_new();
	}
	it = &(*b)->it[(*b)->n++];
	memset(it, 0, sizeof(*it));
	kith_contact_init(&it->ct);
	return it;
}

static void *reader_main(void *arg)
{
	struct pipeline *pl = arg;
	struct batch *b = batch_new();
	struct strbuf data = STRBUF_INIT, err = STRBUF_INIT;
	struct kith_vcard_reader rd; /* one for all the files: its buffers are kept */

	memset(&rd, 0, sizeof(rd));
	for (size_t f = 0; f < pl->npaths; f++) {
		const char *path = pl->paths[f];
		struct item *it;
		int status, got, failed = 0;

		strbuf_reset(&data);
		strbuf_reset(&err);
		if ((status = slurp(pl->dirfd, pl->entries ? pl->entries[f].name : NULL, path,
				    pl->entries ? pl->entries[f].regular : 0, &data, &err)) != 0 ||
		    kith_vcard_reader_restart(&rd, data.buf, data.len)) {
			if (!status) {
				strbuf_addf(&err, "%s: %s", path, rd.err);
				status = 2;
			}
			if (!(it = next_item(pl, &b)))
				goto out;
			it->kind = IT_ERROR;
			it->path = path;
			it->msg = strbuf_detach(&err);
			it->status = status;
			break;
		}
		for (;;) {
			if (!(it = next_item(pl, &b))) {
				failed = 1;
				break;
			}
			got = kith_vcard_next(&rd, &it->ct);
			if (got == 0) {
				kith_contact_release(&it->ct);
				b->n--; /* not used */
				break;
			}
			it->path = path;
			if (got < 0) {
				it->kind = IT_BAD;
				it->line = rd.err_line;
				it->msg = strdup(rd.err);
			} else {
				it->kind = IT_CARD;
				it->line = rd.card_line;
				kith_contact_prepare(&it->ct); /* the merge's share that this thread can do */
			}
		}
		if (failed)
			goto out;
	}
	b->last = 1;
	(void)put(pl, b);
	b = NULL;
out:
	kith_vcard_reader_release(&rd);
	strbuf_release(&data);
	strbuf_release(&err);
	return NULL;
}

/* A bad card: fatal (2) or, with --skip-bad, listed and counted (0). */
static int bad_card(struct run *r, const char *path, size_t line, const char *why)
{
	if (!r->skip_bad) {
		error("%s:%zu: %s", path, line, why);
		return 2;
	}
	warning("%s:%zu: skipped: %s", path, line, why);
	r->st.skipped++;
	return 0;
}

/* Merge one batch; 0, or the exit status that ends the import. */
static int merge_batch(struct run *r, struct batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		struct item *it = &b->it[i];
		enum kith_rc rc;
		int status = 0;

		if (it->kind == IT_ERROR) {
			error("%s", it->msg);
			return it->status;
		}
		r->cards++;
		if (it->kind == IT_BAD) {
			status = bad_card(r, it->path, it->line, it->msg ? it->msg : "");
		} else {
			rc = kith_contact_merger_add(r->m, &it->ct, &r->st, NULL);
			if (rc == KITH_EINPUT)
				status = bad_card(r, it->path, it->line, kith_errmsg(r->c->k));
			else if (rc != KITH_OK)
				status = lib_error(r->c, rc);
		}
		if (status)
			return status;
	}
	return 0;
}

/* Import the files paths[0..n) in order. */
static int import_files(struct run *r, int dirfd, const struct entry *entries, char *const *paths, size_t n)
{
	struct pipeline pl;
	pthread_t th;
	int status = 0, done = 0, e;

	memset(&pl, 0, sizeof(pl));
	pthread_mutex_init(&pl.mu, NULL);
	pthread_cond_init(&pl.cv, NULL);
	pl.paths = paths;
	pl.npaths = n;
	pl.dirfd = dirfd;
	pl.entries = entries;
	if ((e = pthread_create(&th, NULL, reader_main, &pl)) != 0) {
		error("cannot start a thread: %s", strerror(e));
		status = 1;
		goto out;
	}
	while (!done) {
		struct batch *b = take(&pl);
		done = b->last;
		status = merge_batch(r, b);
		/* the reader frees it */
		pthread_mutex_lock(&pl.mu);
		b->next = pl.spent;
		pl.spent = b;
		pthread_mutex_unlock(&pl.mu);
		if (status)
			break;
	}
	pthread_mutex_lock(&pl.mu);
	pl.stop = 1;
	pthread_cond_broadcast(&pl.cv);
	pthread_mutex_unlock(&pl.mu);
	pthread_join(th, NULL);
	spent_free(pl.spent);
	while (pl.count) {
		batch_free(pl.q[pl.head]);
		pl.head = (pl.head + 1) % QUEUE;
		pl.count--;
	}
out:
	pthread_mutex_destroy(&pl.mu);
	pthread_cond_destroy(&pl.cv);
	return status;
}

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->name, ((const struct entry *)b)->name);
}

static int has_ext(const char *name)
{
	size_t n = strlen(name);
	return (n > 4 && !strcasecmp(name + n - 4, ".vcf")) || (n > 6 && !strcasecmp(name + n - 6, ".vcard"));
}

/* Every .vcf/.vcard in dir, in name order. */
static int import_dir(struct run *r, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct entry *ents = NULL;
	char **paths;
	size_t n = 0, alloc = 0, i;
	int status = 0, dfd;

	if (!d) {
		error("cannot open '%s': %s", dir, strerror(errno));
		return 1;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || !has_ext(e->d_name))
			continue;
		if (n == alloc) {
			alloc = alloc ? 2 * alloc : 64;
			ents = realloc(ents, alloc * sizeof(*ents));
			if (!ents)
				abort();
		}
		ents[n].name = strdup(e->d_name);
		ents[n++].regular = e->d_type == DT_REG; /* DT_UNKNOWN on some file systems: then asked */
	}
	if (n)
		qsort(ents, n, sizeof(*ents), cmp_entry);
	paths = calloc(n + 1, sizeof(*paths));
	if (!paths)
		abort();
	for (i = 0; i < n; i++) {
		struct strbuf p = STRBUF_INIT;
		/* "dir/" given on the command line makes no "dir//card.vcf" */
		size_t dl = strlen(dir);
		while (dl > 1 && dir[dl - 1] == '/')
			dl--;
		strbuf_add(&p, dir, dl);
		strbuf_addch(&p, '/');
		strbuf_addstr(&p, ents[i].name);
		paths[i] = strbuf_detach(&p);
	}
	/* each card opened by its name in the folder: no path to resolve again */
	dfd = dirfd(d);
	if (n)
		status = import_files(r, dfd, ents, paths, n);
	closedir(d);
	for (i = 0; i < n; i++) {
		free(ents[i].name);
		free(paths[i]);
	}
	free(ents);
	free(paths);
	return status;
}

int import_vcard(struct cli *c, int argc, char **argv)
{
	struct run r;
	struct opts o;
	struct stat sb;
	int opt, status = 0, circle = -1;

	memset(&r, 0, sizeof(r));
	r.c = c;
	opts_init(&o, argc, argv);
	while ((opt = opts_next(&o, spec)) > 0) {
		if (opt == OPT_HELP) {
			fputs(usage_import_vcard, stdout);
			goto cleanup;
		}
		if (common_option(c, opt, o.arg))
			continue;
		if (opt == O_SKIP_BAD) {
			r.skip_bad = 1;
		} else if (opt == O_CIRCLE) {
			if ((circle = kith_circle_parse(o.arg)) < 0) {
				status = usage_error("import", "unknown circle '%s' (inner, close, active, wide or acquaintance)",
						     o.arg);
				goto cleanup;
			}
		}
	}
	if (opt < 0) {
		status = 2;
		goto cleanup;
	}
	if (o.npos != 1) {
		status = usage_error("import", o.npos ? "one file or folder at a time" : "which file? (FILE, DIR or -)");
		goto cleanup;
	}
	if ((status = cli_open_db(c)) != 0)
		goto cleanup;
	if (!(r.m = kith_contact_merger_new(c->k, circle))) {
		status = lib_error(c, KITH_ERR);
		goto cleanup;
	}
	kith_contact_merger_defer(r.m); /* it reads nothing until the end */
	if (strcmp(o.pos[0], "-") && !stat(o.pos[0], &sb) && S_ISDIR(sb.st_mode))
		status = import_dir(&r, o.pos[0]);
	else
		status = import_files(&r, -1, NULL, &o.pos[0], 1);
	if (!status && kith_contact_merger_finish(r.m) != KITH_OK)
		status = lib_error(c, KITH_ERR);
	if (status)
		goto cleanup;
	if (c->json) {
		struct kith_json j;
		kith_json_init(&j, stdout);
		kith_json_obj(&j);
		kith_json_key(&j, "cards");
		kith_json_int(&j, (int64_t)r.cards);
		kith_json_key(&j, "added");
		kith_json_int(&j, (int64_t)r.st.added);
		kith_json_key(&j, "updated");
		kith_json_int(&j, (int64_t)r.st.updated);
		kith_json_key(&j, "unchanged");
		kith_json_int(&j, (int64_t)r.st.unchanged);
		kith_json_key(&j, "skipped");
		kith_json_int(&j, (int64_t)r.st.skipped);
		kith_json_end(&j);
		kith_json_finish(&j);
	}
	info("imported %zu card%s: %zu added, %zu updated, %zu unchanged, %zu skipped", r.cards,
	     r.cards == 1 ? "" : "s", r.st.added,
	     r.st.updated, r.st.unchanged, r.st.skipped);
cleanup:
	kith_contact_merger_free(r.m);
	opts_release(&o);
	return status;
}
