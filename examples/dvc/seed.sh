#!/bin/sh
# The command train-and-report runs once per seed (from this folder):
#   train-and-report run --command 'sh seed.sh' --data data/raw --params params.yaml
# It runs the pipeline with this seed, then hands its files over. With DVC
# (and this folder a DVC project), `dvc exp run` sets train.seed and reruns
# the stages whose inputs changed; without it, the stages run directly
# (with $PYTHON, default python3).
set -eu
if command -v dvc >/dev/null 2>&1 && [ -d .dvc ]; then
  dvc exp run --quiet -S "train.seed=$TRAIN_AND_REPORT_SEED"
else
  "${PYTHON:-python3}" prepare.py
  SEED="$TRAIN_AND_REPORT_SEED" "${PYTHON:-python3}" train.py
  "${PYTHON:-python3}" evaluate.py
fi
cp evaluation/metrics.json evaluation/predictions.csv training/history.csv "$TRAIN_AND_REPORT_OUT"/
