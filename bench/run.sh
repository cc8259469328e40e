#!/usr/bin/env bash
# The performance benchmark of quality.md, in one command: builds release, generates the
# corpora, measures, prints a Markdown table (docs/performance.md holds one run).
#
#   bench/run.sh            # corpora under bench/out (reused when present)
#   RUNS=5 bench/run.sh     # runs per figure after one warm-up (median reported); the 10×
#                           # corpus is run RUNS_X10=3 times, the peers once (they are slow)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out
RUNS=${RUNS:-5}
mkdir -p "$OUT"

echo "building (release)…" >&2
cargo build --release --locked --bin itos --example synth --example parse_floor --example synth_history --example calendar_bench --example synth_events >&2
ITOS=target/release/itos

[ -d "$OUT/large" ] || target/release/examples/synth --out "$OUT/large" >&2
[ -d "$OUT/x10" ] || target/release/examples/synth --scale 10 --out "$OUT/x10" >&2
[ -d "$OUT/history" ] || target/release/examples/synth_history --out "$OUT/history" --commits 1000 >&2
[ -f "$OUT/events/events.csv" ] || target/release/examples/synth_events --out "$OUT/events" >&2

# GNU time gives peak RSS; without it (and without a way to install it) RSS reads 0.
if [ ! -x /usr/bin/time ]; then
  (apt-get install -y time || sudo apt-get install -y time) >/dev/null 2>&1 || echo "note: /usr/bin/time missing; RSS not measured" >&2
fi

# median wall seconds and max peak RSS (MiB) of RUNS runs after a warm-up
measure() {
  local runs=${MEASURE_RUNS:-$RUNS}
  [ "$runs" -gt 1 ] && { "$@" >/dev/null 2>&1 || true; }
  local walls=() rss=0
  for _ in $(seq "$runs"); do
    local line tmp
    tmp=$(mktemp)
    if [ -x /usr/bin/time ]; then
      /usr/bin/time -o "$tmp" -f "%e %M" "$@" >/dev/null 2>&1 || true
    else
      local t0 t1
      t0=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s.%N)
      awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f 0\n", b - a }' > "$tmp"
    fi
    line=$(tail -n 1 "$tmp")
    rm -f "$tmp"
    walls+=("${line% *}")
    local kb=${line#* }
    [ "$kb" -gt "$rss" ] && rss=$kb
  done
  local median
  median=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  echo "$median $(( rss / 1024 ))"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

read -r v_wall v_rss < <(measure "$ITOS" validate -C "$OUT/large" --no-git -q)
read -r p_wall p_rss < <(measure target/release/examples/parse_floor "$OUT/large")
read -r r_wall r_rss < <(measure "$ITOS" report sla -C "$OUT/large" --no-git --month 2026-10)
read -r x_wall x_rss < <(MEASURE_RUNS=${RUNS_X10:-3} measure "$ITOS" validate -C "$OUT/x10" --no-git -q)
read -r g_wall _ < <(measure "$ITOS" validate -C "$OUT/history/records" --no-git -q)
read -r h_wall _ < <(measure "$ITOS" validate -C "$OUT/history/records" -q)
read -r c_wall _ < <(measure "$ITOS" validate -C "$OUT/history/records" -q --changed-since HEAD~10)
calendar=$(target/release/examples/calendar_bench)

# Import of a 1,000,000-row event log into an empty folder each run, then the result judged.
EV="$OUT/events"
import_once() {
  rm -rf "$EV/repo/incidents"
  "$ITOS" import incidents "$EV/events.csv" --preset servicenow-events --service core-banking-ops \
    -C "$EV/repo" --no-git --as-of 2026-10-31
}
export -f import_once; export ITOS EV
read -r i_wall i_rss < <(MEASURE_RUNS=${RUNS_IMPORT:-3} measure bash -c import_once)
import_once >/dev/null 2>&1 || true
ev_mb=$(( $(stat -c %s "$EV/events.csv") / 1048576 ))
read -r iv_wall iv_rss < <(measure "$ITOS" validate -C "$EV/repo" --no-git -q --as-of 2026-10-31)
read -r is_wall is_rss < <(measure "$ITOS" report sla -C "$EV/repo" --no-git --month 2026-10 --as-of 2026-10-31)

# Peers: schema-only validation of the same files with the project's JSON Schemas, bundled
# into one file (the kind schemas under $defs) so that no tool fetches anything.
python3 - "$OUT/bundled.schema.json" <<'PY'
import json, sys, glob, os
record = json.load(open("schemas/record.schema.json"))
defs = {}
for path in glob.glob("schemas/*.schema.json"):
    stem = os.path.basename(path)[: -len(".schema.json")]
    if stem in ("record", "findings"):
        continue
    schema = json.load(open(path))
    schema.pop("$id", None); schema.pop("$schema", None)
    defs[stem] = schema
text = json.dumps(record)
for stem in defs:
    text = text.replace(f'"https://itos.invalid/schemas/{stem}.schema.json"', f'"#/$defs/{stem}"')
bundled = json.loads(text)
bundled.pop("$id", None)
bundled["$defs"] = defs
json.dump(bundled, open(sys.argv[1], "w"))
PY
SCHEMA="$OUT/bundled.schema.json"
peers=()
if ! command -v ajv >/dev/null 2>&1; then npm install -g ajv-cli ajv-formats >/dev/null 2>&1 || true; fi
if command -v ajv >/dev/null 2>&1; then
  read -r a_wall _ < <(MEASURE_RUNS=1 measure ajv validate --spec=draft2020 -c ajv-formats -s "$SCHEMA" -d "$OUT/large/**/*.yaml" --errors=no)
  peers+=("| ajv-cli (schema only), large | ${a_wall} s | |")
else
  peers+=("| ajv-cli | skipped: npm install failed | |")
fi
if ! command -v check-jsonschema >/dev/null 2>&1; then pip install --quiet check-jsonschema >/dev/null 2>&1 || true; fi
if command -v check-jsonschema >/dev/null 2>&1; then
  mapfile -t files < <(find "$OUT/large" -name '*.yaml')
  read -r j_wall _ < <(MEASURE_RUNS=1 measure check-jsonschema --schemafile "$SCHEMA" "${files[@]}")
  peers+=("| check-jsonschema (schema only), large | ${j_wall} s | |")
else
  peers+=("| check-jsonschema | skipped: pip install failed | |")
fi

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
cores=$(nproc)
cat <<TABLE
Machine: ${cpu}, ${cores} cores. Median of ${RUNS} runs after a warm-up; peak RSS is the largest of the runs.

| figure | measured | bar |
| --- | --- | --- |
| \`itos validate --no-git\`, large (120,000 incidents, 20,000 change files, 5,000 other records) | ${v_wall} s, ${v_rss} MiB | ≤ 3 s, ≤ 1024 MiB |
| parse-only floor (same files, same parser) | ${p_wall} s, ${p_rss} MiB | |
| validate ÷ floor | $(ratio "$v_wall" "$p_wall") | ≤ 1.5 |
| \`itos report sla --month 2026-10\`, large | ${r_wall} s, ${r_rss} MiB | ≤ 1.5 s |
| \`itos validate --no-git\`, 10× corpus | ${x_wall} s, ${x_rss} MiB | |
| growth 10× | $(ratio "$x_wall" "$v_wall")× | ≤ 11× |
| business time ten years apart on cn-workdays | ${calendar} | < 1 ms |
| \`itos import incidents --preset servicenow-events\`, 1,000,000 event rows (${ev_mb} MiB, ≈100,000 tickets) | ${i_wall} s, ${i_rss} MiB | ≤ 10 s, ≤ 1024 MiB |
| then \`validate\` / \`report sla --month 2026-10\` on the imported records | ${iv_wall} s, ${iv_rss} MiB / ${is_wall} s, ${is_rss} MiB | |
| validate, 1,001-commit history: --no-git / with history rules / --changed-since HEAD~10 | ${g_wall} s / ${h_wall} s / ${c_wall} s | ≤ 2 s beyond plain validate |
$(printf '%s\n' "${peers[@]}")
TABLE
