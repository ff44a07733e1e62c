#!/usr/bin/env bash
# Screenshots of the HTML report of the sample article, as a person sees it in a real browser.
#
#   scripts/screenshot_report.sh [OUTDIR]      (default: screenshots/, git-ignored)
#
# Renders `vnsumm check SOURCE TRANSLATION --format html` for the sample article and its human
# translation, then takes headless Chromium screenshots at desktop (1366 px) and phone (390 px) widths.
# Installs Debian's chromium with apt-get when it is absent (needs root). Uses .venv/bin/python when it
# exists, else $PYTHON, else python3.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="${1:-$ROOT/screenshots}"
PYTHON="${PYTHON:-}"
if [[ -z "$PYTHON" ]]; then
    if [[ -x "$ROOT/.venv/bin/python" ]]; then PYTHON="$ROOT/.venv/bin/python"; else PYTHON=python3; fi
fi
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

if [[ ! -x "$CHROMIUM" ]]; then
    if [[ "$(id -u)" != 0 ]]; then
        echo "screenshot_report: $CHROMIUM is absent; run as root to install it (apt-get install chromium)" >&2
        exit 2
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
fi

mkdir -p "$OUT"
PAGE="$OUT/hanoi-hagiang-2024-06-11.html"
set +e
PYTHONPATH="$ROOT/src${PYTHONPATH:+:$PYTHONPATH}" "$PYTHON" -m vnsumm.cli check \
    "$ROOT/samples/hanoi-hagiang-2024-06-11.vi.txt" "$ROOT/samples/hanoi-hagiang-2024-06-11.en.txt" \
    --format html >"$PAGE"
code=$?
set -e
if [[ $code -gt 1 ]]; then  # 1 only means that a number check failed: the page is still written
    echo "screenshot_report: rendering the page failed (exit $code)" >&2
    exit "$code"
fi

shoot() {  # shoot WIDTH HEIGHT NAME
    local profile
    profile="$(mktemp -d)"
    "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" --hide-scrollbars --window-size="$1,$2" \
        --screenshot="$OUT/$3.png" "file://$PAGE" >/dev/null 2>&1
    rm -rf "$profile"
    echo "$OUT/$3.png"
}

shoot 1366 2400 desktop
shoot 390 2400 phone

# The same page for a deliberately broken copy of the English, to see how problems look: one number
# changed, one missing, one rounded, one in Vietnamese format and one extra.
BROKEN="$OUT/broken.en.txt"
sed -e 's/VND 940 billion/VND 941 billion/' -e 's/ and more than 341,000 workdays//' \
    -e 's/VND 3,484.4 billion/VND 3.5 trillion/' -e 's/VND 32,439.8 billion/VND 32.439,8 billion/' \
    -e 's/Briefing the Hanoi delegation/Briefing the 12 members of the Hanoi delegation/' \
    "$ROOT/samples/hanoi-hagiang-2024-06-11.en.txt" >"$BROKEN"
PAGE="$OUT/broken.html"
set +e
PYTHONPATH="$ROOT/src${PYTHONPATH:+:$PYTHONPATH}" "$PYTHON" -m vnsumm.cli check \
    "$ROOT/samples/hanoi-hagiang-2024-06-11.vi.txt" "$BROKEN" --format html >"$PAGE"
set -e
shoot 1366 3000 desktop-problems
