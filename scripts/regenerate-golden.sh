#!/usr/bin/env bash
# Regenerates the golden model fixtures that pin the trainer/streamer contract:
# a tiny model (2 features, 1 target) with held-out windows and the forecasts the trained model made for them.
# Run from anywhere; commit the result together with the change that made it necessary.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/test-support/src/main/resources/golden"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$root/bin/vigil-trainer" --synthetic 6x600+flag --synthetic-seed 11 --targets value \
  --window 8 --horizon 3 --layers 1 --hidden 8 --epochs 10 --windows-per-epoch 1024 \
  --validation-windows 256 --test-windows 64 --seed 5 --period 24 --no-charts --quiet \
  --output "$work/model.onnx" --fixture-out "$out"
echo "Golden fixtures written to $out"
