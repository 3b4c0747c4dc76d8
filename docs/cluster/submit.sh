#!/usr/bin/env bash
# Submits the whole scale-out pipeline from a login node; each stage waits for the one before
# (afterok), and a stage whose dependency failed is cancelled rather than left pending:
#   plan (here, cheap) → fit on a sample → shard array → merge → map.
# DATA: the images; WORK: a folder on the shared file system; SHARDS: array tasks.
# METHOD (pca | features) or ENCODER (an .onnx file): the embedding applied in every shard.
set -euo pipefail
: "${DATA:?set DATA to the folder of images}" "${WORK:?set WORK to a folder on the shared file system}"
SHARDS=${SHARDS:-16}
recipe=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$WORK/logs"
cd "$WORK"
serendip plan "$DATA" --shards "$SHARDS" --out plan
after() { echo "--dependency=afterok:$1 --kill-on-invalid-dep=yes"; }
fit=$(sbatch --parsable "$recipe/fit.sbatch")
# shellcheck disable=SC2046 # after's words are separate options
shards=$(sbatch --parsable $(after "$fit") --array=0-$((SHARDS - 1)) "$recipe/shard.sbatch")
# shellcheck disable=SC2046
merge=$(sbatch --parsable $(after "$shards") "$recipe/merge.sbatch")
# shellcheck disable=SC2046
map=$(sbatch --parsable $(after "$merge") "$recipe/map.sbatch")
echo "$fit $shards $merge $map"
