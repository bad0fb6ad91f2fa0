#!/usr/bin/env bash
# Trains kg's NER model end to end into OUT_DIR: the validation split (kg-train split), the CRF
# (kg-train crf), the CNN expert beside it (kg-train cnn), then scores the result (kg eval-ner).
#
#   bash training/train.sh OUT_DIR        (kg/models/ner to replace the packaged model)
#
# Needs ../shared beside the repository (or SHARED=DIR: CLUENER train.json and the finreport corpus)
# and kg-training with its cnn extra: pip install torch==2.13.0 (or torch's CPU wheel) &&
# pip install -e "training[cnn]". Seeds are fixed; about 9 minutes for the CRF and 20 for the CNN on a
# 2-core machine.
set -euo pipefail
export PYTHONHASHSEED=0  # gensim seeds vectors with the string hash
if [ $# -ne 1 ]; then
    echo "usage: bash training/train.sh OUT_DIR   (kg/models/ner to replace the packaged model)" >&2
    exit 2
fi
OUT=$(realpath -m "$1")  # relative to where you run it
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
DATA=$SHARED/data/cluener/train.json
CORPUS=$SHARED/data/corpus/finreport.jsonl
VAL=${VAL:-/tmp/cluener_val.json}

kg-train split --data "$DATA" --out "$VAL"
kg-train crf --data "$DATA" --out "$OUT" --seed 0
kg-train cnn --data "$DATA" --out "$OUT" --corpus "$CORPUS" \
    --epochs 16 --dropout 0.5 --smoothing 0.1 --weight-decay 0.01 --weight 0.3 --seed 0 --threads 1
kg eval-ner "$VAL" --model "$OUT"
