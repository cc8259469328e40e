#!/usr/bin/env bash
# Seed the fuzz corpora from the bundled examples (run from the project root).
set -euo pipefail
mkdir -p fuzz/corpus/loader fuzz/corpus/sla
find examples -name '*.yaml' -print0 | while IFS= read -r -d '' f; do
  cp "$f" "fuzz/corpus/loader/$(echo "$f" | tr '/' '_')"
done
# A few arithmetic seeds: calendar choice, instants, targets.
for i in 0 1 2 3 4 5 6 7; do
  head -c 64 /dev/urandom > "fuzz/corpus/sla/seed-$i"
done
