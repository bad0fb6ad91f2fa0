#!/usr/bin/env bash
# Scores every annotated article with the shared scorer (../shared/tools/kgscore.py):
#   bash scripts/score_articles.sh            # seeds/ against tests/fixtures/gold (development set)
#   bash scripts/score_articles.sh heldout    # tests/fixtures/heldout (written apart, for an honest measure)
# Extra arguments go to `kg extract` (e.g. --no-model).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = heldout ]; then gold=tests/fixtures/heldout/gold; arts=tests/fixtures/heldout/articles; shift
else gold=tests/fixtures/gold; arts=seeds; fi
out=$(mktemp -d)
for g in "$gold"/*.json; do
  name=$(basename "$g" .json)
  doc=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['doc'])" "$g")
  kg extract "$arts/$doc" --out "$out/$name" --formats graphml -q "$@"
  printf '%-28s ' "$name"; python3 ../shared/tools/kgscore.py "$out/$name/graph.graphml" "$g" | tail -1
done
rm -rf "$out"
