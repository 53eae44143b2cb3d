#!/usr/bin/env bash
# The project's benchmark: `hs-audit check --format json` on data made by
# `hs-audit generate`, at several scales and in the three layouts of
# ../shared/bench (split, combined, xlsx). Whole process, wall time and peak
# RSS from /usr/bin/time, median of RUNS runs. Never part of the tests.
#
#   bash benches/run.sh [N...]            # default: 150 1500 15000
#
# Layouts:
#   split     a folder of per-location CSV export folders (generate --format csv)
#   combined  one CSV export whose sheets all carry locatie_id (made here from split)
#   xlsx      one workbook per location (generate --format xlsx)
#
# Fail counts of split and xlsx agree; combined may count more HS-G12 fails:
# a location generated without a `metingen` sheet has one in the combined
# export (shared, with no rows for it), so its ratings are missing, not unknown.
#
# Environment:
#   HS_AUDIT  the binary (default target/release/hs-audit; build it with
#             `cargo build --release` first)
#   LAYOUTS   default "split combined xlsx"
#   RUNS      runs per scale and layout (default 3)
#   BENCH_DIR data cache and outputs (default ${TMPDIR:-/tmp}/hs-audit-bench)
#   SEED      generator seed (default 1)
#
# For the ratio to a Python polars peer on the same machine, see
# ../shared/bench/run_peers.sh (its own generator, same layouts).
set -euo pipefail
SCALES=("$@"); [ ${#SCALES[@]} -gt 0 ] || SCALES=(150 1500 15000)
LAYOUTS="${LAYOUTS:-split combined xlsx}"
RUNS="${RUNS:-3}"
SEED="${SEED:-1}"
ROOT="${BENCH_DIR:-${TMPDIR:-/tmp}/hs-audit-bench}"
HS_AUDIT="${HS_AUDIT:-target/release/hs-audit}"
case "$HS_AUDIT" in /*) ;; *) HS_AUDIT="$PWD/$HS_AUDIT" ;; esac
[ -x "$HS_AUDIT" ] || { echo "no binary at $HS_AUDIT: run cargo build --release first" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time (GNU time) is needed" >&2; exit 2; }

# One combined export from a folder of per-location CSV folders: every sheet
# concatenated, `locatie_id` put in front where the sheet lacks it.
combine() {  # split_dir out_dir
  local split="$1" out="$2" sheet first
  mkdir -p "$out"
  for sheet in locatie coordinatoren vrijwilligers gezinnen contacten metingen; do
    first=1
    for dir in "$split"/*/; do
      local f="$dir$sheet.csv" id
      [ -f "$f" ] || continue
      id="$(basename "$dir")"
      if [ "$sheet" = locatie ]; then
        if [ $first = 1 ]; then cat "$f"; else tail -n +2 "$f"; fi
      else
        if [ $first = 1 ]; then head -n 1 "$f" | sed 's/^/locatie_id;/'; fi
        tail -n +2 "$f" | sed "s/^/$id;/"
      fi
      first=0
    done > "$out/$sheet.csv"
  done
}

data() {  # N layout -> prints the data path
  local n="$1" layout="$2" base="$ROOT/$1"
  case "$layout" in
    split|combined)
      if [ ! -d "$base/split" ]; then
        "$HS_AUDIT" generate --locations "$n" --seed "$SEED" --format csv --out "$base/split.tmp" >&2
        mv "$base/split.tmp" "$base/split"
      fi
      if [ "$layout" = combined ] && [ ! -d "$base/combined" ]; then
        combine "$base/split" "$base/combined.tmp"
        mv "$base/combined.tmp" "$base/combined"
      fi ;;
    xlsx)
      if [ ! -d "$base/xlsx" ]; then
        "$HS_AUDIT" generate --locations "$n" --seed "$SEED" --format xlsx --out "$base/xlsx.tmp" >&2
        mv "$base/xlsx.tmp" "$base/xlsx"
      fi ;;
  esac
  echo "$base/$layout"
}

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

echo "| locations | layout | families | wall s (median of $RUNS) | µs per family | peak RSS MiB | fails |"
echo "|---|---|---|---|---|---|---|"
for n in "${SCALES[@]}"; do
  for layout in $LAYOUTS; do
    path="$(data "$n" "$layout")"
    families="$(cat "$ROOT/$n/split"/*/gezinnen.csv 2>/dev/null | grep -vc '^gezin_id' || true)"
    [ "$layout" = xlsx ] && [ ! -d "$ROOT/$n/split" ] && families="?"
    out="$ROOT/$n/out-$layout"
    walls=(); rsss=()
    for _ in $(seq "$RUNS"); do
      rm -rf "$out"
      /usr/bin/time -f '%e %M' -o "$ROOT/time.txt" \
        "$HS_AUDIT" check "$path" --period 2026 --format json --out "$out" >/dev/null 2>"$ROOT/stderr.txt" || true
      read -r wall rss < <(tail -n 1 "$ROOT/time.txt")
      walls+=("$wall"); rsss+=("$rss")
    done
    wall="$(printf '%s\n' "${walls[@]}" | median)"
    rss="$(printf '%s\n' "${rsss[@]}" | median)"
    fails="$(grep -o '"fail": [0-9]*' "$out/results.json" 2>/dev/null | awk '{s+=$2} END {print s+0}')"
    per="?"; [ "$families" != "?" ] && [ "$families" -gt 0 ] && per="$(awk -v w="$wall" -v f="$families" 'BEGIN {printf "%.1f", w*1e6/f}')"
    echo "| $n | $layout | $families | $wall | $per | $((rss / 1024)) | $fails |"
  done
done
