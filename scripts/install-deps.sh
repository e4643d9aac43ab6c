#!/usr/bin/env bash
# Installs the system libraries BoxOffice builds against, from Debian's packages,
# when they are missing. Needs root (or sudo) only if something must be installed.
set -euo pipefail

missing=()
# cairo draws the PDF tickets, with the DejaVu fonts.
for package in libsqlite3-dev libqrencode-dev zlib1g-dev libcairo2-dev fonts-dejavu-core pkg-config; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
# The tests read what the server makes with real tools: QR codes with zbarimg, PDFs
# with poppler's pdftotext, pdftoppm and pdfinfo; openssl makes the test mail servers'
# certificate, and python3-venv holds localstripe and aiosmtpd.
if [ "${BOXOFFICE_INSTALL_TEST_TOOLS:-0}" = 1 ]; then
    for package in zbar-tools poppler-utils openssl python3-venv; do
        dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
    done
fi

if ! command -v swift >/dev/null 2>&1; then
    echo "install-deps: the Swift toolchain (6.1 or newer) is not on PATH; install it first" >&2
    exit 1
fi

if ((${#missing[@]})); then
    echo "install-deps: installing ${missing[*]}"
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}"
fi
