#!/usr/bin/env bash
# `make soak`: the export's structure and round-trip properties with far more cases than CI
# runs, over and over with fresh random seeds, for SOAK_SECONDS (default 600). Not in CI.
# A failure stops the soak and proptest saves its seed under proptest-regressions/: commit it.
set -euo pipefail
cd "$(dirname "$0")/.."
SOAK_SECONDS=${SOAK_SECONDS:-600}
CASES=${PROPTEST_CASES:-50000}
PROPERTIES=(typed_text_never_breaks_the_section_structure any_export_reads_back_to_the_same_markdown
  reading_an_export_gives_the_report_back blocks_always_join_into_the_document)
cargo test --release --locked -p postmortem-core --lib --no-run -q
start=$(date +%s)
rounds=0
while (( $(date +%s) - start < SOAK_SECONDS )); do
  PROPTEST_CASES=$CASES cargo test --release --locked -q -p postmortem-core --lib -- "${PROPERTIES[@]}" >/dev/null
  rounds=$((rounds + 1))
  printf 'soak: round %d passed (%d properties × %d cases), %d s so far\n' \
    "$rounds" "${#PROPERTIES[@]}" "$CASES" $(( $(date +%s) - start ))
done
printf 'soak: %d cases of each property in %d s, no failure\n' $((rounds * CASES)) $(( $(date +%s) - start ))
