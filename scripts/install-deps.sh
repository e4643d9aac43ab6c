#!/usr/bin/env bash
# Installs the system libraries BoxOffice builds against, from Debian's packages,
# when they are missing. Needs root (or sudo) only if something must be installed.
set -euo pipefail

missing=()
for package in libsqlite3-dev libqrencode-dev zlib1g-dev pkg-config; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
# The QR image test decodes with a real decoder (zbarimg).
if [ "${BOXOFFICE_INSTALL_TEST_TOOLS:-0}" = 1 ]; then
    dpkg -s zbar-tools >/dev/null 2>&1 || missing+=(zbar-tools)
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
