#!/bin/bash
# Compares what two builds of spoor report on every input the repository has: the bench's site capture (if written),
# every fixture, synthetic capture and log, the public samples and the seed traces (with their .args). A change meant
# only to make Spoor faster must leave every document byte-identical.
#
# usage: bench/compare-output.sh OLD_DIR NEW_DIR
#   where each directory holds a build of the CLI, e.g.
#   git worktree add /tmp/old HEAD~1 && dotnet build -c Release /tmp/old/src/Spoor.Cli -o /tmp/spoor-old
#   dotnet build -c Release src/Spoor.Cli -o /tmp/spoor-new
#   bench/compare-output.sh /tmp/spoor-old /tmp/spoor-new
set -u
old=$1/spoor.dll
new=$2/spoor.dll
cd "$(dirname "$0")/.."

inputs=$(ls bench/out/site-2000000.pcap tests/data/fixtures/* tests/data/synthetic/* tests/data/public/*/* tests/data/seeds/* 2>/dev/null \
  | grep -v -E '\.(md|txt|json|jsonl|args|sh|py|ini)$')

digest() {
  local dll=$1 input=$2 args=""
  [ -f "$input.args" ] && args=$(cat "$input.args")
  # shellcheck disable=SC2086 # the .args files hold several arguments
  DOTNET_TieredCompilation=0 dotnet "$dll" analyze -f json $args "$input" 2>/dev/null | md5sum | cut -c1-32
}

same=0
different=0
for input in $inputs; do
  if [ "$(digest "$old" "$input")" = "$(digest "$new" "$input")" ]; then
    same=$((same + 1))
  else
    different=$((different + 1))
    echo "differs: $input"
  fi
done

echo "$same inputs identical, $different different"
[ "$different" -eq 0 ]
