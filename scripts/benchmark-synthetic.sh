#!/usr/bin/env bash
# The synthetic detection benchmark (docs/benchmarks.md): the generator writes 50 series x 7 days with labeled
# anomalies of five kinds (fixed seed), and the backtest scores them with the bundled default model, which never saw
# these series. Extra arguments go to the backtest, e.g. --set vigil.threshold.margin=0.3.
# Usage: scripts/benchmark-synthetic.sh OUTPUT_DIR [backtest options...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:?usage: scripts/benchmark-synthetic.sh OUTPUT_DIR [backtest options...]}"
shift
if [[ -e "$out" ]]; then
  echo "error: $out exists; give a new directory" >&2
  exit 2
fi
"$root/bin/vigil-generator" --csv-dir "$out/data" --series 50 --duration 7d --start 2026-01-05 --seed 2026 --quiet
"$root/bin/vigil-backtest" run --csv "$out/data" --labels "$out/data/labels.csv" --model "$root/models/default.onnx" \
  -o "$out/backtest" --charts 5 "$@"
echo "Report: $out/backtest/report.md"
