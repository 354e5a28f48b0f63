#!/bin/sh
# Installs, from Debian's packages, what the tests need and only what is missing:
# Chromium (browser tests), poppler-utils (PDF page counts), zbar-tools (reads the
# printed QR codes back), a Java runtime (the Nu HTML checker), Node.js (pyright) and pango (WeasyPrint).
# Never downloads a browser of its own.
# `system-deps.sh print` installs only what `samling print` needs: pango and fonts.
set -e
missing=""
if [ "$1" != print ]; then
  [ -x /usr/bin/chromium ] || missing="$missing chromium"
  command -v pdfinfo >/dev/null 2>&1 || missing="$missing poppler-utils"
  command -v java >/dev/null 2>&1 || missing="$missing default-jre-headless"
  command -v zbarimg >/dev/null 2>&1 || missing="$missing zbar-tools"
  command -v node >/dev/null 2>&1 || missing="$missing nodejs"  # pyright runs on it (else it would download one)
fi
ls /usr/lib/*/libpango-1.0.so.0 >/dev/null 2>&1 || missing="$missing libpango-1.0-0 libpangoft2-1.0-0"
fc-list 2>/dev/null | grep -qi dejavu || missing="$missing fonts-dejavu-core"
fc-list 2>/dev/null | grep -qi liberation || missing="$missing fonts-liberation"
if [ -n "$missing" ]; then
  echo "installing from Debian:$missing"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing >/dev/null
fi
