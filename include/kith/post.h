#ifndef KITH_POST_H
#define KITH_POST_H

/*
 * The personal brand: what the user publishes (posts, articles, talks),
 * logged so kith can keep a cadence. The setting brand.every is how often
 * the user means to publish ("2w" by default, "none" to turn it off);
 * once the last post is that old, the daily plan has a `brand` action.
 * Before the first post there is no brand action: kith does not nag
 * anyone into publishing.
 */

#include <stddef.h>
#include <stdint.h>

#include "kith/kith.h"
#include "kith/person.h"

#define KITH_POST_TITLE_MAX 500   /* bytes */
#define KITH_POST_URL_MAX 2000    /* bytes */
#define KITH_POST_CHANNEL_MAX 100 /* bytes */
#define KITH_POST_TAGS_MAX 50

struct kith_post {
	int64_t id;
	char *title;
	char *url;     /* NULL when unset */
	kith_day date;
	char *channel; /* "LinkedIn", a blog, a conference; NULL when unset */
	struct kith_strlist tags; /* normalized as person tags are */
};

/* Free the contents and zero the struct. NULL is accepted. */
void kith_post_release(struct kith_post *p);

/*
 * Log a post: p->title is required (trimmed, at most KITH_POST_TITLE_MAX
 * bytes); p->url and p->channel are optional (NULL or ""); p->date must
 * not be after today; p->tags are normalized (kith_tag_normalize),
 * duplicates dropped. p->id is ignored; *id (may be NULL) is the new id.
 * Bad values are KITH_EINPUT and nothing is written.
 */
enum kith_rc kith_post_add(struct kith *k, const struct kith_post *p, int64_t *id);

/* Load post id into *p (which the caller releases); KITH_ENOTFOUND. */
enum kith_rc kith_post_get(struct kith *k, int64_t id, struct kith_post *p);

/* Remove post id; KITH_ENOTFOUND when there is none. */
enum kith_rc kith_post_rm(struct kith *k, int64_t id);

/*
 * Call fn for each post dated `since` or later (KITH_NO_DAY: all), newest
 * first. fn returning non-zero stops; the struct is released after the
 * call.
 */
enum kith_rc kith_post_each(struct kith *k, kith_day since, int (*fn)(void *ctx, const struct kith_post *p),
			    void *ctx);

/*
 * The brand cadence in days from the setting brand.every: 0 when it is
 * "none", else 1..36500 (a stored value that does not parse counts as the
 * default, 2 weeks). *last (may be NULL) is the date of the newest post,
 * KITH_NO_DAY when there is none.
 */
enum kith_rc kith_brand_cadence(struct kith *k, int *every_days, kith_day *last);

#endif
