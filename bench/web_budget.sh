#!/usr/bin/env bash
# The web interface's budget (make bench), measured and printed, never asserted: the search page's
# JavaScript gzipped without the viewer (budget 200 KB) and the record page's cold load on the demo
# data in headless Chromium (budget 1.5 s to usable), from scripts/web-build and the record-page
# end-to-end test.
set -euo pipefail
cd "$(dirname "$0")/.."
mura="${MURA_BIN:-$PWD/build-release/bin/mura}"
build=$(scripts/web-build | tail -1)
entry=$(echo "$build" | sed -n 's/.*search page JavaScript \([0-9.]*\) KB.*/\1/p')
viewer=$(echo "$build" | sed -n 's/.*viewer \([0-9.]*\) KB.*/\1/p')
mirador=$(echo "$build" | sed -n 's/.*Mirador page \([0-9.]*\) KB.*/\1/p')
load=$(MURA_ARTIFACTS="${MURA_BENCH_DIR:-$PWD/var/bench}/web" scripts/web-test "$mura" tests/public.test.mjs 2>&1 |
  sed -n 's/.*budget: record page cold load: title and metadata in \([0-9]*\) ms, viewer in \([0-9]*\) ms.*/\1 \2/p')
read -r described viewed <<<"$load"
printf '\n%-46s %12s %12s %8s\n' "web budget" "measured" "budget" "ratio"
printf '%-46s %9s KB %9s KB %7s\n' "search page JavaScript, gzipped, no viewer" "$entry" 200 \
  "$(awk -v a="$entry" 'BEGIN { printf "%.0f %%", 100 * a / 200 }')"
printf '%-46s %9s KB %12s\n' "  the viewer (OpenSeadragon), loaded on demand" "$viewer" ""
printf '%-46s %9s KB %12s\n' "  the Mirador page (React, Mirador), on a click" "$mirador" ""
printf '%-46s %9s ms %9s ms %7s\n' "record page cold load: title and metadata" "${described:-?}" 1500 \
  "$(awk -v a="${described:-0}" 'BEGIN { printf "%.0f %%", 100 * a / 1500 }')"
printf '%-46s %9s ms %9s ms %7s\n' "record page cold load: deep-zoom image shown" "${viewed:-?}" 1500 \
  "$(awk -v a="${viewed:-0}" 'BEGIN { printf "%.0f %%", 100 * a / 1500 }')"
echo "headless Chromium on the same machine as mura serve; demo sheet, no derivatives cached before"
