#!/usr/bin/env bash
# Sets up the real spooler the printing tests use (tests/print_paper.rs): CUPS with a queue
# PDFOUT that runs CUPS's own filter chain for a PDF printer and writes each job to
# /var/tmp/legaldesk-cups/out.pdf. Run as root (CI, or a developer machine). Installs only what
# is missing; starts cupsd itself, because these machines have no init system.
set -euo pipefail

OUT_DIR=/var/tmp/legaldesk-cups
QUEUE=PDFOUT
PPD=lsb/usr/cupsfilters/Generic-PDF_Printer-PDF.ppd

missing=()
for pair in cupsd:cups lp:cups-bsd pdftotext:poppler-utils; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || [ -x "/usr/sbin/${pair%%:*}" ] || missing+=("${pair#*:}")
done
[ -f /usr/share/ppd/cupsfilters/Generic-PDF_Printer-PDF.ppd ] || missing+=(cups-filters)
# The smaller of Debian's CJK fonts (about 16 MB installed; Noto CJK is about 90 MB).
[ -d /usr/share/fonts/truetype/wqy ] || missing+=(fonts-wqy-zenhei)
if [ "${#missing[@]}" -gt 0 ]; then
  apt-get update -qq
  # Keep the package scripts from starting cupsd before its configuration below is written
  # (the standard Debian policy-rc.d hook; left alone if the machine already has one).
  own_policy=
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 0755 /usr/sbin/policy-rc.d
    own_policy=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  if [ -n "$own_policy" ]; then rm -f /usr/sbin/policy-rc.d; fi
fi

# A queue whose device is a file is refused unless the administrator allows it.
conf=/etc/cups/cups-files.conf
if ! grep -qx 'FileDevice Yes' "$conf"; then
  sed -i '/^FileDevice/d' "$conf"
  echo 'FileDevice Yes' >>"$conf"
  # A cupsd already running rereads its configuration on SIGHUP (its own pid file says
  # which process that is).
  if [ -s /run/cups/cupsd.pid ] && kill -0 "$(cat /run/cups/cupsd.pid)" 2>/dev/null; then
    kill -HUP "$(cat /run/cups/cupsd.pid)"
    sleep 1
  fi
fi

if ! lpstat -r 2>/dev/null | grep -q 'is running'; then
  /usr/sbin/cupsd
fi
for _ in $(seq 1 50); do
  lpstat -r 2>/dev/null | grep -q 'is running' && break
  sleep 0.2
done
lpstat -r | grep -q 'is running' || { echo "cupsd did not start" >&2; exit 1; }

mkdir -p "$OUT_DIR"
# CUPS runs the backend as user lp; the output file must be writable by it.
chown lp "$OUT_DIR" 2>/dev/null || chmod 0777 "$OUT_DIR"
lpadmin -p "$QUEUE" -v "file://$OUT_DIR/out.pdf" -m "$PPD" -E
lpstat -p "$QUEUE" >/dev/null
echo "CUPS queue $QUEUE writes to $OUT_DIR/out.pdf"
