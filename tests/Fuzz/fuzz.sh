#!/usr/bin/env bash
# Fuzzes the engine's parsers with afl-fuzz (Debian afl++) through SharpFuzz.
#   tests/Fuzz/fuzz.sh <seconds per target> [target...]      (all targets when none is named)
# Starts from tests/Fuzz/corpus/<target>, writes findings to out/fuzz/findings/<target>, prints one line per target
# (executions, corpus size, crashes, hangs) and exits 1 when any target found a crash or a hang. The findings of a
# failed target can be replayed, with the build that is not instrumented, by:
#   dotnet run --project tests/Fuzz/MtaSts.Fuzz -c Release -- <target> --replay <file or folder>
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:?seconds per target}
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(policy sts-txt tlsrpt-txt report mime smtp-reply http-response)

bin=out/fuzz/bin
rm -rf "$bin"
dotnet publish tests/Fuzz/MtaSts.Fuzz -c Release -o "$bin" --nologo -v q
dotnet tool run sharpfuzz "$bin/MtaSts.Core.dll"

export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
status=0
for target in "${targets[@]}"; do
  findings=out/fuzz/findings/$target
  rm -rf "$findings"
  mkdir -p out/fuzz/findings
  afl-fuzz -i "tests/Fuzz/corpus/$target" -o "$findings" -t 5000 -V "$seconds" -- dotnet "$bin/MtaSts.Fuzz.dll" "$target" \
    > "out/fuzz/$target.log" 2>&1 || { echo "$target: afl-fuzz failed, see out/fuzz/$target.log"; status=1; continue; }
  stats=$findings/default/fuzzer_stats
  value() { sed -n "s/^$1 *: *//p" "$stats"; }
  crashes=$(find "$findings/default/crashes" -type f ! -name README.txt | wc -l)
  hangs=$(find "$findings/default/hangs" -type f | wc -l)
  echo "$target: $(value execs_done) executions in $(value run_time) s, corpus $(value corpus_count), crashes $crashes, hangs $hangs"
  [ "$crashes" -eq 0 ] && [ "$hangs" -eq 0 ] || status=1
done
exit $status
