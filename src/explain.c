/*
 * explain.c - "smtplog explain": everything about one reply code, or the
 * comparison of two, in the shape of a reference page.
 *
 * For one code: its class, description, when you see it, and how to fix
 * it from both sides (our server sent it; a remote server sent it). For
 * two: both, then the key differences and when each applies. The text
 * comes from the knowledge base (kb_explain, so a stage-free reading of
 * the most specific entry) in the current language; headings are
 * translated with gettext. --format json gives the same as one object.
 *
 * A well-formed code that no RFC assigns still gets an answer: the
 * meaning of its class, and of its subject for an enhanced code.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "explain.h"
#include "i18n.h"
#include "kb.h"
#include "report.h"
#include "util.h"

/* What one code says, gathered once for both output forms. */
struct explain_page {
	char label[24];         /* "550", "5.1.1" or "550 5.1.1" */
	int cls;                /* reply class 2..5 */
	int assigned;           /* a registry/RFC entry exists */
	const char *class_name; /* "5xx Permanent Negative Completion" */
	const char *enh_class;  /* "Permanent Failure" or NULL */
	const char *subject;    /* "Addressing Status" or NULL */
	struct kb_advice in, out;
};

int
explain_parse(const char *s, struct explain_code *c, char *err, size_t errlen)
{
	const char *sp = strchr(s, ' ');
	size_t n = strlen(s);

	memset(c, 0, sizeof(*c));
	if (sp != NULL) {
		/* "550 5.1.1": a basic code, then an enhanced one */
		c->code = event_code_parse(s, (size_t)(sp - s));
		while (*sp == ' ')
			sp++;
		if (c->code == 0 ||
		    event_enh_parse(sp, strlen(sp), &c->enh) < 0)
			goto bad;
		if (c->enh.cls != c->code / 100) {
			snprintf(err, errlen,
			    _("'%s': the classes of %d and %d.%d.%d differ"), s,
			    c->code, c->enh.cls, c->enh.subject, c->enh.detail);
			return -1;
		}
		return 0;
	}
	if (strchr(s, '.') != NULL) {
		if (event_enh_parse(s, n, &c->enh) == 0)
			return 0;
	} else if ((c->code = event_code_parse(s, n)) != 0)
		return 0;
bad:
	snprintf(err, errlen,
	    _("'%s' is not a reply code (like 550, 5.1.1 or \"550 5.1.1\")"),
	    s);
	return -1;
}

int
explain_args(int argc, char *const *argv, struct explain_code codes[2],
    int *ncodes, char *err, size_t errlen)
{
	int i;

	if (argc < 1 || argc > 2) {
		snprintf(err, errlen, "%s",
		    _("explain takes one code, or two codes to compare"));
		return -1;
	}
	for (i = 0; i < argc; i++)
		if (explain_parse(argv[i], &codes[i], err, errlen) < 0)
			return -1;
	*ncodes = argc;
	/* "explain 550 5.1.1" unquoted: one code written in two words */
	if (argc == 2 && codes[0].code != 0 && codes[0].enh.cls == 0 &&
	    codes[1].code == 0 && codes[1].enh.cls == codes[0].code / 100) {
		codes[0].enh = codes[1].enh;
		*ncodes = 1;
	}
	return 0;
}

/* Gather what the knowledge base says about one code. */
static void
explain_page_of(const struct explain_code *c, struct explain_page *p)
{
	char enh[16];

	memset(p, 0, sizeof(*p));
	event_enh_str(&c->enh, enh, sizeof(enh));
	if (c->code != 0 && c->enh.cls != 0)
		snprintf(p->label, sizeof(p->label), "%d %s", c->code, enh);
	else if (c->code != 0)
		snprintf(p->label, sizeof(p->label), "%d", c->code);
	else
		snprintf(p->label, sizeof(p->label), "%s", enh);
	p->cls = c->code != 0 ? c->code / 100 : c->enh.cls;
	p->class_name = kb_class_name(p->cls);
	if (c->enh.cls != 0) {
		p->enh_class = kb_enh_class_name(c->enh.cls);
		p->subject = kb_subject_name(c->enh.subject);
	}
	p->assigned = (c->code != 0 && kb_basic(c->code) != NULL) ||
	    (c->enh.cls != 0 && kb_enhanced(c->enh.subject, c->enh.detail));
	kb_explain(c->code, &c->enh, EVENT_IN, EVENT_STAGE_NONE, &p->in);
	kb_explain(c->code, &c->enh, EVENT_OUT, EVENT_STAGE_NONE, &p->out);
}

/* A heading line, then nothing: sections are indented under it. */
static void
explain_heading(FILE *fp, const char *h)
{
	fprintf(fp, "\n%s\n", h);
}

/* The sections of one code, as the single-code page shows them. */
static void
explain_sections(FILE *fp, const struct explain_page *p)
{
	explain_heading(fp, _("Description"));
	report_wrap(fp, "", p->out.explanation, 2);
	explain_heading(fp, _("When you see it"));
	report_wrap(fp, "", p->out.when, 2);
	explain_heading(fp, _("How to fix it"));
	report_wrap(fp, _("If your server sent it:"), p->in.advice, 2);
	report_wrap(fp, _("If a remote server sent it:"), p->out.advice, 2);
}

/* "5.1.1: Permanent Failure, Addressing Status" when there is one. */
static void
explain_enh_line(FILE *fp, const struct explain_code *c,
    const struct explain_page *p)
{
	char enh[16];

	if (c->enh.cls == 0)
		return;
	event_enh_str(&c->enh, enh, sizeof(enh));
	fprintf(fp, _("Enhanced status code %s: %s, %s\n"), enh,
	    p->enh_class ? p->enh_class : "?",
	    p->subject ? p->subject : _("unassigned subject"));
}

static void
explain_text_one(FILE *fp, const struct explain_code *c)
{
	struct explain_page p;

	explain_page_of(c, &p);
	fprintf(fp, "SMTP %s: %s\n", p.label, p.out.title);
	fprintf(fp, _("Class: %s\n"), p.class_name);
	explain_enh_line(fp, c, &p);
	if (!p.assigned)
		fprintf(fp, "%s\n",
		    _("No RFC assigns this code; what follows is the meaning of "
		      "its class."));
	explain_sections(fp, &p);
}

static void
explain_text_two(FILE *fp, const struct explain_code *c)
{
	struct explain_page p[2];
	char buf[1024];
	int i;

	explain_page_of(&c[0], &p[0]);
	explain_page_of(&c[1], &p[1]);
	fprintf(fp, _("SMTP %s %s vs %s %s\n"), p[0].label, p[0].out.title,
	    p[1].label, p[1].out.title);
	if (p[0].cls == p[1].cls)
		snprintf(buf, sizeof(buf),
		    _("%s (%s) and %s (%s) are both %s responses."), p[0].label,
		    p[0].out.title, p[1].label, p[1].out.title,
		    p[0].class_name);
	else
		snprintf(buf, sizeof(buf),
		    _("%s (%s) is a %s response, while %s (%s) is a %s "
		      "response."),
		    p[0].label, p[0].out.title, p[0].class_name, p[1].label,
		    p[1].out.title, p[1].class_name);
	report_wrap(fp, "", buf, 0);
	for (i = 0; i < 2; i++) {
		fprintf(fp, "\nSMTP %s: %s\n", p[i].label, p[i].out.title);
		explain_enh_line(fp, &c[i], &p[i]);
		explain_sections(fp, &p[i]);
	}
	explain_heading(fp, _("Key differences"));
	if (p[0].cls == p[1].cls)
		snprintf(buf, sizeof(buf), _("Both are %s responses."),
		    p[0].class_name);
	else
		snprintf(buf, sizeof(buf),
		    _("%s is a %s response, while %s is "
		      "a %s response."),
		    p[0].label, p[0].class_name, p[1].label, p[1].class_name);
	report_wrap(fp, "-", buf, 2);
	for (i = 0; i < 2; i++) {
		snprintf(buf, sizeof(buf), "SMTP %s: %s", p[i].label,
		    p[i].out.explanation);
		report_wrap(fp, "-", buf, 2);
	}
	for (i = 0; i < 2; i++) {
		snprintf(buf, sizeof(buf), _("You see %s: %s"), p[i].label,
		    p[i].out.when);
		report_wrap(fp, "-", buf, 2);
	}
	explain_heading(fp, _("When to use which"));
	for (i = 0; i < 2; i++) {
		snprintf(buf, sizeof(buf), _("For %s (%s): %s"), p[i].label,
		    p[i].out.title, p[i].out.advice);
		report_wrap(fp, "-", buf, 2);
	}
}

/* "key": "string" with a leading comma when not FIRST. */
static void
explain_json_str(FILE *fp, const char *key, const char *val, int first)
{
	fprintf(fp, "%s\"%s\": ", first ? "" : ", ", key);
	util_put_json_str(fp, val, val ? strlen(val) : 0);
}

static void
explain_json_one(FILE *fp, const struct explain_code *c)
{
	struct explain_page p;
	char code[8], enh[16];

	explain_page_of(c, &p);
	snprintf(code, sizeof(code), "%d", c->code);
	event_enh_str(&c->enh, enh, sizeof(enh));
	fputc('{', fp);
	explain_json_str(fp, "code", c->code ? code : NULL, 1);
	explain_json_str(fp, "enhanced", c->enh.cls ? enh : NULL, 0);
	fprintf(fp, ", \"class\": %d, \"assigned\": %s", p.cls,
	    p.assigned ? "true" : "false");
	explain_json_str(fp, "class_name", p.class_name, 0);
	explain_json_str(fp, "enhanced_class_name", p.enh_class, 0);
	explain_json_str(fp, "subject_name", p.subject, 0);
	explain_json_str(fp, "title", p.out.title, 0);
	explain_json_str(fp, "description", p.out.explanation, 0);
	explain_json_str(fp, "when", p.out.when, 0);
	explain_json_str(fp, "fix_inbound", p.in.advice, 0);
	explain_json_str(fp, "fix_outbound", p.out.advice, 0);
	fputc('}', fp);
}

int
explain_print(FILE *fp, const struct explain_code *codes, int ncodes, int json)
{
	if (json) {
		if (ncodes == 1)
			explain_json_one(fp, &codes[0]);
		else {
			fputs("{\"compare\": [", fp);
			explain_json_one(fp, &codes[0]);
			fputs(", ", fp);
			explain_json_one(fp, &codes[1]);
			fputs("]}", fp);
		}
		fputc('\n', fp);
	} else if (ncodes == 1)
		explain_text_one(fp, &codes[0]);
	else
		explain_text_two(fp, codes);
	return ferror(fp) ? -1 : 0;
}
