#!/usr/bin/env bash
# Prints the quick start's test line: the line of README.md's first ```sh block that is
# tagged with the comment "# test". .ci/run evaluates it, so the README cannot drift from CI.
set -euo pipefail
cd "$(dirname "$0")/.."
line=$(awk '/^```sh/{inblock=1; next} /^```/{if(inblock) exit} inblock && /# test$/' README.md)
if [ -z "$line" ]; then
  echo "README.md has no quick-start line ending in '# test'" >&2
  exit 1
fi
printf '%s\n' "$line"
