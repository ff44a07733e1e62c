#!/usr/bin/env bash
# vnsumm-mini on one GPU in one short session: three shapes trained side by side for BUDGET seconds,
# each fine-tuned on the news pairs, every model scored (beam 4) on the dev sets, the best two packed.
#
#   DATA=folder-with-train/dev.jsonl.gz OUT=results bash scripts/train_translator_gpu.sh
#
# Every shape fits the package's 25 MB in float16. All use the shipped model's vocabulary, so the scores
# compare with it. Each run is its own process: one that fails leaves the others standing.
# DEVICE=cpu PRECISION=fp32 LIMIT=300 BUDGET=20 FT_BUDGET=10 runs the same steps as a smoke test.
set -u
cd "$(dirname "$0")/.."
DATA=${DATA:-../shared/data/parallel}
RUNS=${RUNS:-/tmp/vnsumm-gpu-runs}
OUT=${OUT:-/tmp/vnsumm-gpu-out}
DEVICE=${DEVICE:-cuda}
PRECISION=${PRECISION:-bf16}
BUDGET=${BUDGET:-290}       # seconds of training from scratch
FT_BUDGET=${FT_BUDGET:-80}  # seconds of the news fine-tune
LIMIT=${LIMIT:-0}           # training pairs (0: all)
SCORE=${SCORE:-501}         # dev pairs per corpus scored at the end
PY=${PY:-python3}
VOCAB=src/vnsumm/models/vnsumm-mini/source.spm
mkdir -p "$RUNS" "$OUT"

# name: shape and dropout flags (d_model 256, FFN 1024, 4 heads for all)
declare -A SHAPES=(
  [s43]="--encoder-layers 4 --decoder-layers 3 --dropout 0.2 --attention-dropout 0.1 --activation-dropout 0.1"
  [s64]="--encoder-layers 6 --decoder-layers 4 --dropout 0.3 --attention-dropout 0.1 --activation-dropout 0.1"
  [s55]="--encoder-layers 5 --decoder-layers 5 --dropout 0.3 --attention-dropout 0.1 --activation-dropout 0.1"
)
COMMON="--data $DATA --limit $LIMIT --device $DEVICE --precision $PRECISION --threads 4 --dev-size 200"

train() {  # name, then extra flags
  local name=$1; shift
  mkdir -p "$RUNS/$name"
  [ -f "$RUNS/$name/spm.model" ] || cp "$VOCAB" "$RUNS/$name/spm.model"
  $PY scripts/train_translator.py --out "$RUNS/$name" $COMMON "$@" >"$RUNS/$name.out" 2>&1
}

stage() {  # base or ft: one run per shape, side by side
  local kind=$1 name
  for name in "${!SHAPES[@]}"; do
    if [ "$kind" = base ]; then
      train "$name" ${SHAPES[$name]} --passes 400 --time-limit "$BUDGET" --max-tokens 16000 \
        --lr 1e-3 --warmup 800 --save-every 200 --keep 5 --dev-every 5 &
    else
      [ -f "$RUNS/$name-base/model.safetensors" ] || continue
      train "$name-ft" ${SHAPES[$name]} --init-from "$RUNS/$name-base" --corpus evbnews \
        --schedule linear --passes 5 --time-limit "$FT_BUDGET" --max-tokens 16000 --lr 5e-4 \
        --warmup 100 --save-every 1000 --keep 1 --dev-every 5 &
    fi
  done
  wait
}

export_all() {  # suffix of the run folders, suffix of the model folders, checkpoints averaged
  local run=$1 model=$2 average=$3 name
  for name in "${!SHAPES[@]}"; do
    [ -d "$RUNS/$name$run" ] || continue
    $PY scripts/train_translator.py --out "$RUNS/$name$run" --data "$DATA" --device "$DEVICE" \
      --export "$RUNS/$name$model" --average "$average" --score "$SCORE" >>"$RUNS/$name$run.out" 2>&1 &
  done
  wait
}

date; nvidia-smi --query-gpu=name,memory.used --format=csv 2>/dev/null
stage base; date
export_all "" -base 5; date
stage ft; date
export_all -ft -ft-model 1; date

# every score, best first by news BLEU; the best two model folders come back in 15 MB pieces
$PY - "$RUNS" >"$OUT/scores.txt" <<'EOF'
import json, sys
from pathlib import Path
rows = []
for log in Path(sys.argv[1]).glob("*/train.log"):
    for line in log.read_text().splitlines():
        record = json.loads(line)
        if record.get("event") == "export scores":
            beam4 = record["beam4"]
            rows.append((beam4.get("evbnews", {}).get("bleu", 0), record["folder"], beam4))
for news, folder, beam4 in sorted(rows, reverse=True):
    print(folder, json.dumps(beam4))
EOF
cat "$OUT/scores.txt"
rank=0
while read -r folder _; do
  rank=$((rank + 1)); [ $rank -le 2 ] || break
  tar -C "$(dirname "$folder")" -czf - "$(basename "$folder")" | split -b 15M - "$OUT/model$rank.tgz."
done <"$OUT/scores.txt"
tar -C "$RUNS" -czf "$OUT/logs.tgz" --exclude='*.pt' --exclude='*.safetensors' --exclude='*.spm' \
  --exclude='spm.model' --exclude='vocab.json' .
ls -la "$OUT"; date
