/*
 * rx.c - PCRE2 the way smtplog uses it everywhere (see rx.h).
 *
 * One match context per owner (the pattern set, the signature set)
 * carries the limits and the JIT stack; each compiled pattern owns its
 * match data, so matching allocates nothing. Errors are written into the
 * caller's buffer as "offset N: <PCRE2 message>"; the caller puts the
 * file and line in front.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rx.h"
#include "util.h"

void
rx_ctx_init(struct rx_ctx *c)
{
	memset(c, 0, sizeof(*c));
	if ((c->mctx = pcre2_match_context_create(NULL)) == NULL)
		util_fatal("out of memory");
	pcre2_set_match_limit(c->mctx, RX_MATCH_LIMIT);
	pcre2_set_depth_limit(c->mctx, RX_DEPTH_LIMIT);
	/* memcheck cannot follow JIT code; SMTPLOG_NO_JIT turns it off */
	c->jit = getenv("SMTPLOG_NO_JIT") == NULL;
	if (c->jit &&
	    (c->stack = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL)) !=
		NULL)
		pcre2_jit_stack_assign(c->mctx, NULL, c->stack);
}

void
rx_ctx_done(struct rx_ctx *c)
{
	pcre2_jit_stack_free(c->stack);
	pcre2_match_context_free(c->mctx);
	c->stack = NULL;
	c->mctx = NULL;
}

int
rx_compile(struct rx *re, const char *src, size_t n, uint32_t options,
    char *err, size_t errlen)
{
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE off;
	int ec;

	re->md = NULL;
	re->jit_todo = 0;
	re->code = pcre2_compile((PCRE2_SPTR)src, n, options, &ec, &off, NULL);
	if (re->code == NULL) {
		pcre2_get_error_message(ec, msg, sizeof(msg));
		snprintf(err, errlen, "offset %zu: %s", (size_t)off,
		    (const char *)msg);
		return -1;
	}
	re->md = pcre2_match_data_create_from_pattern(re->code, NULL);
	if (re->md == NULL)
		util_fatal("out of memory");
	return 0;
}

void
rx_jit(const struct rx_ctx *c, struct rx *re)
{
	re->jit_todo = c->jit && re->code != NULL;
}

int
rx_match(struct rx_ctx *c, struct rx *re, const char *s, size_t n)
{
	int rc;

	/* a JIT failure (no JIT here, no executable memory) is not an error:
	 * the interpreter runs the pattern instead */
	if (re->jit_todo) {
		re->jit_todo = 0;
		(void)pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE);
	}
	c->runs++;
	rc = pcre2_match(re->code, (PCRE2_SPTR)s, n, 0, 0, re->md, c->mctx);

	if (rc >= 0)
		return 1;
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	c->limit_hits++;
	return -1;
}

void
rx_free(struct rx *re)
{
	pcre2_match_data_free(re->md);
	pcre2_code_free(re->code);
	re->md = NULL;
	re->code = NULL;
}
