#!/bin/sh
# tests/html.sh - the HTML report (--format html) as a reader gets it.
#
# Without a browser: a log written to attack the page (markup, quotes,
# </svg>, attribute break-outs, control bytes and bad UTF-8 in the
# domain, the host, an unparsed line and the input's name) comes out
# escaped, with no tag but the report's own and valid UTF-8; the page
# loads nothing from outside; <html lang> follows --lang; long logs get
# wider bars, and a file cut for -j 3 gives the page -j 1 gives.
#
# With Debian's chromium (or $CHROMIUM): each page is rendered headless
# at 800 and 375 pixels wide, from a test-only copy with
# tests/html-check.js appended, whose verdict is read back with
# --dump-dom; any console message or layout problem (a page that
# scrolls sideways, an element past the page's edge, a chart with no
# size or drawing outside its box) fails. Skipped when there is no
# browser.
. "${top_srcdir:-.}/tests/lib.sh"
plan 28

# ---- hostile input ------------------------------------------------------
hostile="$TMP/e<v>il&\"'.log"
{
	echo "Nov 22 10:00:01 mail postfix/smtp[9]: A1B2C3: to=x@<script>alert(1)</script>\"&'</svg>.example, relay=mx<svg/onload=alert(2)>[192.0.2.1\"&'], delay=1, delays=0/0/0/1, dsn=5.1.1, status=bounced (host mx[192.0.2.1] said: 550 5.1.1 <b>no</b> \"&' such user (in reply to RCPT TO command))"
	echo "Nov 22 11:00:01 mail postfix/smtpd[9]: NOQUEUE: reject: RCPT from x\"><img_src=x>[192.0.2.9]: 554 5.7.1 <a@<i>.example>: Relay access denied; from=<s@t.example> to=<a@</title><h1>.example> proto=ESMTP helo=<h>"
	printf 'Nov 22 12:00:01 mail postfix/smtpd[9]: NOQUEUE: reject: <script>alert("x")</script> & </svg> \033[31m \377\376 \001 ]]> end\n'
	# long words must wrap or be cut, not widen the page or a chart
	long=WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW
	echo "Nov 22 12:30:01 mail postfix/smtp[9]: A1B2C4: to=<x@$long$long.example>, relay=mx.$long$long[192.0.2.2]:25, delay=1, delays=0/0/0/1, dsn=4.2.2, status=deferred (host mx[192.0.2.2] said: 452 4.2.2 full (in reply to RCPT TO command))"
	echo "Nov 22 12:40:01 mail postfix/smtpd[9]: NOQUEUE: reject: $long$long$long"
} > "$hostile"
smtplog -f html "$hostile" > "$TMP/hostile.html" 2> "$TMP/hostile.err"
check "hostile log: the report is written (exit 0)" test $? = 0
# The tags of the page: only the report's own, whatever the log said.
allow='<a <b <body <code <dd <div <dl <dt <figcaption <figure <footer <g
<h1 <h2 <h3 <head <html <li <line <meta <ol <p <rect <samp <section <span
<style <svg <table <td <text <th <title <tr <tspan'
bad=
for t in $(grep -o '<[a-zA-Z][a-zA-Z0-9]*' "$TMP/hostile.html" | sort -u); do
	case " $(echo $allow) " in
	*" $t "*) ;;
	*) bad="$bad $t" ;;
	esac
done
check "hostile log: no element but the report's own" test -z "$bad"
check "hostile log: no event handler attribute in any tag" \
	sh -c "! grep -o '<[a-zA-Z][^>]*>' '$TMP/hostile.html' | grep -qi ' on[a-z]*='"
check "hostile log: the domain, escaped, in the chart, tooltip and failure" \
	test "$(grep -o '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;&#39;&lt;/svg&gt;.example' "$TMP/hostile.html" | wc -l)" -ge 4
check "hostile log: the hosts, escaped" \
	grep -qF 'mx&lt;svg/onload=alert(2)&gt;[192.0.2.1&quot;&amp;&#39;] (1)' "$TMP/hostile.html"
check "hostile log: the unparsed line, escaped, controls as \\xHH" \
	grep -qF '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;/svg&gt; \x1b[31m \xff\xfe \x01 ]]&gt; end' "$TMP/hostile.html"
check "hostile log: the input's name, escaped" \
	grep -qF 'e&lt;v&gt;il&amp;&quot;&#39;.log:3</code>' "$TMP/hostile.html"
check "hostile log: three charts, each closed once" \
	test "$(grep -c '<svg ' "$TMP/hostile.html"):$(grep -c '</svg>' "$TMP/hostile.html")" = 3:3
check "hostile log: no control byte reaches the page" \
	sh -c "! LC_ALL=C grep -q '[[:cntrl:]]' '$TMP/hostile.html'"
if command -v iconv > /dev/null 2>&1; then
	check "hostile log: the page is valid UTF-8" \
		iconv -f UTF-8 -t UTF-8 -o /dev/null "$TMP/hostile.html"
else
	skip "hostile log: the page is valid UTF-8" "iconv not installed"
fi

# ---- a page that stands alone --------------------------------------------
smtplog -f html "$top_srcdir/sample-logs/postfix-real.log" > "$TMP/sample.html"
check "sample: loads nothing (no src, link, import, url() or script)" \
	sh -c "! grep -qiE ' src=|<link|@import|url\\(|<script|<iframe|<object|<embed' '$TMP/sample.html'"
check "sample: <html lang=\"en\"> and a UTF-8 charset" \
	sh -c "grep -q '^<html lang=\"en\">\$' '$TMP/sample.html' && grep -q '<meta charset=\"utf-8\">' '$TMP/sample.html'"
if [ -d "${SMTPLOG_LOCALEDIR:-}/fr" ]; then
	smtplog --lang fr -f html "$top_srcdir/sample-logs/postfix-real.log" > "$TMP/fr.html"
	check "--lang fr: <html lang=\"fr\"> and French headings" \
		sh -c "grep -q '^<html lang=\"fr\">\$' '$TMP/fr.html' && ! grep -q '<h2>Top failures</h2>' '$TMP/fr.html'"
	smtplog --lang ru -f html "$top_srcdir/sample-logs/postfix-real.log" > "$TMP/ru.html"
else
	skip "--lang fr: <html lang=\"fr\"> and French headings" "no message catalogs"
	cp "$TMP/sample.html" "$TMP/ru.html"
fi

# Seven weeks of mail: the postfix capture replayed on 44 days (each
# before the reference "now" of lib.sh, so all in one year), so the time
# chart must use wider bars.
for m in Oct Nov; do
	for d in 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20 \
	    21 22; do
		sed "s/^Nov 22 /$m $d /" "$top_srcdir/sample-logs/postfix-real.log"
	done
done > "$TMP/weeks.log"
smtplog -f html "$TMP/weeks.log" > "$TMP/weeks.html"
check "seven weeks of mail: bars of 12 hours, one a day with mail" \
	sh -c "grep -q 'each bar 12 hours' '$TMP/weeks.html' && test \$(grep -c '^<g><title>2026-1' '$TMP/weeks.html') = 44"

# A year of mail in a file large enough for -j to cut (4 MiB): each line
# of the RFC 3339 capture moved to its own hour, about 8000 of them, so
# the histogram must widen its buckets, in each piece and in the merge.
i=0
while [ $i -lt 200 ]; do
	cat "$top_srcdir/sample-logs/postfix-real-rfc3339.log"
	i=$((i + 1))
done | awk '{
	h = int((NR - 1) / 4) % 8064
	mon = int(h / 672) + 1; day = int(h % 672 / 24) + 1; hour = h % 24
	printf "2025-%02d-%02dT%02d:%s\n", mon, day, hour, substr($0, 15)
}' > "$TMP/year.log"
smtplog -j 1 -f json "$TMP/year.log" > "$TMP/year1.json"
smtplog -j 1 -f html "$TMP/year.log" > "$TMP/year1.html"
smtplog -j 3 -f html "$TMP/year.log" > "$TMP/year3.html"
check "a year of mail: the histogram widens to 4-hour buckets" \
	grep -q '"by_hour": {"step": 14400,' "$TMP/year1.json"
check "a year of mail: -j 3 gives the same page as -j 1" \
	cmp "$TMP/year1.html" "$TMP/year3.html"

# ---- in a real browser ---------------------------------------------------
browser=${CHROMIUM:-}
if [ -z "$browser" ]; then
	for b in chromium chromium-browser google-chrome; do
		if command -v "$b" > /dev/null 2>&1; then
			browser=$b
			break
		fi
	done
fi

# render PAGE WIDTH [CHARTS]: PAGE with the checker, in a frame WIDTH
# pixels wide (a headless window cannot be narrower than 500), with
# CHARTS charts expected; the verdict in $TMP/verdict, the browser's log
# in $TMP/log.
render() {
	{
		sed '/^<\/body>$/,$d' "$1"
		echo '<script>'
		cat "$top_srcdir/tests/html-check.js"
		echo '</script>'
		echo '</body>'
		echo '</html>'
	} > "$TMP/checked.html"
	cat > "$TMP/frame.html" <<EOF
<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>check</title></head>
<body style="margin:0"><pre id="verdict">no verdict</pre>
<script>
window.addEventListener("message", function (e) {
	document.getElementById("verdict").textContent = String(e.data);
});
</script>
<iframe src="checked.html#charts=${3:-3}" title="report"
 style="border:0;width:${2}px;height:900px"></iframe>
</body></html>
EOF
	timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
		--no-first-run --no-default-browser-check --hide-scrollbars \
		--user-data-dir="$TMP/chrome" --window-size=1000,1000 \
		--virtual-time-budget=5000 --enable-logging=stderr --v=0 \
		--dump-dom "file://$TMP/frame.html" > "$TMP/dom" 2> "$TMP/log"
	sed -n '/<pre id="verdict">/,/<\/pre>/p' "$TMP/dom" > "$TMP/verdict"
}

# in_browser NAME PAGE WIDTH [CHARTS]: one TAP line.
in_browser() {
	name="$1 at $3 px: renders with no console message or layout problem"
	if [ -z "$browser" ]; then
		skip "$name" "no chromium"
		return
	fi
	render "$2" "$3" "${4:-3}"
	verdict=$(cat "$TMP/verdict")
	console=$(grep 'CONSOLE' "$TMP/log")
	case $verdict in
	*'>PASS width='*)
		if [ -z "$console" ]; then
			ok "$name"
		else
			not_ok "$name" "$console"
		fi
		;;
	*)
		not_ok "$name" "${verdict:-no verdict in the DOM}" "$console" \
			"$(grep -v -e dbus -e WARNING "$TMP/log" | head -5)"
		;;
	esac
}

for w in 800 375; do
	in_browser "sample report" "$TMP/sample.html" $w
	in_browser "seven weeks of mail" "$TMP/weeks.html" $w
	in_browser "a year of mail" "$TMP/year1.html" $w
	in_browser "hostile log" "$TMP/hostile.html" $w
	in_browser "Russian report" "$TMP/ru.html" $w
done

# The checker must be able to fail: a page with an element too wide, a
# chart label past its box, and a script error.
sed -e 's|^<footer>|<div style="width:2000px">wide</div><footer>|' \
    -e 's|^<title>Most frequent reply codes</title>|&<text x="600" y="40">far too long a label to fit</text>|' \
    -e 's|^</body>|<script>nosuchfunction()</script>&|' \
    "$TMP/sample.html" > "$TMP/broken.html"
if [ -z "$browser" ]; then
	skip "the checker sees a broken page" "no chromium"
	skip "the checker sees a script error" "no chromium"
else
	render "$TMP/broken.html" 800
	check "the checker sees a broken page" sh -c "
		grep -q '>FAIL width=800\$' '$TMP/verdict' &&
		grep -q '^sticks out: div' '$TMP/verdict' &&
		grep -q '^chart 1 draws outside its viewBox' '$TMP/verdict'"
	check "the checker sees a script error" grep -q 'CONSOLE.*nosuchfunction' "$TMP/log"
fi
