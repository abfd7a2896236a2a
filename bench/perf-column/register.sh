#!/bin/bash
# Makes a writable copy of the shared perf harness (../shared/perf) with one more column, mtasts-pipeline: generation
# in the one-pipeline form the README shows (bench/perf-column/run.ps1), and a bulk client for the module that also
# writes a PROFILE line to its stderr (CPU ms, allocations and memory per domain; bench/perf-column/bulk-client.ps1;
# kept with --keep in the bulk work folder). Prints the copy's run.sh to call.
#   bench/perf-column/register.sh [COPY]      # COPY defaults to /tmp/mtasts-perf-mine
#   PERF_HOME=/tmp/mtasts-perf-mine-home /tmp/mtasts-perf-mine/run.sh --only mtasts-pipeline,mtasts-cmdlets,script-ps,limit-write
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
shared=$(cd "$here/../../../shared/perf" && pwd)
copy=${1:-/tmp/mtasts-perf-mine}
rm -rf "$copy"
cp -r "$shared" "$copy"
chmod -R u+w "$copy"
mkdir -p "$copy/candidates/mtasts-pipeline"
cp "$here/run.ps1" "$copy/candidates/mtasts-pipeline/run.ps1"
cp "$here/bulk-client.ps1" "$copy/bulk/clients/mtasts.ps1"
cat >> "$copy/columns.sh" <<'COLUMN'

column mtasts-pipeline \
    "test -f '$mtasts_out/MtaSts.psd1' || { echo 'build the module first: dotnet pwsh ./build.ps1 -Task Build'; exit 1; }; lib/pwsh.sh --check >/dev/null || { echo 'PowerShell 7.6.9 not available'; exit 1; }" \
    - \
    "MTASTS_MODULE='$mtasts_out/MtaSts.psd1' lib/pwsh.sh -NoProfile -NonInteractive -File candidates/mtasts-pipeline/run.ps1"
COLUMN
echo "$copy/run.sh"
