/*
 * genlog.c - write a realistic, deterministic mixed mail log for the
 * benchmark (bench/run.sh).
 *
 * genlog [--seed N] [--size BYTES] [--mix all|postfix] writes to standard
 * output about BYTES bytes of log (K, M and G suffixes are powers of 1024),
 * always whole lines. The same seed, size and mix give the same bytes on
 * every machine: one xorshift64* generator, integer arithmetic only.
 *
 * The line shapes are those of the captures in sample-logs/ (Postfix 3.7,
 * Exim 4.96, Sendmail 8.17) and of well known public replies (Gmail,
 * Microsoft 365, Yahoo, GMX, Spamhaus, postgrey). Up to POOL_TARGET
 * transactions are in flight at once and their lines interleave as in a
 * real log; the clock starts at 2026-11-20 00:00:00 (+01:00) and only
 * moves forward. A transaction is one message (connect, queue lines, one
 * delivery line per recipient, a retry of the deferred ones some minutes
 * later, a non-delivery notification after a bounce), one rejected
 * client, or connection noise.
 *
 * --mix all: about 60% of the lines Postfix (half classic syslog time,
 * half RFC 3339), 25% Exim mainlog, 15% Sendmail through syslog.
 * --mix postfix: Postfix only, classic syslog time (what pflogsumm reads).
 * Of the delivery attempts about 80% are delivered, 10% deferred and 5%
 * bounced; smtpd rejects come on top.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define POOL_MAX 96
#define POOL_TARGET 24
#define MAX_RCPT 4

enum { M_POSTFIX, M_EXIM, M_SENDMAIL, M_COUNT };
enum { O_SENT, O_DEFER, O_BOUNCE };
enum { S_RCPT, S_DATA, S_MAIL, S_CONN };
enum { K_SAID, K_TIMEOUT, K_REFUSED, K_LOST, K_DNS, K_NOHOST };
enum { P_GMAIL, P_MS, P_YAHOO, P_GMX, P_GENERIC, P_LOCAL };
enum {
	TX_PF_MSG,
	TX_PF_NDR,
	TX_PF_REJECT,
	TX_PF_SCREEN,
	TX_PF_SASL,
	TX_PF_NOISE,
	TX_EX_MSG,
	TX_EX_NDR,
	TX_EX_REJECT,
	TX_EX_NOISE,
	TX_SM_MSG,
	TX_SM_NDR,
	TX_SM_REJECT,
	TX_SM_NOISE
};

/* One remote reply: text ('|' between the lines of a multi-line reply). */
struct reply {
	const char *text;
	int stage;
	int kind;
	const char *dsn;
};

/* A recipient of a message and what became of it. */
struct rcpt {
	char addr[128];
	int prov;
	int outcome;
	const struct reply *rep;
	int done;
};

/* One transaction in flight. */
struct tx {
	int kind;
	int step;
	int wait;
	int rfc3339; /* Postfix: RFC 3339 time instead of classic */
	int sub;     /* variant inside the kind */
	int retried;
	uint64_t t0;
	unsigned pid, pid2;
	char qid[24], oqid[24];
	char host[96], ip[48], helo[96];
	char from[160], msgid[128];
	unsigned size, port;
	int nrcpt;
	struct rcpt rc[MAX_RCPT];
};

static uint64_t rng;
static uint64_t now_us; /* local time (+01:00), microseconds since epoch */
static uint64_t limit, written;
static uint64_t lines[M_COUNT];
static char lb[16384];
static size_t ll;
static struct tx pool[POOL_MAX];
static int npool, nwait;
static int mix_postfix;
static unsigned lastpid = 2800;
static unsigned inode = 0x1A2B3C;

/* Process ids of the long-lived daemons, renewed now and then. */
static unsigned pf_qmgr, pf_cleanup[2], pf_smtp[10], pf_lmtp[3], pf_local[2],
    pf_bounce, pf_screen, pf_dnsblog, pf_anvil, pf_pickup;

static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

static const char *const first[] = {"james", "mary", "john", "patricia",
    "robert", "jennifer", "michael", "linda", "william", "elizabeth", "david",
    "barbara", "richard", "susan", "joseph", "jessica", "thomas", "sarah",
    "pierre", "marie", "jean", "sophie", "lukas", "anna", "felix", "lena",
    "ivan", "olga", "marco", "giulia", "carlos", "lucia", "jan", "eva", "ahmed",
    "fatima", "wei", "mei", "kenji", "yuki"};
static const char *const last[] = {"smith", "johnson", "williams", "brown",
    "jones", "garcia", "miller", "davis", "martin", "bernard", "dubois",
    "durand", "mueller", "schmidt", "schneider", "fischer", "weber", "meyer",
    "rossi", "russo", "ferrari", "esposito", "ivanov", "petrov", "novak",
    "kowalski", "nielsen", "jensen", "hansen", "berg", "lopez", "gonzalez",
    "wang", "li", "zhang", "tanaka", "suzuki", "kim", "lee", "park"};
static const char *const role[] = {"info", "sales", "support", "contact",
    "billing", "office", "admin", "hr", "jobs", "accounts", "noreply",
    "newsletter", "orders", "service", "marketing", "postmaster"};
static const char *const word[] = {"acme", "northwind", "contoso", "fabrikam",
    "globex", "initech", "umbrella", "stark", "wayne", "tyrell", "cyberdyne",
    "hooli", "vandelay", "wonka", "soylent", "oscorp", "blue", "green", "red",
    "river", "mountain", "lake", "city", "tech", "labs", "media", "print",
    "consult", "partners", "group", "solutions", "logistics", "foods", "bank",
    "insure", "health", "clinic", "school", "energy", "motors", "design",
    "travel", "hotel", "legal", "finance", "build", "alpine", "nordic"};
static const char *const tld[] = {".com", ".com", ".com", ".net", ".org", ".de",
    ".fr", ".co.uk", ".nl", ".it", ".es", ".io", ".ch", ".be", ".at", ".pl",
    ".se"};
static const char *const local_dom[] = {"example.com", "example.org",
    "lists.example.com"};
static const char *const gmail_ip[] = {"142.250.102.27", "142.250.153.27",
    "142.251.9.27", "64.233.184.27", "74.125.206.27", "173.194.76.27",
    "108.177.15.27", "142.250.27.27"};
static const char *const gmail_pfx[] = {"wr", "wm", "ed", "ej", "lf", "lj",
    "pl", "pj", "qt", "qk", "yb", "yw", "io", "il", "oi", "ot"};
static const char *const ms_pfx[] = {"AM9", "DB9", "VI1", "PA4", "AS8", "DU0",
    "GV1", "AM0", "DB8", "PR3"};
static const char *const helo_bad[] = {"ylmf-pc", "User", "localhost",
    "WIN-3KD9F2LQ1A", "[127.0.0.1]", "ADMIN", "mail", "desktop-7h2k"};

#define OUR_PF_IP "198.51.100.25"
#define OUR_EX_IP "198.51.100.26"
#define OUR_SM_IP "198.51.100.27"

/* Replies, by provider and outcome. */
static const struct reply gmail_sent[] = {
    {"250 2.0.0 OK  %e %g - gsmtp", S_DATA, K_SAID, "2.0.0"}};
static const struct reply gmail_defer[] = {
    {"421-4.7.0 [%i      15] Our system has detected an unusual rate of|"
     "421-4.7.0 unsolicited mail originating from your IP address. To protect "
     "our|421-4.7.0 users from spam, mail sent from your IP address has been "
     "temporarily|421-4.7.0 rate limited. For more information, go to|"
     "421-4.7.0  https://support.google.com/mail/?p=UnsolicitedRateLimitError "
     "to|421 4.7.0 review our Bulk Email Senders Guidelines. %g - gsmtp",
	S_DATA, K_SAID, "4.7.0"},
    {"450-4.2.1 The user you are trying to contact is receiving mail at a "
     "rate that|450-4.2.1 prevents additional messages from being delivered. "
     "For more|450-4.2.1 information, go to|450 4.2.1  "
     "https://support.google.com/mail/?p=ReceivingRate %g - gsmtp",
	S_RCPT, K_SAID, "4.2.1"},
    {"452-4.2.2 The recipient's inbox is out of storage space. Please direct "
     "the|452-4.2.2 recipient to|452 4.2.2  "
     "https://support.google.com/mail/?p=OverQuotaTemp %g - gsmtp",
	S_RCPT, K_SAID, "4.2.2"}};
static const struct reply gmail_bounce[] = {
    {"550-5.1.1 The email account that you tried to reach does not exist. "
     "Please try|550-5.1.1 double-checking the recipient's email address for "
     "typos or|550-5.1.1 unnecessary spaces. For more information, go to|"
     "550 5.1.1  https://support.google.com/mail/?p=NoSuchUser %g - gsmtp",
	S_RCPT, K_SAID, "5.1.1"},
    {"550-5.1.1 The email account that you tried to reach does not exist. "
     "Please try|550-5.1.1 double-checking the recipient's email address for "
     "typos or|550-5.1.1 unnecessary spaces. For more information, go to|"
     "550 5.1.1  https://support.google.com/mail/?p=NoSuchUser %g - gsmtp",
	S_RCPT, K_SAID, "5.1.1"},
    {"550-5.7.26 Your email has been blocked because the sender is "
     "unauthenticated.|550-5.7.26 Gmail requires all senders to authenticate "
     "with either SPF or DKIM.|550-5.7.26 |550-5.7.26  Authentication "
     "results:|550-5.7.26  DKIM = did not pass|550-5.7.26  SPF [%D] with ip: "
     "[%i] = did not pass|550-5.7.26 |550-5.7.26  For instructions on setting "
     "up authentication, go to|550 5.7.26  "
     "https://support.google.com/mail/answer/81126#authentication %g - gsmtp",
	S_DATA, K_SAID, "5.7.26"},
    {"552-5.2.2 The recipient's inbox is out of storage space and inactive. "
     "Please|552-5.2.2 direct the recipient to|552 5.2.2  "
     "https://support.google.com/mail/?p=OverQuotaPerm %g - gsmtp",
	S_RCPT, K_SAID, "5.2.2"}};
static const struct reply ms_sent[] = {
    {"250 2.6.0 <%m> [InternalId=%n, Hostname=%x] %z bytes in %k KB/sec "
     "Queued mail for delivery",
	S_DATA, K_SAID, "2.6.0"}};
static const struct reply ms_defer[] = {
    {"451 4.7.500 Server busy. Please try again later from [%i]. (S77714) "
     "[%x %t %h]",
	S_RCPT, K_SAID, "4.7.500"},
    {"451 4.7.650 The mail server [%i] has been temporarily rate limited due "
     "to IP reputation. For e-mail delivery information, see "
     "https://postmaster.live.com (S775) [Name=Protocol Filter "
     "Agent][AGT=PFA][MxId=11B%h] [%x %t %h]",
	S_MAIL, K_SAID, "4.7.650"}};
static const struct reply ms_bounce[] = {
    {"550 5.5.0 Requested action not taken: mailbox unavailable "
     "(S2017062302). [%x %t %h]",
	S_RCPT, K_SAID, "5.5.0"},
    {"550 5.4.1 Recipient address rejected: Access denied. For more "
     "information see https://aka.ms/EXOSmtpErrors [%x %t %h]",
	S_RCPT, K_SAID, "5.4.1"},
    {"550 5.7.1 Unfortunately, messages from [%i] weren't sent. Please "
     "contact your Internet service provider since part of their network is "
     "on our block list (S3150). You can also refer your provider to "
     "http://mail.live.com/mail/troubleshooting.aspx#errors. [%x %t %h]",
	S_MAIL, K_SAID, "5.7.1"}};
static const struct reply yahoo_sent[] = {
    {"250 ok dirdel", S_DATA, K_SAID, "2.0.0"}};
static const struct reply yahoo_defer[] = {
    {"421 4.7.0 [TSS04] Messages from %i temporarily deferred due to "
     "unexpected volume or user complaints - 4.16.55.1; see "
     "https://postmaster.yahooinc.com/error-codes",
	S_MAIL, K_SAID, "4.7.0"}};
static const struct reply yahoo_bounce[] =
    {{"554 delivery error: dd This user doesn't have a %d account (%r) [0] - "
      "mta%N.mail.bf1.yahoo.com",
	 S_DATA, K_SAID, "5.0.0"},
	{"554 5.7.9 Message not accepted for policy reasons.  See "
	 "https://postmaster.yahooinc.com/error-codes",
	    S_DATA, K_SAID, "5.7.9"}};
static const struct reply gmx_sent[] = {
    {"250 Requested mail action okay, completed: id=%G", S_DATA, K_SAID,
	"2.0.0"}};
static const struct reply gmx_defer[] = {
    {"421-%d (mxgmx%N) Nemesis ESMTP Service not available|421-Service "
     "unavailable|421-Reject due to policy restrictions.|421 For explanation "
     "visit https://postmaster.gmx.net/en/case?c=r0302&i=ip&v=%i&r=%G",
	S_CONN, K_SAID, "4.0.0"}};
static const struct reply gmx_bounce[] = {
    {"550 Requested action not taken: mailbox unavailable", S_RCPT, K_SAID,
	"5.0.0"}};
static const struct reply gen_sent[] = {{"250 2.0.0 Ok: queued as %q", S_DATA,
					    K_SAID, "2.0.0"},
    {"250 OK id=%E", S_DATA, K_SAID, "2.0.0"},
    {"250 2.0.0 %S Message accepted for delivery", S_DATA, K_SAID, "2.0.0"}};
static const struct reply gen_defer[] =
    {{"450 4.2.0 <%r>: Recipient address rejected: Greylisted, see "
      "https://postgrey.schweikert.ch/help/%d.html",
	 S_RCPT, K_SAID, "4.2.0"},
	{"450 4.2.0 <%r>: Recipient address rejected: Greylisted, see "
	 "https://postgrey.schweikert.ch/help/%d.html",
	    S_RCPT, K_SAID, "4.2.0"},
	{"451-%i is not yet authorized to deliver mail from|451 <%s> to <%r>. "
	 "Please try later.",
	    S_RCPT, K_SAID, "4.0.0"},
	{"452 4.2.2 <%r>: Mailbox full", S_RCPT, K_SAID, "4.2.2"},
	{"421 4.3.2 Service not available, closing transmission channel",
	    S_CONN, K_SAID, "4.3.2"},
	{"Connection timed out", S_CONN, K_TIMEOUT, "4.4.1"},
	{"Connection refused", S_CONN, K_REFUSED, "4.4.1"},
	{"lost connection", S_CONN, K_LOST, "4.4.2"},
	{"Host not found, try again", S_CONN, K_DNS, "4.4.3"}};
static const struct reply gen_bounce[] =
    {{"550 5.1.1 <%r>: Recipient address rejected: User unknown in virtual "
      "mailbox table",
	 S_RCPT, K_SAID, "5.1.1"},
	{"550 5.1.1 <%r>: Recipient address rejected: User unknown in local "
	 "recipient table",
	    S_RCPT, K_SAID, "5.1.1"},
	{"554 5.7.1 Service unavailable; Client host [%i] blocked using "
	 "zen.spamhaus.org; https://www.spamhaus.org/query/ip/%i",
	    S_RCPT, K_SAID, "5.7.1"},
	{"552 5.3.4 Message size exceeds fixed limit", S_DATA, K_SAID, "5.3.4"},
	{"550-5.7.1 Your message was rejected by our policy.|550-5.7.1 Please "
	 "see https://policy.%d/why for details|550 5.7.1 <%r>: Recipient "
	 "address rejected: Access denied",
	    S_RCPT, K_SAID, "5.7.1"},
	{"Host not found", S_CONN, K_NOHOST, "5.4.4"}};
#define NREP(a) (int)(sizeof(a) / sizeof(a[0]))

/* xorshift64*: the only source of randomness. */
static uint64_t
rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * UINT64_C(2685821657736338717);
}

/* A uniform number in [0, n), n > 0. */
static unsigned
rn(unsigned n)
{
	return (unsigned)(((rnd() >> 32) * (uint64_t)n) >> 32);
}

/*
 * Draw n numbers in order, x[i] in [0, mod[i]). C leaves the order of
 * function arguments unspecified, so two rn() never go to one call.
 */
static void
draws(unsigned *x, const unsigned *mod, int n)
{
	int i;

	for (i = 0; i < n; i++)
		x[i] = rn(mod[i]);
}

#define DRAW(x, ...)                                                           \
	draws((x), (const unsigned[]){__VA_ARGS__},                            \
	    (int)(sizeof((const unsigned[]){__VA_ARGS__}) / sizeof(unsigned)))

/* True with probability pm/1000. */
static int
chance(unsigned pm)
{
	return rn(1000) < pm;
}

/* A small index skewed towards 0: some names recur much more than others. */
static unsigned
skew(unsigned n)
{
	return rn(rn(n) + 1);
}

/* splitmix64: a fixed hash for names derived from an index. */
static uint64_t
mix64(uint64_t x)
{
	x += UINT64_C(0x9E3779B97F4A7C15);
	x = (x ^ (x >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	x = (x ^ (x >> 27)) * UINT64_C(0x94D049BB133111EB);
	return x ^ (x >> 31);
}

/* Copy a string into a buffer of n bytes, cut if need be. */
static void
scopy(char *dst, size_t n, const char *src)
{
	size_t i;

	for (i = 0; i + 1 < n && src[i]; i++)
		dst[i] = src[i];
	dst[i] = '\0';
}

/* Append formatted text to the current line. */
static void putf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void
putf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(lb + ll, sizeof(lb) - ll, fmt, ap);
	va_end(ap);
	if (n > 0)
		ll += (size_t)n < sizeof(lb) - ll ? (size_t)n
						  : sizeof(lb) - ll - 1;
}

/* Append a string to the current line. */
static void
put(const char *s)
{
	size_t n = strlen(s);

	if (n > sizeof(lb) - ll - 1)
		n = sizeof(lb) - ll - 1;
	memcpy(lb + ll, s, n);
	ll += n;
}

/* Write the current line for an MTA and move the clock on. */
static void
endl(int mta)
{
	lb[ll++] = '\n';
	fwrite(lb, 1, ll, stdout);
	written += ll;
	lines[mta]++;
	ll = 0;
	now_us += 1000 + rn(98000);
}

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
static int64_t
days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

/* Broken-down local time of a microsecond clock value. */
static void
civil(uint64_t us, int *y, int *mo, int *d, int *h, int *mi, int *s)
{
	int64_t z = (int64_t)(us / 1000000 / 86400) + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	unsigned sec = (unsigned)(us / 1000000 % 86400);

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*mo = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*mo <= 2));
	*h = (int)(sec / 3600);
	*mi = (int)(sec / 60 % 60);
	*s = (int)(sec % 60);
}

/* Unix time (seconds, UTC) of the clock. */
static uint64_t
epoch(void)
{
	return now_us / 1000000 - 3600;
}

/* Classic syslog time: "Nov 20 10:00:01". */
static void
ts_classic(void)
{
	int y, mo, d, h, mi, s;

	civil(now_us, &y, &mo, &d, &h, &mi, &s);
	putf("%s %2d %02d:%02d:%02d ", mon[mo - 1], d, h, mi, s);
}

/* RFC 3339 time as rsyslog writes it: "2026-11-20T10:00:01.123456+01:00". */
static void
ts_rfc3339(void)
{
	int y, mo, d, h, mi, s;

	civil(now_us, &y, &mo, &d, &h, &mi, &s);
	putf("%04d-%02d-%02dT%02d:%02d:%02d.%06u+01:00 ", y, mo, d, h, mi, s,
	    (unsigned)(now_us % 1000000));
}

/* Exim mainlog time: "2026-11-20 10:00:01". */
static void
ts_exim(void)
{
	int y, mo, d, h, mi, s;

	civil(now_us, &y, &mo, &d, &h, &mi, &s);
	putf("%04d-%02d-%02d %02d:%02d:%02d ", y, mo, d, h, mi, s);
}

/* A new process id, after the last one handed out. */
static unsigned
newpid(void)
{
	lastpid += 1 + rn(40);
	if (lastpid > 4190000)
		lastpid = 300 + rn(1000);
	return lastpid;
}

/* One of a daemon's process ids; now and then one is replaced. */
static unsigned
pick(unsigned *pids, unsigned n)
{
	unsigned i = rn(n);

	if (pids[i] == 0 || chance(2))
		pids[i] = newpid();
	return pids[i];
}

/* Random characters from a set. */
static void
rstr(char *out, unsigned n, const char *set)
{
	size_t k = strlen(set);
	unsigned i;

	for (i = 0; i < n; i++)
		out[i] = set[rn((unsigned)k)];
	out[n] = '\0';
}

/* A corporate domain name, a fixed function of its index. */
static void
corp_domain(char *out, size_t n, unsigned idx)
{
	uint64_t h = mix64(idx + 7);
	unsigned nw = (unsigned)(sizeof(word) / sizeof(word[0]));
	unsigned nt = (unsigned)(sizeof(tld) / sizeof(tld[0]));

	snprintf(out, n, "%s%s%s%s", word[h % nw], (h >> 8) % 3 ? "" : "-",
	    word[(h >> 16) % nw], tld[(h >> 24) % nt]);
}

/* The provider that receives mail for a corporate domain of that index. */
static int
corp_provider(unsigned idx)
{
	unsigned r = (unsigned)(mix64(idx + 99) % 100);

	return r < 25 ? P_GMAIL : r < 50 ? P_MS : P_GENERIC;
}

/* A user name (local part), a fixed function of its index. */
static void
user_name(char *out, size_t n, unsigned idx)
{
	uint64_t h = mix64(idx + 12345);
	const char *f = first[h % (sizeof(first) / sizeof(first[0]))];
	const char *l = last[(h >> 8) % (sizeof(last) / sizeof(last[0]))];

	switch ((h >> 16) % 8) {
	case 0:
		snprintf(out, n, "%s", role[(h >> 20) % 16]);
		break;
	case 1:
		snprintf(out, n, "%c%s", f[0], l);
		break;
	case 2:
		snprintf(out, n, "%s%u", f, (unsigned)(h >> 24) % 100);
		break;
	case 3:
		snprintf(out, n, "%s_%s", f, l);
		break;
	default:
		snprintf(out, n, "%s.%s", f, l);
	}
}

/* A local recipient or sender of ours. */
static void
local_addr(char *out, size_t n)
{
	char u[48];

	user_name(u, sizeof(u), skew(3000));
	snprintf(out, n, "%s@%s", u, local_dom[skew(3)]);
}

/* A remote address; *prov says who hosts its domain. */
static void
remote_addr(char *out, size_t n, int *prov)
{
	char u[48], dom[64];
	unsigned r = rn(100), idx;

	user_name(u, sizeof(u), 100000 + rn(500000));
	if (r < 30) {
		snprintf(dom, sizeof(dom), "gmail.com");
		*prov = P_GMAIL;
	} else if (r < 32) {
		snprintf(dom, sizeof(dom), "googlemail.com");
		*prov = P_GMAIL;
	} else if (r < 46) {
		snprintf(dom, sizeof(dom), "%s",
		    r < 38       ? "outlook.com"
			: r < 44 ? "hotmail.com"
				 : "live.com");
		*prov = P_MS;
	} else if (r < 54) {
		snprintf(dom, sizeof(dom), "%s",
		    r < 52 ? "yahoo.com" : "aol.com");
		*prov = P_YAHOO;
	} else if (r < 60) {
		snprintf(dom, sizeof(dom), "%s",
		    r < 57       ? "gmx.de"
			: r < 59 ? "web.de"
				 : "gmx.net");
		*prov = P_GMX;
	} else if (r < 63) {
		snprintf(dom, sizeof(dom), "icloud.com");
		*prov = P_GENERIC;
	} else if (r < 65) {
		snprintf(dom, sizeof(dom), "orange.fr");
		*prov = P_GENERIC;
	} else {
		idx = skew(4000);
		corp_domain(dom, sizeof(dom), idx);
		*prov = corp_provider(idx);
	}
	snprintf(out, n, "%s@%s", u, dom);
}

/* The domain part of an address. */
static const char *
domain_of(const char *addr)
{
	const char *at = strchr(addr, '@');

	return at ? at + 1 : addr;
}

/* Whether an address is one of ours. */
static int
is_local(const char *addr)
{
	const char *d = domain_of(addr);
	unsigned i;

	for (i = 0; i < sizeof(local_dom) / sizeof(local_dom[0]); i++)
		if (strcmp(d, local_dom[i]) == 0)
			return 1;
	return 0;
}

/* FNV-1a hash of a string. */
static uint64_t
fnv(const char *s)
{
	uint64_t h = UINT64_C(14695981039346656037);

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * UINT64_C(1099511628211);
	return h;
}

/* A public-looking IPv4 address, a fixed function of a seed. */
static void
ip_of(char *out, size_t n, uint64_t seed)
{
	static const unsigned char a[] = {5, 31, 37, 45, 46, 62, 77, 78, 80, 82,
	    85, 87, 89, 91, 93, 94, 103, 109, 176, 178, 185, 188, 193, 194, 195,
	    212, 213, 217};
	uint64_t h = mix64(seed);

	snprintf(out, n, "%u.%u.%u.%u", a[h % sizeof(a)],
	    (unsigned)(h >> 8) % 256, (unsigned)(h >> 16) % 256,
	    1 + (unsigned)(h >> 24) % 254);
}

/* The MX host name and address that receives mail for an address. */
static void
mx_of(const char *addr, int prov, char *host, size_t hn, char *ip, size_t in)
{
	const char *d = domain_of(addr);
	uint64_t h = mix64(fnv(d));
	char dash[80];
	size_t i;

	switch (prov) {
	case P_GMAIL:
		if (strcmp(d, "gmail.com") == 0 ||
		    strcmp(d, "googlemail.com") == 0)
			snprintf(host, hn, "%sgmail-smtp-in.l.google.com",
			    h % 5 ? "" : "alt1.");
		else
			snprintf(host, hn, "aspmx.l.google.com");
		snprintf(ip, in, "%s", gmail_ip[(h >> 8) % 8]);
		break;
	case P_MS:
		for (i = 0; d[i] && i < sizeof(dash) - 1; i++)
			dash[i] = d[i] == '.' ? '-' : d[i];
		dash[i] = '\0';
		if (strstr(d, "outlook") || strstr(d, "hotmail") ||
		    strstr(d, "live."))
			snprintf(host, hn, "%s.olc.protection.outlook.com",
			    dash);
		else
			snprintf(host, hn, "%s.mail.protection.outlook.com",
			    dash);
		snprintf(ip, in, "52.101.%u.%u", (unsigned)(h >> 8) % 256,
		    1 + (unsigned)(h >> 16) % 254);
		break;
	case P_YAHOO:
		snprintf(host, hn, "mta%u.am0.yahoodns.net",
		    5 + (unsigned)h % 3);
		snprintf(ip, in, "67.195.204.%u", 72 + (unsigned)(h >> 8) % 8);
		break;
	case P_GMX:
		if (strcmp(d, "web.de") == 0)
			snprintf(host, hn, "mx-ha03.web.de");
		else
			snprintf(host, hn, "mx0%u.emig.gmx.net",
			    (unsigned)h % 2);
		snprintf(ip, in, "212.227.%u.%u", 15 + (unsigned)(h >> 8) % 3,
		    5 + (unsigned)(h >> 16) % 40);
		break;
	default:
		if (strcmp(d, "icloud.com") == 0)
			snprintf(host, hn, "mx0%u.mail.icloud.com",
			    1 + (unsigned)h % 6);
		else if (strcmp(d, "orange.fr") == 0)
			snprintf(host, hn, "smtp-in.orange.fr");
		else
			snprintf(host, hn, "%s.%s", h % 3 ? "mx1" : "mail", d);
		ip_of(ip, in, h);
	}
}

/* A reply of a provider for an outcome. */
static const struct reply *
reply_for(int prov, int outcome)
{
	const struct reply *t;
	int n;

#define PICK(a, b, c)                                                          \
	do {                                                                   \
		if (outcome == O_SENT) {                                       \
			t = (a);                                               \
			n = NREP(a);                                           \
		} else if (outcome == O_DEFER) {                               \
			t = (b);                                               \
			n = NREP(b);                                           \
		} else {                                                       \
			t = (c);                                               \
			n = NREP(c);                                           \
		}                                                              \
	} while (0)
	switch (prov) {
	case P_GMAIL:
		PICK(gmail_sent, gmail_defer, gmail_bounce);
		break;
	case P_MS:
		PICK(ms_sent, ms_defer, ms_bounce);
		break;
	case P_YAHOO:
		PICK(yahoo_sent, yahoo_defer, yahoo_bounce);
		break;
	case P_GMX:
		PICK(gmx_sent, gmx_defer, gmx_bounce);
		break;
	default:
		PICK(gen_sent, gen_defer, gen_bounce);
	}
#undef PICK
	return &t[rn((unsigned)n)];
}

/* What becomes of one delivery attempt (first try or retry). */
static int
draw_outcome(int retry)
{
	unsigned r = rn(1000);

	if (retry)
		return r < 750 ? O_SENT : r < 950 ? O_DEFER : O_BOUNCE;
	return r < 835 ? O_SENT : r < 945 ? O_DEFER : O_BOUNCE;
}

/* Postfix's delay format: two significant digits, "0" under 5 ms. */
static void
fmt_delay(char *out, size_t n, uint64_t us)
{
	uint64_t cs = (us + 5000) / 10000, ds = (us + 50000) / 100000;

	if (us < 5000)
		snprintf(out, n, "0");
	else if (cs < 10)
		snprintf(out, n, "0.0%u", (unsigned)cs);
	else if (cs < 100 && cs % 10)
		snprintf(out, n, "0.%02u", (unsigned)cs);
	else if (cs < 100)
		snprintf(out, n, "0.%u", (unsigned)cs / 10);
	else if (ds < 100)
		snprintf(out, n, ds % 10 ? "%u.%u" : "%u", (unsigned)ds / 10,
		    (unsigned)ds % 10);
	else
		snprintf(out, n, "%u", (unsigned)((us + 500000) / 1000000));
}

/* Sendmail's delay format: "00:00:02", "1+02:03:04" past a day. */
static void
fmt_smdelay(char *out, size_t n, uint64_t us)
{
	unsigned s = (unsigned)(us / 1000000);

	if (s >= 86400)
		snprintf(out, n, "%u+%02u:%02u:%02u", s / 86400, s / 3600 % 24,
		    s / 60 % 60, s % 60);
	else
		snprintf(out, n, "%02u:%02u:%02u", s / 3600, s / 60 % 60,
		    s % 60);
}

/* Base-62 digits of v, at least w of them. */
static void
b62(char *out, uint64_t v, int w)
{
	static const char set[] =
	    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
	char t[16];
	int i = 0, j;

	while (v || i < w) {
		t[i++] = set[v % 62];
		v /= 62;
	}
	for (j = 0; j < i; j++)
		out[j] = t[i - 1 - j];
	out[i] = '\0';
}

/* A Postfix short queue id: microseconds and inode number, in hex. */
static void
pf_qid(char *out, size_t n)
{
	inode += 1 + rn(64);
	if (inode > 0xFFFFFF)
		inode = 0x100000;
	snprintf(out, n, "%05X%X", (unsigned)(now_us % 1000000), inode);
}

/* An Exim 4.96 message id: time, pid and fraction of a second in base 62. */
static void
ex_qid(char *out, unsigned pid)
{
	char a[16], b[16], c[16];

	b62(a, epoch(), 6);
	b62(b, pid, 6);
	b62(c, now_us % 1000000 / 500, 2);
	sprintf(out, "%s-%s-%s", a, b, c);
}

/* A Sendmail queue id: time in base 60, a sequence and the pid. */
static void
sm_qid(char *out, unsigned pid)
{
	static const char set[] =
	    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwx";
	int y, mo, d, h, mi, s;
	unsigned x[2];

	civil(now_us, &y, &mo, &d, &h, &mi, &s);
	DRAW(x, 60, 60);
	sprintf(out, "%c%c%c%c%c%c%c%c%06u", set[(y - 1900) % 60], set[mo - 1],
	    set[d], set[h], set[mi], set[s], set[x[0]], set[x[1]],
	    pid % 1000000);
}

/* A message size: mostly small, one in ten with a big attachment. */
static unsigned
msg_size(void)
{
	unsigned base = 1500 + rn(4000);

	return base + (chance(100) ? rn(2000000) : rn(60000));
}

/* A message id in the style of the client that sent the message. */
static void
make_msgid(char *out, size_t n, const char *from, int prov)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	char r[48];
	int y, mo, d, h, mi, s;
	unsigned x[7];

	switch (prov) {
	case P_GMAIL:
		rstr(r, 38, b64);
		snprintf(out, n, "CA+%s@mail.gmail.com", r);
		break;
	case P_MS:
		rstr(r, 20, "0123456789ABCDEF");
		DRAW(x, 10, 9, 10000, 10, 9, 10000, 9);
		snprintf(out, n,
		    "%sPR%02uMB%04u%s@%sPR%02uMB%04u.eurprd%02u.prod."
		    "outlook.com",
		    ms_pfx[x[0]], 1 + x[1], x[2], r, ms_pfx[x[3]], 1 + x[4],
		    x[5], 1 + x[6]);
		break;
	default:
		civil(now_us, &y, &mo, &d, &h, &mi, &s);
		rstr(r, 12, "0123456789abcdef");
		snprintf(out, n, "%04d%02d%02d%02d%02d%02d.%s@%s", y, mo, d, h,
		    mi, s, r, domain_of(from));
	}
}

/* Expand a reply template for a recipient ('|' still between lines). */
static void
expand(char *out, size_t n, const char *tpl, const struct tx *t,
    const char *rcpt, const char *ourip)
{
	size_t o = 0;
	char v[256], r[64];
	int y, mo, d, h, mi, s;
	unsigned x[6];

	for (; *tpl && o + 1 < n; tpl++) {
		if (*tpl != '%' || !tpl[1]) {
			out[o++] = *tpl;
			continue;
		}
		v[0] = '\0';
		switch (*++tpl) {
		case 'r':
			snprintf(v, sizeof(v), "%s", rcpt);
			break;
		case 'd':
			snprintf(v, sizeof(v), "%s", domain_of(rcpt));
			break;
		case 's':
			snprintf(v, sizeof(v), "%s", t->from);
			break;
		case 'D':
			snprintf(v, sizeof(v), "%s", domain_of(t->from));
			break;
		case 'i':
			snprintf(v, sizeof(v), "%s", ourip);
			break;
		case 'e':
			snprintf(v, sizeof(v), "%" PRIu64, epoch());
			break;
		case 'm':
			snprintf(v, sizeof(v), "%s", t->msgid);
			break;
		case 'z':
			snprintf(v, sizeof(v), "%u", t->size + 1200 + rn(400));
			break;
		case 'k':
			DRAW(x, 400, 600, 1000);
			snprintf(v, sizeof(v), "0.%03u, %u.%03u", x[0],
			    20 + x[1], x[2]);
			break;
		case 'n':
			snprintf(v, sizeof(v), "%" PRIu64,
			    UINT64_C(1000000000000) +
				rnd() % UINT64_C(9000000000000));
			break;
		case 'N':
			snprintf(v, sizeof(v), "%u", 1000 + rn(9000));
			break;
		case 'g':
			rstr(r, 3, "abcdefghijklmnopqrstuvwxyz");
			DRAW(x, 26, 99, 65536, 256, 10000000, 1000);
			snprintf(v, sizeof(v),
			    "%c%u-20020a05%04x%02x00b0%09" PRIx64 "si%07u%s.%u",
			    'a' + x[0], 1 + x[1], x[2], x[3],
			    rnd() % UINT64_C(0x1000000000), x[4], r, x[5]);
			break;
		case 'x':
			DRAW(x, 10, 9, 10000, 9);
			snprintf(v, sizeof(v),
			    "%sPR%02uMB%04u.eurprd%02u.prod.outlook.com",
			    ms_pfx[x[0]], 1 + x[1], x[2], 1 + x[3]);
			break;
		case 't':
			civil(now_us - 3600000000u, &y, &mo, &d, &h, &mi, &s);
			snprintf(v, sizeof(v),
			    "%04d-%02d-%02dT%02d:%02d:%02d.%03uZ", y, mo, d, h,
			    mi, s, (unsigned)(now_us % 1000000 / 1000));
			break;
		case 'h':
			rstr(v, 16, "0123456789ABCDEF");
			break;
		case 'q':
			rstr(r, 10,
			    "0123456789BCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz");
			snprintf(v, sizeof(v), "4%s", r);
			break;
		case 'E':
			ex_qid(v, 1000 + rn(400000));
			break;
		case 'S':
			sm_qid(v, 1000 + rn(90000));
			break;
		case 'G':
			rstr(r, 8,
			    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQR"
			    "STUVWXYZ");
			snprintf(v, sizeof(v), "1M%s-1t%s-00%u", r, r + 2,
			    rn(1000));
			break;
		default:
			v[0] = '%';
			v[1] = *tpl;
			v[2] = '\0';
		}
		for (s = 0; v[s] && o + 1 < n; s++)
			out[o++] = v[s];
	}
	out[o] = '\0';
}

/* The lines of a multi-line reply joined by sep, or only the first. */
static void
join(char *out, size_t n, const char *in, const char *sep, int first_only)
{
	size_t o = 0, k = strlen(sep);

	for (; *in && o + k < n; in++) {
		if (*in == '|') {
			if (first_only)
				break;
			memcpy(out + o, sep, k);
			o += k;
		} else
			out[o++] = *in;
	}
	out[o] = '\0';
}

/* Give each recipient of a message an outcome and a reply. */
static void
plan_rcpts(struct tx *t, int local_rcpts)
{
	unsigned r = rn(100);
	int i;

	t->nrcpt = r < 75 ? 1 : r < 90 ? 2 : r < 97 ? 3 : 4;
	for (i = 0; i < t->nrcpt; i++) {
		struct rcpt *c = &t->rc[i];

		if (local_rcpts) {
			local_addr(c->addr, sizeof(c->addr));
			c->prov = P_LOCAL;
		} else
			remote_addr(c->addr, sizeof(c->addr), &c->prov);
		c->outcome = draw_outcome(0);
		c->rep =
		    c->prov == P_LOCAL ? NULL : reply_for(c->prov, c->outcome);
		c->done = 0;
	}
}

/* A remote client: host name, address and HELO name; *prov its provider. */
static void
make_client(struct tx *t, int *prov)
{
	unsigned r = rn(100), x[7];
	char dom[64];

	*prov = P_GENERIC;
	if (r < 25) {
		DRAW(x, 100, 254, 16, 254);
		snprintf(t->ip, sizeof(t->ip), "209.85.%u.%u", 128 + x[0],
		    1 + x[1]);
		snprintf(t->host, sizeof(t->host), "mail-%s1-f%u.google.com",
		    gmail_pfx[x[2]], 1 + x[3]);
		*prov = P_GMAIL;
	} else if (r < 45) {
		DRAW(x, 256, 254, 26, 26, 9, 5, 100);
		snprintf(t->ip, sizeof(t->ip), "40.107.%u.%u", x[0], 1 + x[1]);
		snprintf(t->host, sizeof(t->host),
		    "mail-%c%c%ueur0%uon%u.outbound.protection.outlook.com",
		    'a' + x[2], 'a' + x[3], 1 + x[4], 1 + x[5], 2000 + x[6]);
		*prov = P_MS;
	} else if (r < 50) {
		DRAW(x, 8, 254, 30, 60);
		snprintf(t->ip, sizeof(t->ip), "66.163.%u.%u", 184 + x[0],
		    1 + x[1]);
		snprintf(t->host, sizeof(t->host),
		    "sonic%u-%u.consmr.mail.ne1.yahoo.com", 300 + x[2],
		    1 + x[3]);
		*prov = P_YAHOO;
	} else if (r < 58) {
		DRAW(x, 16, 254, 60, 250);
		snprintf(t->ip, sizeof(t->ip), "54.240.%u.%u", x[0], 1 + x[1]);
		snprintf(t->host, sizeof(t->host),
		    "a%u-%u.smtp-out.amazonses.com", x[2], x[3]);
	} else if (r < 63) {
		DRAW(x, 16, 254, 250, 250);
		snprintf(t->ip, sizeof(t->ip), "205.201.%u.%u", 128 + x[0],
		    1 + x[1]);
		snprintf(t->host, sizeof(t->host), "mail%u.atl%u.rsgsv.net",
		    1 + x[2], 1 + x[3]);
	} else if (r < 90) {
		corp_domain(dom, sizeof(dom), skew(4000));
		ip_of(t->ip, sizeof(t->ip), mix64(rnd()));
		snprintf(t->host, sizeof(t->host), "%s.%s",
		    r % 2 ? "mail" : "mx1", dom);
	} else {
		ip_of(t->ip, sizeof(t->ip), rnd());
		snprintf(t->host, sizeof(t->host), "unknown");
	}
	if (strcmp(t->host, "unknown") == 0)
		snprintf(t->helo, sizeof(t->helo), "%s", helo_bad[rn(8)]);
	else
		snprintf(t->helo, sizeof(t->helo), "%s", t->host);
	t->port = 1024 + rn(64000);
}

/* A sender address that fits the client. */
static void
make_sender(struct tx *t, int prov)
{
	char u[48];
	int p;
	unsigned x[7];

	user_name(u, sizeof(u), 200000 + rn(400000));
	if (strstr(t->host, "amazonses")) {
		DRAW(x, 1u << 28, 1u << 24, 65536, 65536, 65536, 1u << 24,
		    1u << 24);
		snprintf(t->from, sizeof(t->from),
		    "0102019%07x%06x-%08x-%04x-%04x-"
		    "%04x-%06x%06x-000000@eu-west-1.amazonses.com",
		    x[0], x[1], (unsigned)rnd(), x[2], x[3], x[4], x[5], x[6]);
	} else if (strstr(t->host, "rsgsv")) {
		DRAW(x, 20, 100000000, 1000000, 250, 250);
		snprintf(t->from, sizeof(t->from),
		    "bounce-mc.us%u_%u.%u-%s=example.com@mail%u.atl%u.rsgsv.net",
		    1 + x[0], x[1], x[2], u, 1 + x[3], 1 + x[4]);
	} else if (prov == P_GMAIL)
		snprintf(t->from, sizeof(t->from), "%s@gmail.com", u);
	else if (prov == P_MS)
		snprintf(t->from, sizeof(t->from), "%s@%s", u,
		    rn(2) ? "outlook.com" : "hotmail.com");
	else if (prov == P_YAHOO)
		snprintf(t->from, sizeof(t->from), "%s@yahoo.com", u);
	else if (strcmp(t->host, "unknown") == 0)
		remote_addr(t->from, sizeof(t->from), &p);
	else
		snprintf(t->from, sizeof(t->from), "%s@%s", u,
		    strchr(t->host, '.') + 1);
}

/* Start a transaction of a kind in a free slot of the pool. */
static struct tx *
spawn(int kind)
{
	struct tx *t;

	if (npool >= POOL_MAX)
		return NULL;
	t = &pool[npool++];
	memset(t, 0, sizeof(*t));
	t->kind = kind;
	t->t0 = now_us;
	return t;
}

/* Put a transaction to sleep for a few minutes of log time. */
static void
sleep_tx(struct tx *t, unsigned picks)
{
	t->wait = (int)picks;
	nwait++;
}

/* ---- Postfix ------------------------------------------------------------ */

/* The header of a Postfix line: time, host, program and pid. */
static void
pf_hdr(const struct tx *t, const char *prog, unsigned pid)
{
	if (t->rfc3339)
		ts_rfc3339();
	else
		ts_classic();
	putf("mail postfix/%s[%u]: ", prog, pid);
}

/*
 * Postfix delay=, delays= fields for a message that started at t0 (a
 * quarter of the log time: the lines of a message are spread out by the
 * others in flight).
 */
static void
pf_delays(const struct tx *t)
{
	uint64_t d = (now_us - t->t0) / 4, a, b, c, e;
	char s1[16], s2[16], s3[16], s4[16], s5[16];

	a = d * 35 / 100;
	b = rn(12000);
	c = d * 15 / 100;
	e = d > a + b + c ? d - a - b - c : 0;
	fmt_delay(s1, sizeof(s1), d);
	fmt_delay(s2, sizeof(s2), a);
	fmt_delay(s3, sizeof(s3), b);
	fmt_delay(s4, sizeof(s4), c);
	fmt_delay(s5, sizeof(s5), e);
	putf("delay=%s, delays=%s/%s/%s/%s, ", s1, s2, s3, s4, s5);
}

/* One Postfix delivery line of a local recipient (lmtp, local, virtual). */
static void
pf_deliver_local(const struct tx *t, const struct rcpt *c, int outcome)
{
	unsigned v = (unsigned)(mix64(fnv(c->addr)) % 10);
	char id[32];

	if (strcmp(domain_of(c->addr), "lists.example.com") == 0) {
		pf_hdr(t, "virtual", pick(pf_local, 2));
		putf("%s: to=<%s>, relay=virtual, ", t->qid, c->addr);
		pf_delays(t);
		if (outcome == O_SENT)
			put("dsn=2.0.0, status=sent (delivered to maildir)");
		else if (outcome == O_DEFER)
			put("dsn=4.2.2, status=deferred (maildir delivery failed: "
			    "Disk quota exceeded)");
		else
			put("dsn=5.1.1, status=bounced (user unknown)");
	} else if (v < 7) {
		pf_hdr(t, "lmtp", pick(pf_lmtp, 3));
		putf("%s: to=<%s>, ", t->qid, c->addr);
		if (outcome == O_DEFER && v < 2) {
			put("relay=none, ");
			pf_delays(t);
			put("dsn=4.4.1, status=deferred (connect to mail.example.com"
			    "[private/dovecot-lmtp]: Connection refused)");
		} else {
			put("relay=mail.example.com[private/dovecot-lmtp], ");
			pf_delays(t);
			rstr(id, 22,
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			    "0123456789");
			if (outcome == O_SENT)
				putf(
				    "dsn=2.0.0, status=sent (250 2.0.0 <%s> %s Saved)",
				    c->addr, id);
			else if (outcome == O_DEFER)
				putf(
				    "dsn=4.2.2, status=deferred (host mail.example.com"
				    "[private/dovecot-lmtp] said: 452 4.2.2 <%s> Quota "
				    "exceeded (mailbox for user is full) (in reply to end "
				    "of DATA command))",
				    c->addr);
			else
				putf(
				    "dsn=5.1.1, status=bounced (host mail.example.com"
				    "[private/dovecot-lmtp] said: 550 5.1.1 <%s> User "
				    "doesn't exist: %s (in reply to RCPT TO command))",
				    c->addr, c->addr);
		}
	} else {
		pf_hdr(t, "local", pick(pf_local, 2));
		putf("%s: to=<%s>, ", t->qid, c->addr);
		if (v == 9)
			putf("orig_to=<postmaster@%s>, ", domain_of(c->addr));
		put("relay=local, ");
		pf_delays(t);
		if (outcome == O_SENT)
			put("dsn=2.0.0, status=sent (delivered to mailbox)");
		else if (outcome == O_DEFER)
			put("dsn=4.3.0, status=deferred (temporary failure. Command "
			    "output: /usr/bin/procmail: Couldn't create "
			    "\"/var/mail/nobody\")");
		else {
			char u[64];

			snprintf(u, sizeof(u), "%.*s",
			    (int)(strchr(c->addr, '@') - c->addr), c->addr);
			putf("dsn=5.1.1, status=bounced (unknown user: \"%s\")",
			    u);
		}
	}
	endl(M_POSTFIX);
}

/* One Postfix smtp delivery line of a remote recipient. */
static void
pf_deliver_remote(const struct tx *t, const struct rcpt *c,
    const struct reply *rp)
{
	static const char *const stage[] = {"RCPT TO", "end of DATA",
	    "MAIL FROM", ""};
	char mx[128], ip[48], text[2048], line[2048];
	const char *st = rp->dsn[0] == '2' ? "sent"
	    : rp->dsn[0] == '4'            ? "deferred"
					   : "bounced";

	mx_of(c->addr, c->prov, mx, sizeof(mx), ip, sizeof(ip));
	expand(text, sizeof(text), rp->text, t, c->addr, OUR_PF_IP);
	join(line, sizeof(line), text, " ", 0);
	if (rp->kind == K_TIMEOUT || rp->kind == K_REFUSED) {
		pf_hdr(t, "smtp", pick(pf_smtp, 10));
		putf("connect to %s[%s]:25: %s", mx, ip, line);
		endl(M_POSTFIX);
	}
	pf_hdr(t, "smtp", pick(pf_smtp, 10));
	putf("%s: to=<%s>, ", t->qid, c->addr);
	if (rp->kind == K_SAID || rp->kind == K_LOST)
		putf("relay=%s[%s]:25, ", mx, ip);
	else
		put("relay=none, ");
	pf_delays(t);
	putf("dsn=%s, status=%s (", rp->dsn, st);
	switch (rp->kind) {
	case K_TIMEOUT:
	case K_REFUSED:
		putf("connect to %s[%s]:25: %s)", mx, ip, line);
		break;
	case K_LOST:
		putf("lost connection with %s[%s] while receiving the initial "
		     "server greeting)",
		    mx, ip);
		break;
	case K_DNS:
		putf("Host or domain name not found. Name service error for "
		     "name=%s type=MX: Host not found, try again)",
		    domain_of(c->addr));
		break;
	case K_NOHOST:
		putf("Host or domain name not found. Name service error for "
		     "name=%s type=A: Host not found)",
		    domain_of(c->addr));
		break;
	default:
		if (rp->dsn[0] == '2')
			putf("%s)", line);
		else if (rp->stage == S_CONN)
			putf("host %s[%s] refused to talk to me: %s)", mx, ip,
			    line);
		else
			putf("host %s[%s] said: %s (in reply to %s command))",
			    mx, ip, line, stage[rp->stage]);
	}
	endl(M_POSTFIX);
}

/* Create a Postfix message transaction. */
static void
pf_msg_new(struct tx *t)
{
	unsigned r = rn(100);
	int prov;

	t->sub = r < 55 ? 0 : r < 90 ? 1 : 2; /* inbound, submission, pickup */
	t->size = msg_size();
	if (t->sub == 0) {
		make_client(t, &prov);
		make_sender(t, prov);
		plan_rcpts(t, 1);
		make_msgid(t->msgid, sizeof(t->msgid), t->from, prov);
		t->pid2 = chance(300); /* came through postscreen */
	} else {
		if (t->sub == 1) {
			ip_of(t->ip, sizeof(t->ip), rnd());
			snprintf(t->host, sizeof(t->host), "unknown");
		}
		local_addr(t->from, sizeof(t->from));
		plan_rcpts(t, 0);
		make_msgid(t->msgid, sizeof(t->msgid), t->from, P_GENERIC);
		t->port = 1024 + rn(64000);
	}
	t->pid = newpid();
}

/* A retried recipient gets a new outcome, and a new reply if remote. */
static void
rcpt_redraw(const struct tx *t, struct rcpt *c)
{
	if (!t->retried)
		return;
	c->outcome = draw_outcome(1);
	if (c->prov != P_LOCAL)
		c->rep = reply_for(c->prov, c->outcome);
}

/* After an attempt: done unless deferred; 2 marks a bounce. */
static void
rcpt_settle(struct rcpt *c)
{
	if (c->outcome != O_DEFER)
		c->done = 1;
	if (c->outcome == O_BOUNCE)
		c->done = 2;
}

/* Deliver (or retry) each recipient, then spawn a bounce if needed. */
static int
pf_msg_deliveries(struct tx *t, int base)
{
	int i = t->step - base, k, bounced = 0, pending = 0;
	struct tx *n;

	if (i < t->nrcpt) {
		struct rcpt *c = &t->rc[i];

		t->step++;
		if (c->done)
			return 0;
		rcpt_redraw(t, c);
		if (c->prov == P_LOCAL)
			pf_deliver_local(t, c, c->outcome);
		else
			pf_deliver_remote(t, c, c->rep);
		rcpt_settle(c);
		return 0;
	}
	for (k = 0; k < t->nrcpt; k++) {
		bounced |= t->rc[k].done == 2;
		pending |= !t->rc[k].done;
	}
	if (bounced && t->step == base + t->nrcpt && (n = spawn(TX_PF_NDR))) {
		n->rfc3339 = t->rfc3339;
		scopy(n->oqid, sizeof(n->oqid), t->qid);
		scopy(n->from, sizeof(n->from), t->from);
		for (k = 0; k < t->nrcpt; k++)
			if (t->rc[k].done == 2)
				t->rc[k].done = 1;
	}
	t->step = base + t->nrcpt + 1;
	if (pending && !t->retried && chance(600)) {
		t->retried = 1;
		t->step = 100;
		sleep_tx(t, 300 + rn(2000));
		return 0;
	}
	if (!pending) {
		pf_hdr(t, "qmgr", pf_qmgr);
		putf("%s: removed", t->qid);
		endl(M_POSTFIX);
	}
	return 1;
}

/* The next line of a Postfix message; 1 when the transaction is over. */
static int
pf_msg_step(struct tx *t)
{
	const char *prog = t->sub == 1 ? "submission/smtpd" : "smtpd";
	const char *host = t->host;
	int extra;

	switch (t->step) {
	case 0:
		t->step = t->pid2 ? 1 : t->sub == 2 ? 5 : 3;
		if (t->step == 1) {
			pf_hdr(t, "postscreen", pf_screen);
			putf("CONNECT from [%s]:%u to [" OUR_PF_IP "]:25",
			    t->ip, t->port);
			endl(M_POSTFIX);
			return 0;
		}
		return pf_msg_step(t);
	case 1:
		pf_hdr(t, "postscreen", pf_screen);
		putf("PASS OLD [%s]:%u", t->ip, t->port);
		endl(M_POSTFIX);
		t->step = 3;
		return 0;
	case 3:
		pf_hdr(t, prog, t->pid);
		putf("connect from %s[%s]", host, t->ip);
		endl(M_POSTFIX);
		pf_qid(t->qid, sizeof(t->qid));
		t->step = 4;
		return 0;
	case 4:
		pf_hdr(t, prog, t->pid);
		putf("%s: client=%s[%s]", t->qid, host, t->ip);
		if (t->sub == 1)
			putf(", sasl_method=%s, sasl_username=%s",
			    rn(3) ? "PLAIN" : "LOGIN", t->from);
		endl(M_POSTFIX);
		t->step = 6;
		return 0;
	case 5:
		pf_qid(t->qid, sizeof(t->qid));
		pf_hdr(t, "pickup", pick(&pf_pickup, 1));
		putf("%s: uid=33 from=<www-data>", t->qid);
		endl(M_POSTFIX);
		t->step = 6;
		return 0;
	case 6:
		pf_hdr(t, "cleanup", pick(pf_cleanup, 2));
		putf("%s: message-id=<%s>", t->qid, t->msgid);
		endl(M_POSTFIX);
		t->step = 7;
		return 0;
	case 7:
		pf_hdr(t, "qmgr", pf_qmgr);
		putf("%s: from=<%s>, size=%u, nrcpt=%d (queue active)", t->qid,
		    t->sub == 2 ? "www-data@example.com" : t->from, t->size,
		    t->nrcpt);
		endl(M_POSTFIX);
		t->step = t->sub == 2 ? 10 : 8;
		return 0;
	case 8:
		pf_hdr(t, prog, t->pid);
		extra = t->sub == 1 ? 3 : t->pid2 ? 0 : 1;
		if (t->sub == 1)
			putf(
			    "disconnect from %s[%s] ehlo=2 starttls=1 auth=1 mail=1 "
			    "rcpt=%d data=1 quit=1 commands=%d",
			    host, t->ip, t->nrcpt, t->nrcpt + 7);
		else if (extra)
			putf(
			    "disconnect from %s[%s] ehlo=2 starttls=1 mail=1 rcpt=%d "
			    "data=1 quit=1 commands=%d",
			    host, t->ip, t->nrcpt, t->nrcpt + 6);
		else
			putf(
			    "disconnect from %s[%s] ehlo=1 mail=1 rcpt=%d data=1 "
			    "quit=1 commands=%d",
			    host, t->ip, t->nrcpt, t->nrcpt + 4);
		endl(M_POSTFIX);
		t->step = 10;
		return 0;
	case 100:
		/* the retry, minutes later */
		pf_hdr(t, "qmgr", pf_qmgr);
		putf("%s: from=<%s>, size=%u, nrcpt=%d (queue active)", t->qid,
		    t->sub == 2 ? "www-data@example.com" : t->from, t->size,
		    t->nrcpt);
		endl(M_POSTFIX);
		t->step = 101;
		return 0;
	default:
		return pf_msg_deliveries(t, t->step >= 101 ? 101 : 10);
	}
}

/* The next line of a Postfix non-delivery notification. */
static int
pf_ndr_step(struct tx *t)
{
	struct rcpt c;
	int local = is_local(t->from);

	switch (t->step++) {
	case 0:
		pf_qid(t->qid, sizeof(t->qid));
		pf_hdr(t, "cleanup", pick(pf_cleanup, 2));
		putf("%s: message-id=<%s.%s@mail.example.com>", t->qid,
		    "20261120", t->qid);
		endl(M_POSTFIX);
		return 0;
	case 1:
		pf_hdr(t, "bounce", pick(&pf_bounce, 1));
		putf("%s: sender non-delivery notification: %s", t->oqid,
		    t->qid);
		endl(M_POSTFIX);
		return 0;
	case 2:
		pf_hdr(t, "qmgr", pf_qmgr);
		putf("%s: from=<>, size=%u, nrcpt=1 (queue active)", t->qid,
		    2400 + rn(3000));
		endl(M_POSTFIX);
		return 0;
	case 3:
		memset(&c, 0, sizeof(c));
		snprintf(c.addr, sizeof(c.addr), "%s", t->from);
		if (local) {
			c.prov = P_LOCAL;
			pf_deliver_local(t, &c, O_SENT);
		} else {
			c.prov = P_GENERIC;
			if (strstr(t->from, "gmail"))
				c.prov = P_GMAIL;
			else if (strstr(t->from, "outlook") ||
			    strstr(t->from, "hotmail"))
				c.prov = P_MS;
			else if (strstr(t->from, "yahoo"))
				c.prov = P_YAHOO;
			pf_deliver_remote(t, &c, reply_for(c.prov, O_SENT));
		}
		return 0;
	default:
		pf_hdr(t, "qmgr", pf_qmgr);
		putf("%s: removed", t->qid);
		endl(M_POSTFIX);
		return 1;
	}
}

/* The next line of a client rejected by smtpd. */
static int
pf_reject_step(struct tx *t)
{
	char rc[96], sender[96];
	int p, n;

	switch (t->step) {
	case 0:
		ip_of(t->ip, sizeof(t->ip), rnd());
		snprintf(t->host, sizeof(t->host), "unknown");
		snprintf(t->helo, sizeof(t->helo), "%s", helo_bad[rn(8)]);
		t->pid = newpid();
		t->sub = (int)rn(100);
		t->nrcpt = 1 + (int)skew(3);
		pf_hdr(t, "smtpd", t->pid);
		putf("connect from unknown[%s]", t->ip);
		endl(M_POSTFIX);
		t->step = 1;
		return 0;
	default:
		if (t->step <= t->nrcpt) {
			if (t->sub < 30 || t->sub >= 80)
				local_addr(rc, sizeof(rc));
			else
				remote_addr(rc, sizeof(rc), &p);
			remote_addr(sender, sizeof(sender), &p);
			pf_hdr(t, "smtpd", t->pid);
			putf("NOQUEUE: reject: RCPT from unknown[%s]: ", t->ip);
			if (t->sub < 30)
				putf(
				    "554 5.7.1 Service unavailable; Client host [%s] "
				    "blocked using zen.spamhaus.org; "
				    "https://www.spamhaus.org/query/ip/%s",
				    t->ip, t->ip);
			else if (t->sub < 45)
				putf(
				    "450 4.7.1 Client host rejected: cannot find your "
				    "hostname, [%s]",
				    t->ip);
			else if (t->sub < 55)
				putf(
				    "450 4.7.1 <%s>: Helo command rejected: Host not "
				    "found",
				    t->helo);
			else if (t->sub < 80)
				putf("554 5.7.1 <%s>: Relay access denied", rc);
			else if (t->sub < 95)
				putf(
				    "550 5.1.1 <%s>: Recipient address rejected: User "
				    "unknown in virtual mailbox table",
				    rc);
			else
				putf(
				    "504 5.5.2 <%s>: Helo command rejected: need fully-"
				    "qualified hostname",
				    t->helo);
			putf("; from=<%s> to=<%s> proto=ESMTP helo=<%s>",
			    sender, rc, t->helo);
			endl(M_POSTFIX);
			t->step++;
			return 0;
		}
		n = t->nrcpt;
		pf_hdr(t, "smtpd", t->pid);
		putf(
		    "disconnect from unknown[%s] ehlo=1 mail=1 rcpt=0/%d quit=1 "
		    "commands=3/%d",
		    t->ip, n, 3 + n);
		endl(M_POSTFIX);
		return 1;
	}
}

/* The next line of a client that postscreen turned away. */
static int
pf_screen_step(struct tx *t)
{
	unsigned x[2];
	char rc[96], sender[96];
	int p;

	switch (t->step++) {
	case 0:
		ip_of(t->ip, sizeof(t->ip), rnd());
		t->port = 1024 + rn(64000);
		t->sub = (int)rn(10);
		pf_hdr(t, "postscreen", pf_screen);
		putf("CONNECT from [%s]:%u to [" OUR_PF_IP "]:25", t->ip,
		    t->port);
		endl(M_POSTFIX);
		return 0;
	case 1:
		if (t->sub < 2) {
			pf_hdr(t, "postscreen", pf_screen);
			DRAW(x, 100, 8);
			putf(
			    "PREGREET 11 after 0.%02u from [%s]:%u: EHLO %s\\r\\n",
			    x[0], t->ip, t->port, helo_bad[x[1]]);
			endl(M_POSTFIX);
			t->step = 4;
			return 0;
		}
		pf_hdr(t, "dnsblog", pick(&pf_dnsblog, 1));
		putf("addr %s listed by domain zen.spamhaus.org as 127.0.0.%u",
		    t->ip, rn(3) ? 3 : 11);
		endl(M_POSTFIX);
		return 0;
	case 2:
		pf_hdr(t, "postscreen", pf_screen);
		putf("DNSBL rank %u for [%s]:%u", 3 + rn(4), t->ip, t->port);
		endl(M_POSTFIX);
		return 0;
	case 3:
		local_addr(rc, sizeof(rc));
		remote_addr(sender, sizeof(sender), &p);
		pf_hdr(t, "postscreen", pf_screen);
		putf("NOQUEUE: reject: RCPT from [%s]:%u: 550 5.7.1 Service "
		     "unavailable; client [%s] blocked using zen.spamhaus.org; "
		     "from=<%s>, to=<%s>, proto=ESMTP, helo=<%s>",
		    t->ip, t->port, t->ip, sender, rc, helo_bad[rn(8)]);
		endl(M_POSTFIX);
		return 0;
	default:
		pf_hdr(t, "postscreen", pf_screen);
		putf("DISCONNECT [%s]:%u", t->ip, t->port);
		endl(M_POSTFIX);
		return 1;
	}
}

/* The next line of a password-guessing client. */
static int
pf_sasl_step(struct tx *t)
{
	switch (t->step++) {
	case 0:
		ip_of(t->ip, sizeof(t->ip), rnd() % 5000);
		t->pid = newpid();
		pf_hdr(t, "smtpd", t->pid);
		putf("connect from unknown[%s]", t->ip);
		endl(M_POSTFIX);
		return 0;
	case 1:
		pf_hdr(t, "smtpd", t->pid);
		putf("warning: unknown[%s]: SASL LOGIN authentication failed: "
		     "UGFzc3dvcmQ6",
		    t->ip);
		endl(M_POSTFIX);
		return 0;
	case 2:
		pf_hdr(t, "smtpd", t->pid);
		putf("lost connection after AUTH from unknown[%s]", t->ip);
		endl(M_POSTFIX);
		return 0;
	default:
		pf_hdr(t, "smtpd", t->pid);
		putf("disconnect from unknown[%s] ehlo=1 auth=0/1 commands=1/2",
		    t->ip);
		endl(M_POSTFIX);
		return 1;
	}
}

/* The next line of connection noise: no mail, no reply logged. */
static int
pf_noise_step(struct tx *t)
{
	unsigned x[3];
	int y, mo, d, h, mi, s;

	switch (t->step++) {
	case 0:
		t->sub = (int)rn(10);
		ip_of(t->ip, sizeof(t->ip), rnd());
		t->pid = newpid();
		if (t->sub == 0) {
			civil(now_us - 60000000u * rn(5), &y, &mo, &d, &h, &mi,
			    &s);
			pf_hdr(t, "anvil", pick(&pf_anvil, 1));
			putf(
			    "statistics: max connection rate %u/60s for (smtp:%s) at "
			    "%s %2d %02d:%02d:%02d",
			    1 + rn(9), t->ip, mon[mo - 1], d, h, mi, s);
			endl(M_POSTFIX);
			return 1;
		}
		pf_hdr(t, "smtpd", t->pid);
		putf("connect from unknown[%s]", t->ip);
		endl(M_POSTFIX);
		return 0;
	case 1:
		pf_hdr(t, "smtpd", t->pid);
		if (t->sub < 4)
			putf("lost connection after CONNECT from unknown[%s]",
			    t->ip);
		else if (t->sub < 7) {
			DRAW(x, 256, 256, 256);
			putf(
			    "warning: hostname %u-%u-%u.dyn.example.net does not "
			    "resolve to address %s: Name or service not known",
			    x[0], x[1], x[2], t->ip);
		} else
			putf(
			    "SSL_accept error from unknown[%s]: lost connection",
			    t->ip);
		endl(M_POSTFIX);
		return 0;
	default:
		pf_hdr(t, "smtpd", t->pid);
		if (t->sub < 4 || t->sub >= 7)
			putf("disconnect from unknown[%s] commands=0/0", t->ip);
		else
			putf(
			    "disconnect from unknown[%s] ehlo=1 quit=1 commands=2",
			    t->ip);
		endl(M_POSTFIX);
		return 1;
	}
}

/* ---- Exim --------------------------------------------------------------- */

/* One Exim delivery line (=>, ->, ==, **) of a recipient. */
static void
ex_deliver(struct tx *t, const struct rcpt *c, const struct reply *rp,
    int first_sent)
{
	static const char *const defer[] = {"-44", "-46", "-45", "0"};
	char mx[128], ip[48], text[2048], line[2048], after[256];

	if (c->prov == P_LOCAL) {
		char u[64];

		snprintf(u, sizeof(u), "%.*s",
		    (int)(strchr(c->addr, '@') - c->addr), c->addr);
		ts_exim();
		if (c->outcome == O_SENT)
			putf("%s %s %s <%s> R=local_user T=mail_spool", t->qid,
			    first_sent ? "=>" : "->", u, c->addr);
		else if (c->outcome == O_DEFER)
			putf(
			    "%s == %s <%s> R=local_user T=mail_spool defer (-22): "
			    "mailbox is full (MTA-imposed quota exceeded while writing "
			    "to /var/mail/%s)",
			    t->qid, u, c->addr, u);
		else
			putf("%s ** %s: Unrouteable address", t->qid, c->addr);
		endl(M_EXIM);
		return;
	}
	mx_of(c->addr, c->prov, mx, sizeof(mx), ip, sizeof(ip));
	expand(text, sizeof(text), rp->text, t, c->addr, OUR_EX_IP);
	join(line, sizeof(line), text, "\\n", 0);
	if (rp->stage == S_RCPT)
		snprintf(after, sizeof(after), "RCPT TO:<%s>", c->addr);
	else if (rp->stage == S_MAIL)
		snprintf(after, sizeof(after), "MAIL FROM:<%s> SIZE=%u",
		    t->from, t->size);
	else if (rp->stage == S_DATA)
		snprintf(after, sizeof(after), "end of data");
	else
		snprintf(after, sizeof(after), "initial connection");
	if (rp->dsn[0] == '2') {
		ts_exim();
		putf("%s %s %s R=dnslookup T=remote_smtp H=%s [%s] "
		     "X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=yes C=\"%s\"",
		    t->qid, first_sent ? "=>" : "->", c->addr, mx, ip, line);
		endl(M_EXIM);
		return;
	}
	if (rp->kind == K_TIMEOUT || rp->kind == K_REFUSED ||
	    (rp->kind == K_SAID && rp->stage == S_CONN)) {
		ts_exim();
		if (rp->kind == K_SAID)
			putf(
			    "%s H=%s [%s]: SMTP error from remote mail server after "
			    "initial connection: %s",
			    t->qid, mx, ip, line);
		else
			putf("%s H=%s [%s] %s", t->qid, mx, ip, line);
		endl(M_EXIM);
	}
	ts_exim();
	switch (rp->kind) {
	case K_TIMEOUT:
	case K_REFUSED:
		putf("%s == %s R=dnslookup T=remote_smtp defer (%s): %s",
		    t->qid, c->addr, rp->kind == K_TIMEOUT ? "110" : "111",
		    line);
		break;
	case K_LOST:
		putf(
		    "%s == %s R=dnslookup T=remote_smtp defer (-18) H=%s [%s]: "
		    "Remote host closed connection in response to initial "
		    "connection",
		    t->qid, c->addr, mx, ip);
		break;
	case K_DNS:
		putf("%s == %s R=dnslookup defer (-1): host lookup did not "
		     "complete",
		    t->qid, c->addr);
		break;
	case K_NOHOST:
		putf("%s ** %s: Unrouteable address", t->qid, c->addr);
		break;
	default:
		if (rp->dsn[0] == '4')
			putf(
			    "%s == %s R=dnslookup T=remote_smtp defer (%s) H=%s [%s]: "
			    "SMTP error from remote mail server after %s: %s",
			    t->qid, c->addr, defer[rp->stage], mx, ip, after,
			    line);
		else
			putf(
			    "%s ** %s R=dnslookup T=remote_smtp H=%s [%s]: SMTP error "
			    "from remote mail server after %s: %s",
			    t->qid, c->addr, mx, ip, after, line);
	}
	endl(M_EXIM);
}

/* The next line of an Exim message; 1 when the transaction is over. */
static int
ex_msg_step(struct tx *t)
{
	int prov, i, k, bounced = 0, pending = 0, sent = 0;
	struct tx *n;

	switch (t->step) {
	case 0: {
		unsigned r = rn(100);

		t->pid = newpid();
		t->size = msg_size();
		t->sub = r < 60 ? 0 : 1; /* inbound, submission */
		if (t->sub == 0) {
			make_client(t, &prov);
			make_sender(t, prov);
			plan_rcpts(t, 1);
			make_msgid(t->msgid, sizeof(t->msgid), t->from, prov);
		} else {
			ip_of(t->ip, sizeof(t->ip), rnd());
			local_addr(t->from, sizeof(t->from));
			plan_rcpts(t, 0);
			make_msgid(t->msgid, sizeof(t->msgid), t->from,
			    P_GENERIC);
		}
		ex_qid(t->qid, t->pid);
		ts_exim();
		if (t->sub == 0 && strcmp(t->host, "unknown") != 0)
			putf(
			    "%s <= %s H=%s [%s] P=esmtps "
			    "X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=no S=%u id=%s",
			    t->qid, t->from, t->host, t->ip, t->size, t->msgid);
		else if (t->sub == 0)
			putf("%s <= %s H=(%s) [%s] P=esmtp S=%u id=%s", t->qid,
			    t->from, t->helo, t->ip, t->size, t->msgid);
		else
			putf("%s <= %s H=(%s) [%s] P=esmtpsa "
			     "X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=no "
			     "A=dovecot_plain:%s S=%u id=%s",
			    t->qid, t->from, "laptop.example.com", t->ip,
			    t->from, t->size, t->msgid);
		endl(M_EXIM);
		t->step = 1;
		return 0;
	}
	case 200:
		/* the queue runner retries minutes later */
		t->retried = 1;
		t->step = 1;
		return ex_msg_step(t);
	default:
		i = t->step - 1;
		if (i < t->nrcpt) {
			struct rcpt *c = &t->rc[i];

			t->step++;
			if (c->done)
				return 0;
			rcpt_redraw(t, c);
			for (k = 0; k < i; k++)
				sent |= t->rc[k].outcome == O_SENT &&
				    t->rc[k].done == 1 && !t->retried;
			ex_deliver(t, c, c->rep, !sent);
			if (c->outcome != O_DEFER)
				c->done = c->outcome == O_BOUNCE ? 2 : 1;
			return 0;
		}
		for (k = 0; k < t->nrcpt; k++) {
			bounced |= t->rc[k].done == 2;
			pending |= !t->rc[k].done;
		}
		if (bounced && (n = spawn(TX_EX_NDR))) {
			scopy(n->oqid, sizeof(n->oqid), t->qid);
			scopy(n->from, sizeof(n->from), t->from);
			for (k = 0; k < t->nrcpt; k++)
				if (t->rc[k].done == 2)
					t->rc[k].done = 1;
		}
		if (pending && !t->retried && chance(600)) {
			t->step = 200;
			sleep_tx(t, 300 + rn(2000));
			return 0;
		}
		if (!pending) {
			ts_exim();
			putf("%s Completed", t->qid);
			endl(M_EXIM);
		}
		return 1;
	}
}

/* The next line of an Exim bounce message. */
static int
ex_ndr_step(struct tx *t)
{
	struct rcpt c;

	switch (t->step++) {
	case 0:
		ex_qid(t->qid, newpid());
		ts_exim();
		putf("%s <= <> R=%s U=Debian-exim P=local S=%u", t->qid,
		    t->oqid, 1900 + rn(3000));
		endl(M_EXIM);
		return 0;
	case 1:
		memset(&c, 0, sizeof(c));
		snprintf(c.addr, sizeof(c.addr), "%s", t->from);
		c.outcome = O_SENT;
		c.prov = is_local(t->from)     ? P_LOCAL
		    : strstr(t->from, "gmail") ? P_GMAIL
					       : P_GENERIC;
		ex_deliver(t, &c,
		    c.prov == P_LOCAL ? NULL : reply_for(c.prov, O_SENT), 1);
		return 0;
	default:
		ts_exim();
		putf("%s Completed", t->qid);
		endl(M_EXIM);
		return 1;
	}
}

/* The next line of a client rejected by Exim's ACLs. */
static int
ex_reject_step(struct tx *t)
{
	char rc[96];
	int p;

	switch (t->step++) {
	case 0:
		ip_of(t->ip, sizeof(t->ip), rnd());
		t->sub = (int)rn(100);
		t->port = 1024 + rn(64000);
		remote_addr(t->from, sizeof(t->from), &p);
		snprintf(t->helo, sizeof(t->helo), "%s", helo_bad[rn(8)]);
		ts_exim();
		putf(
		    "SMTP connection from [%s]:%u (TCP/IP connection count = %u)",
		    t->ip, t->port, 1 + rn(6));
		endl(M_EXIM);
		return 0;
	case 1:
		if (t->sub < 25)
			remote_addr(rc, sizeof(rc), &p);
		else
			local_addr(rc, sizeof(rc));
		ts_exim();
		if (t->sub < 25)
			putf("H=(%s) [%s] F=<%s> rejected RCPT <%s>: relay not "
			     "permitted",
			    t->helo, t->ip, t->from, rc);
		else if (t->sub < 50)
			putf(
			    "H=(%s) [%s] F=<%s> rejected RCPT <%s>: Unrouteable "
			    "address",
			    t->helo, t->ip, t->from, rc);
		else if (t->sub < 80)
			putf(
			    "H=(%s) [%s] F=<%s> rejected RCPT <%s>: JunkMail rejected "
			    "- (%s) [%s] is in an RBL: "
			    "https://www.spamhaus.org/query/ip/%s",
			    t->helo, t->ip, t->from, rc, t->helo, t->ip, t->ip);
		else if (t->sub < 95)
			putf(
			    "H=(%s) [%s] F=<%s> temporarily rejected RCPT <%s>: "
			    "greylisted.",
			    t->helo, t->ip, t->from, rc);
		else
			putf(
			    "SMTP protocol synchronization error (input sent without "
			    "waiting for greeting): rejected connection from H=[%s] "
			    "input=\"EHLO %s\\r\\n\"",
			    t->ip, t->helo);
		endl(M_EXIM);
		return 0;
	default:
		ts_exim();
		putf("SMTP connection from (%s) [%s]:%u closed by QUIT",
		    t->helo, t->ip, t->port);
		endl(M_EXIM);
		return 1;
	}
}

/* Exim connection noise. */
static int
ex_noise_step(struct tx *t)
{
	unsigned r, x[2];

	switch (t->step++) {
	case 0:
		ip_of(t->ip, sizeof(t->ip), rnd());
		ts_exim();
		putf("no host name found for IP address %s", t->ip);
		endl(M_EXIM);
		return 0;
	default:
		r = rn(3);
		DRAW(x, 64000, 30);
		ts_exim();
		if (r == 0)
			putf("no MAIL in SMTP connection from [%s]:%u D=%us "
			     "C=EHLO,STARTTLS,EHLO,QUIT",
			    t->ip, 1024 + x[0], 1 + x[1]);
		else if (r == 1)
			putf(
			    "unexpected disconnection while reading SMTP command "
			    "from [%s]:%u D=%us",
			    t->ip, 1024 + x[0], x[1]);
		else
			putf(
			    "TLS error on connection from [%s]:%u (SSL_accept): "
			    "error:0A000126:SSL routines::unexpected eof while reading",
			    t->ip, 1024 + rn(64000));
		endl(M_EXIM);
		return 1;
	}
}

/* ---- Sendmail ----------------------------------------------------------- */

/* The header of a Sendmail line, through syslog. */
static void
sm_hdr(unsigned pid)
{
	ts_classic();
	putf("mx2 sm-mta[%u]: ", pid);
}

/* One Sendmail to= line of a recipient. */
static void
sm_deliver(struct tx *t, const struct rcpt *c, const struct reply *rp)
{
	char mx[128], ip[48], text[2048], line[2048], d1[16], d2[16];
	const char *p;

	fmt_smdelay(d1, sizeof(d1), now_us - t->t0);
	fmt_smdelay(d2, sizeof(d2), (now_us - t->t0) / 4);
	sm_hdr(t->pid2);
	if (c->prov == P_LOCAL) {
		putf("%s: to=<%s>, delay=%s, xdelay=%s, mailer=local, pri=%u, ",
		    t->qid, c->addr, d1, d2, 30000 + t->size);
		if (c->outcome == O_SENT)
			put("dsn=2.0.0, stat=Sent");
		else if (c->outcome == O_DEFER)
			put("dsn=4.2.2, stat=Deferred: Disk quota exceeded");
		else
			put("dsn=5.1.1, stat=User unknown");
		endl(M_SENDMAIL);
		return;
	}
	mx_of(c->addr, c->prov, mx, sizeof(mx), ip, sizeof(ip));
	expand(text, sizeof(text), rp->text, t, c->addr, OUR_SM_IP);
	join(line, sizeof(line), text, "", 1);
	putf("%s: to=<%s>, ctladdr=<%s> (1000/1000), delay=%s, xdelay=%s, "
	     "mailer=esmtp, pri=%u, ",
	    t->qid, c->addr, t->from, d1, d2,
	    30000 + t->size + (t->retried ? 90000 : 0));
	switch (rp->kind) {
	case K_TIMEOUT:
		putf(
		    "relay=%s. [%s], dsn=4.0.0, stat=Deferred: Connection timed "
		    "out with %s.",
		    mx, ip, mx);
		break;
	case K_REFUSED:
		putf(
		    "relay=%s. [%s], dsn=4.0.0, stat=Deferred: Connection refused "
		    "by %s.",
		    mx, ip, mx);
		break;
	case K_LOST:
		putf(
		    "relay=%s. [%s], dsn=4.4.2, stat=Deferred: Connection reset by "
		    "%s.",
		    mx, ip, mx);
		break;
	case K_DNS:
		putf("relay=%s, dsn=4.4.3, stat=Deferred: Name server timeout",
		    domain_of(c->addr));
		break;
	case K_NOHOST:
		putf(
		    "relay=%s, dsn=5.1.2, stat=Host unknown (Name server: %s: host "
		    "not found)",
		    domain_of(c->addr), domain_of(c->addr));
		break;
	default:
		putf("relay=%s. [%s], dsn=%s, ", mx, ip, rp->dsn);
		if (rp->dsn[0] == '2') {
			/* stat=Sent (text of the reply without its codes) */
			p = line + 4;
			if (p[0] >= '2' && p[0] <= '5' && p[1] == '.')
				p = strchr(p, ' ') ? strchr(p, ' ') + 1 : p;
			putf("stat=Sent (%s)", p);
		} else if (rp->dsn[0] == '4')
			putf("reply=%s, stat=Deferred: %s", line, line);
		else
			putf("reply=%s, stat=%s", line,
			    strncmp(line, "550", 3) == 0
				? "User unknown"
				: "Service unavailable");
	}
	endl(M_SENDMAIL);
}

/* The next line of a Sendmail message; 1 when the transaction is over. */
static int
sm_msg_step(struct tx *t)
{
	int prov, i, k, bounced = 0, pending = 0;
	struct tx *n;

	switch (t->step) {
	case 0: {
		unsigned r = rn(100);

		t->pid = newpid();
		t->size = msg_size();
		t->sub = r < 50 ? 0 : 1;
		if (t->sub == 0) {
			make_client(t, &prov);
			make_sender(t, prov);
			plan_rcpts(t, 1);
			make_msgid(t->msgid, sizeof(t->msgid), t->from, prov);
		} else {
			ip_of(t->ip, sizeof(t->ip), rnd());
			snprintf(t->host, sizeof(t->host), "unknown");
			local_addr(t->from, sizeof(t->from));
			plan_rcpts(t, 0);
			make_msgid(t->msgid, sizeof(t->msgid), t->from,
			    P_GENERIC);
		}
		sm_qid(t->qid, t->pid);
		sm_hdr(t->pid);
		if (strcmp(t->host, "unknown") == 0)
			putf(
			    "STARTTLS=server, relay=[%s], version=TLSv1.3, verify=NO, "
			    "cipher=TLS_AES_256_GCM_SHA384, bits=256/256",
			    t->ip);
		else
			putf(
			    "STARTTLS=server, relay=%s [%s], version=TLSv1.3, "
			    "verify=NO, cipher=TLS_AES_256_GCM_SHA384, bits=256/256",
			    t->host, t->ip);
		endl(M_SENDMAIL);
		t->step = 1;
		return 0;
	}
	case 1:
		sm_hdr(t->pid);
		putf("%s: from=<%s>, size=%u, class=0, nrcpts=%d, msgid=<%s>, "
		     "bodytype=8BITMIME, proto=ESMTPS, daemon=MTA-v4, relay=",
		    t->qid, t->from, t->size, t->nrcpt, t->msgid);
		if (strcmp(t->host, "unknown") == 0)
			putf("[%s]", t->ip);
		else
			putf("%s [%s]", t->host, t->ip);
		endl(M_SENDMAIL);
		t->pid2 = newpid();
		t->step = 2;
		return 0;
	case 300:
		t->retried = 1;
		t->pid2 = newpid();
		t->step = 2;
		return sm_msg_step(t);
	default:
		i = t->step - 2;
		if (i < t->nrcpt) {
			struct rcpt *c = &t->rc[i];

			t->step++;
			if (c->done)
				return 0;
			rcpt_redraw(t, c);
			sm_deliver(t, c, c->rep);
			if (c->outcome != O_DEFER)
				c->done = c->outcome == O_BOUNCE ? 2 : 1;
			return 0;
		}
		for (k = 0; k < t->nrcpt; k++) {
			bounced |= t->rc[k].done == 2;
			pending |= !t->rc[k].done;
		}
		if (bounced && (n = spawn(TX_SM_NDR))) {
			scopy(n->oqid, sizeof(n->oqid), t->qid);
			scopy(n->from, sizeof(n->from), t->from);
			n->pid2 = t->pid2;
			n->size = t->size;
			for (k = 0; k < t->nrcpt; k++)
				if (t->rc[k].done == 2)
					t->rc[k].done = 1;
		}
		if (pending && !t->retried && chance(600)) {
			t->step = 300;
			sleep_tx(t, 300 + rn(2000));
			return 0;
		}
		return 1;
	}
}

/* The next line of a Sendmail DSN (bounce) message. */
static int
sm_ndr_step(struct tx *t)
{
	struct rcpt c;

	switch (t->step++) {
	case 0:
		scopy(t->qid, 9, t->oqid);
		snprintf(t->qid + 8, sizeof(t->qid) - 8, "%06u", t->pid2);
		sm_hdr(t->pid2);
		putf("%s: %s: DSN: %s", t->oqid, t->qid,
		    rn(2) ? "User unknown" : "Service unavailable");
		endl(M_SENDMAIL);
		return 0;
	default:
		memset(&c, 0, sizeof(c));
		snprintf(c.addr, sizeof(c.addr), "%s", t->from);
		c.outcome = O_SENT;
		c.prov = is_local(t->from)     ? P_LOCAL
		    : strstr(t->from, "gmail") ? P_GMAIL
					       : P_GENERIC;
		t->size += 1000;
		sm_deliver(t, &c,
		    c.prov == P_LOCAL ? NULL : reply_for(c.prov, O_SENT));
		return 1;
	}
}

/* The next line of a client rejected by Sendmail. */
static int
sm_reject_step(struct tx *t)
{
	char rc[96];
	int p;

	switch (t->step++) {
	case 0:
		t->pid = newpid();
		ip_of(t->ip, sizeof(t->ip), rnd());
		sm_qid(t->qid, t->pid);
		t->sub = (int)rn(100);
		remote_addr(t->from, sizeof(t->from), &p);
		sm_hdr(t->pid);
		if (t->sub < 30) {
			putf(
			    "ruleset=check_relay, arg1=[%s], arg2=127.0.0.%u, "
			    "relay=[%s], reject=550 5.7.1 Rejected: %s listed at "
			    "zen.spamhaus.org",
			    t->ip, rn(2) ? 2 : 4, t->ip, t->ip);
			endl(M_SENDMAIL);
			return 1;
		}
		if (t->sub < 55) {
			remote_addr(rc, sizeof(rc), &p);
			putf(
			    "%s: ruleset=check_rcpt, arg1=<%s>, relay=[%s], "
			    "reject=550 5.7.1 <%s>... Relaying denied. IP name lookup "
			    "failed [%s]",
			    t->qid, rc, t->ip, rc, t->ip);
		} else if (t->sub < 75) {
			local_addr(rc, sizeof(rc));
			putf("%s: <%s>... User unknown", t->qid, rc);
		} else if (t->sub < 85) {
			putf(
			    "%s: ruleset=check_mail, arg1=<%s>, relay=[%s], "
			    "reject=553 5.1.8 <%s>... Domain of sender address %s does "
			    "not exist",
			    t->qid, t->from, t->ip, t->from,
			    domain_of(t->from));
		} else {
			local_addr(rc, sizeof(rc));
			putf(
			    "%s: Milter: to=<%s>, reject=451 4.7.1 Greylisting in "
			    "action, please come back in 00:25:00",
			    t->qid, rc);
		}
		endl(M_SENDMAIL);
		return 0;
	default:
		sm_hdr(t->pid);
		putf("%s: from=<%s>, size=0, class=0, nrcpts=0, proto=ESMTP, "
		     "daemon=MTA-v4, relay=[%s]",
		    t->qid, t->from, t->ip);
		endl(M_SENDMAIL);
		return 1;
	}
}

/* Sendmail connection noise. */
static int
sm_noise_step(struct tx *t)
{
	unsigned pid = newpid();
	char q[24];

	ip_of(t->ip, sizeof(t->ip), rnd());
	sm_qid(q, pid);
	sm_hdr(pid);
	if (rn(2))
		putf(
		    "%s: [%s] did not issue MAIL/EXPN/VRFY/ETRN during connection "
		    "to MTA-v4",
		    q, t->ip);
	else
		putf("%s: lost input channel from [%s] to MTA-v4 after rcpt", q,
		    t->ip);
	endl(M_SENDMAIL);
	return 1;
}

/* ---- driver ------------------------------------------------------------- */

/* Start a new transaction, on the MTA furthest below its share of lines. */
static void
new_tx(void)
{
	static const unsigned share[M_COUNT] = {600, 250, 150};
	uint64_t total = lines[0] + lines[1] + lines[2];
	int64_t best = INT64_MIN, def;
	int m, mta = M_POSTFIX, kind;
	unsigned r = rn(1000);
	struct tx *t;

	if (!mix_postfix)
		for (m = 0; m < M_COUNT; m++) {
			def = (int64_t)(share[m] * total / 1000) -
			    (int64_t)lines[m];
			if (def > best) {
				best = def;
				mta = m;
			}
		}
	if (mta == M_POSTFIX)
		kind = r < 800 ? TX_PF_MSG
		    : r < 860  ? TX_PF_REJECT
		    : r < 890  ? TX_PF_SCREEN
		    : r < 930  ? TX_PF_SASL
			       : TX_PF_NOISE;
	else if (mta == M_EXIM)
		kind = r < 860 ? TX_EX_MSG
		    : r < 930  ? TX_EX_REJECT
			       : TX_EX_NOISE;
	else
		kind = r < 850 ? TX_SM_MSG
		    : r < 940  ? TX_SM_REJECT
			       : TX_SM_NOISE;
	t = spawn(kind);
	if (t && mta == M_POSTFIX && !mix_postfix)
		t->rfc3339 = (int)rn(2);
	if (t && kind == TX_PF_MSG)
		pf_msg_new(t);
}

/* Run one step of a transaction; 1 when it is over. */
static int
step(struct tx *t)
{
	switch (t->kind) {
	case TX_PF_MSG:
		return pf_msg_step(t);
	case TX_PF_NDR:
		return pf_ndr_step(t);
	case TX_PF_REJECT:
		return pf_reject_step(t);
	case TX_PF_SCREEN:
		return pf_screen_step(t);
	case TX_PF_SASL:
		return pf_sasl_step(t);
	case TX_PF_NOISE:
		return pf_noise_step(t);
	case TX_EX_MSG:
		return ex_msg_step(t);
	case TX_EX_NDR:
		return ex_ndr_step(t);
	case TX_EX_REJECT:
		return ex_reject_step(t);
	case TX_EX_NOISE:
		return ex_noise_step(t);
	case TX_SM_MSG:
		return sm_msg_step(t);
	case TX_SM_NDR:
		return sm_ndr_step(t);
	case TX_SM_REJECT:
		return sm_reject_step(t);
	default:
		return sm_noise_step(t);
	}
}

/* A size with an optional K, M or G suffix (powers of 1024). */
static int
parse_size(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v = strtoull(s, &end, 10);

	if (end == s)
		return -1;
	switch (*end) {
	case 'k':
	case 'K':
		v <<= 10;
		end++;
		break;
	case 'm':
	case 'M':
		v <<= 20;
		end++;
		break;
	case 'g':
	case 'G':
		v <<= 30;
		end++;
		break;
	default:
		break;
	}
	if (*end == 'B' || *end == 'b')
		end++;
	if (*end)
		return -1;
	*out = v;
	return 0;
}

/* Print the usage and exit with a status. */
static void
usage(int status)
{
	fprintf(status ? stderr : stdout,
	    "Usage: genlog [--seed N] [--size BYTES] [--mix all|postfix]\n"
	    "Write a deterministic, realistic mail log to standard output.\n"
	    "BYTES takes a K, M or G suffix (powers of 1024); default 10M.\n"
	    "--mix all (default): Postfix (classic and RFC 3339 time), Exim and\n"
	    "Sendmail lines; --mix postfix: Postfix only, classic time.\n");
	exit(status);
}

/* Parse the options, then write transactions until the size is reached. */
int
main(int argc, char **argv)
{
	static char obuf[1 << 20];
	uint64_t seed = 1;
	int i;

	limit = 10u << 20;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = NULL;

		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)
			usage(0);
		if (strncmp(a, "--", 2) == 0 && strchr(a, '='))
			v = strchr(a, '=') + 1;
		else if (i + 1 < argc)
			v = argv[i + 1];
		if (!v)
			usage(2);
		if (strncmp(a, "--seed", 6) == 0 &&
		    (a[6] == '\0' || a[6] == '='))
			seed = strtoull(v, NULL, 10);
		else if (strncmp(a, "--size", 6) == 0 &&
		    (a[6] == '\0' || a[6] == '=')) {
			if (parse_size(v, &limit) < 0)
				usage(2);
		} else if (strncmp(a, "--mix", 5) == 0 &&
		    (a[5] == '\0' || a[5] == '=')) {
			if (strcmp(v, "postfix") == 0)
				mix_postfix = 1;
			else if (strcmp(v, "all") != 0)
				usage(2);
		} else
			usage(2);
		if (!strchr(a, '='))
			i++;
	}
	setvbuf(stdout, obuf, _IOFBF, sizeof(obuf));
	rng = mix64(seed) | 1;
	now_us = (uint64_t)days_from_civil(2026, 11, 20) * 86400 * 1000000;
	pf_qmgr = newpid();
	pf_screen = newpid();
	lastpid += 500;
	while (written < limit) {
		struct tx *t;
		int k;

		if (npool - nwait < POOL_TARGET && npool < POOL_MAX) {
			new_tx();
			continue;
		}
		k = (int)rn((unsigned)npool);
		t = &pool[k];
		if (t->wait > 0) {
			if (--t->wait == 0)
				nwait--;
			continue;
		}
		if (step(t))
			pool[k] = pool[--npool];
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("genlog: stdout");
		return 1;
	}
	return 0;
}
