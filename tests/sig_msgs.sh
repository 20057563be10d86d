#!/bin/sh
# tests/sig_msgs.sh - src/sig_msgs.c (the signature texts that xgettext
# reads) must match patterns/signatures.sig; "make update-sig-msgs"
# regenerates it after the signatures change.
. "${top_srcdir:-.}/tests/lib.sh"
plan 1
gen=${GEN_SIG_MSGS:-./tests/gen_sig_msgs}
"$gen" "$PATTERNS/signatures.sig" > "$TMP/sig_msgs.c" 2>&1
if cmp -s "$TMP/sig_msgs.c" "$top_srcdir/src/sig_msgs.c"; then
	ok "src/sig_msgs.c is up to date with patterns/signatures.sig"
else
	not_ok "src/sig_msgs.c is up to date with patterns/signatures.sig" \
		"run: make update-sig-msgs" \
		"$(diff "$top_srcdir/src/sig_msgs.c" "$TMP/sig_msgs.c" | head -20)"
fi
