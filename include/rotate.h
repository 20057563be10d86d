/*
 * rotate.h - put the rotated generations of a log in chronological order.
 *
 *   rotate_order(names, n)   reorder NAMES in place, oldest first
 *
 * A name is a generation of a base log when it is BASE.N (logrotate's and
 * savelog's numbers: the higher, the older) or BASE-DIGITS (logrotate's
 * dateext: -YYYYMMDD, with hours, or seconds since the epoch; the
 * smaller, the older), either with a compression suffix (.gz, .bz2, .xz,
 * .zst), or BASE itself, the live log, which comes last. Dated names come
 * before numbered ones of the same base. Only names of the same base move,
 * and only among the places those names held: "mail.log mail.err
 * mail.log.1" becomes "mail.log.1 mail.err mail.log", and "mail.log
 * mail.log.2.gz mail.log.1" becomes "mail.log.2.gz mail.log.1 mail.log".
 * Names of the same age keep their order. The strings are not copied.
 */
#ifndef SMTPLOG_ROTATE_H
#define SMTPLOG_ROTATE_H

#include <stddef.h>

void rotate_order(char **names, size_t n);

#endif
