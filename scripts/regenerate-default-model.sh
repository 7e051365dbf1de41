#!/usr/bin/env bash
# Regenerates models/default.onnx, the model bin/vigil-demo serves unless told otherwise: generator data (clean
# series, no anomalies, a fixed seed) written as CSV, then the trainer with fixed options and seed. Same data, same
# options, same seed: the same model, weight for weight. Takes about a minute on 2 cores.
#   scripts/regenerate-default-model.sh [--output FILE]     (default: models/default.onnx)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
output="$root/models/default.onnx"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --output) output="$2"; shift 2 ;;
    *) echo "usage: $0 [--output FILE]" >&2; exit 2 ;;
  esac
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$(dirname "$output")"
# 80 series of every kind (cpu, latency, request rate, queue depth), a week of 1-minute points from a Monday: other
# seeds, magnitudes and shapes than any demo run, so the model serves series it has never seen.
# The CSV folder's name is what the model's provenance records as its training data.
data="vigil-generator-80x7d-seed1001"
"$root/bin/vigil-generator" --series 80 --duration 7d --step 1m --start 2026-01-05 --seed 1001 --anomalies none \
  --csv-dir "$work/$data" --quiet
(cd "$work" && "$root/bin/vigil-trainer" --csv "$data" --output default.onnx \
  --window 72 --horizon 12 --layers 1 --hidden 32 --epochs 20 --patience 4 --windows-per-epoch 16384 \
  --seed 7 --no-charts --quiet)
mv "$work/default.onnx" "$output"
echo "Wrote $output"
