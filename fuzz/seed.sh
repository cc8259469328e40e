#!/usr/bin/env bash
# Seed the fuzz corpora (run from the project root): the bundled examples, every rule
# fixture, and small copies of the hostile inputs of docs/fuzzing.md, so the fuzzer starts
# from the shapes that once broke a promise.
set -euo pipefail
mkdir -p fuzz/corpus/loader fuzz/corpus/sla
find examples fixtures -name '*.yaml' -print0 | while IFS= read -r -d '' f; do
  cp "$f" "fuzz/corpus/loader/$(echo "$f" | tr '/' '_')"
done
seed() { printf '%b' "$2" > "fuzz/corpus/loader/hostile-$1"; }
# Nested anchors with and without aliases (issue 15, item 4).
seed anchors 'a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: &d [*c, *c]\ne: [*d, *d]\n'
seed unused-anchors 'a: &a\n  b: &b\n    c: &c\n      d: &d [1, 2, 3]\n'
# Deep nesting (item 5).
seed deep "$(printf '[%.0s' $(seq 1 300))"
# Ancient and far-future timestamps on open tickets (item 13).
seed ancient 'kind: Incident\nid: INC-1\nservice: s\npriority: P1\nopened_at: 1026-01-01T00:00:00+08:00\n'
seed future 'kind: Incident\nid: INC-2\nservice: s\npriority: P1\nopened_at: 9999-12-31T23:59:59+08:00\n'
# Many unknown keys in one record (item 15) and a misspelt long kind (item 14).
seed unknown-keys "kind: Incident\nid: INC-3\n$(for i in $(seq 1 200); do printf 'k%d: 1\\n' "$i"; done)"
seed long-kind "kind: $(head -c 4000 /dev/zero | tr '\0' 'I')\nid: X\n"
# Chained calendars (item 12) and a dangling reference (item 14).
seed calendars 'kind: Calendar\nid: c1\nextends: c2\n---\nkind: Calendar\nid: c2\nextends: c1\n'
# Terminal and workflow-command injection in values (items 7-9).
seed injection 'kind: Incident\nid: "INC-4\\u001b[2J::error::x"\nservice: "s\\r\\n::set-output name=x::y"\n'
# A few arithmetic seeds: calendar choice, instants, targets.
for i in 0 1 2 3 4 5 6 7; do
  head -c 64 /dev/urandom > "fuzz/corpus/sla/seed-$i"
done
