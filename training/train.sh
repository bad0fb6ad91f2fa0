#!/usr/bin/env bash
# Trains kg's NER model end to end: the CRF (kg train-ner), then the CNN expert beside it
# (training/train_cnn.py), then scores the result on the held-out validation split.
#
#   bash training/train.sh [OUT_DIR]        (default: kg/models/ner, the packaged model)
#
# Needs ../shared beside the repository (CLUENER train.json and the finreport corpus) and the
# training extra: pip install torch==2.13.0 (or torch's CPU wheel) && pip install -e ".[train]".
# Seeds are fixed; about 9 minutes for the CRF and 20 for the CNN on a 2-core machine.
set -euo pipefail
export PYTHONHASHSEED=0  # gensim seeds vectors with the string hash
cd "$(dirname "$0")/.."
OUT=${1:-kg/models/ner}
SHARED=${SHARED:-../shared}
DATA=$SHARED/data/cluener/train.json
CORPUS=$SHARED/data/corpus/finreport.jsonl
VAL=${VAL:-/tmp/cluener_val.json}

kg train-ner --data "$DATA" --out "$OUT" --seed 0 --split-out "$VAL"
python training/train_cnn.py --model-dir "$OUT" --data "$DATA" --corpus "$CORPUS" \
    --epochs 16 --dropout 0.5 --smoothing 0.1 --weight-decay 0.01 --weight 0.3 --seed 0 --threads 1
kg eval-ner "$VAL" --model "$OUT"
