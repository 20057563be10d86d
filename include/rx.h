/*
 * rx.h - PCRE2 the way smtplog uses it everywhere: byte mode (logs are
 * bytes, not guaranteed UTF-8), each pattern compiled once with its own
 * match data, JIT-compiled when the platform allows, and every match run
 * under match and depth limits so that no pattern can hang a run.
 *
 *   rx_ctx_init(&ctx) / rx_ctx_done(&ctx)   limits, JIT stack, JIT switch
 *   rx_compile(&re, src, n, opts, err, n)   compile; "offset N: message"
 *   rx_jit(&ctx, &re)                       JIT it before its first match
 *                                           (a failure is no error)
 *   rx_match(&ctx, &re, s, n)               1 match, 0 none, -1 limit hit
 *   rx_free(&re)
 *
 * SMTPLOG_NO_JIT in the environment turns JIT off (for valgrind, which
 * cannot follow JIT code). A limit hit is counted in ctx.limit_hits, every
 * match run in ctx.runs (what the literal prefilters spare shows there).
 * JIT compiling is put off until a pattern is first matched: most of the
 * signatures' patterns never run on a given log, and compiling them all
 * was most of the start-up time (JIT or not, every match of a pattern is
 * run the same way, so a run's answers do not depend on the order).
 */
#ifndef SMTPLOG_RX_H
#define SMTPLOG_RX_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <stddef.h>
#include <stdint.h>

#define RX_MATCH_LIMIT 200000
#define RX_DEPTH_LIMIT 2000

struct rx {
	pcre2_code *code;
	pcre2_match_data *md;
	int jit_todo; /* JIT-compile it at the first match */
};

struct rx_ctx {
	pcre2_match_context *mctx;
	pcre2_jit_stack *stack;
	int jit;                  /* JIT-compile patterns */
	unsigned long limit_hits; /* matches stopped by a limit */
	unsigned long runs;       /* matches run */
};

void rx_ctx_init(struct rx_ctx *c);
void rx_ctx_done(struct rx_ctx *c);
int rx_compile(struct rx *re, const char *src, size_t n, uint32_t options,
    char *err, size_t errlen);
void rx_jit(const struct rx_ctx *c, struct rx *re);
int rx_match(struct rx_ctx *c, struct rx *re, const char *s, size_t n);
void rx_free(struct rx *re);

#endif
