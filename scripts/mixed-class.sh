#!/usr/bin/env bash
# Make a mixed class of N students for timing `cargo xtask grade`
# (docs/grading.md, "Sizing shards"): a quarter each solved (the reference
# solutions), half solved (exercises 00–04 solved, the rest untouched),
# untouched (the stubs) and hanging (every program blocks forever, the
# worst case for time).
#   scripts/mixed-class.sh 20 /tmp/class && time cargo xtask grade /tmp/class --out /tmp/grades
set -euo pipefail
n=${1:?usage: mixed-class.sh N FOLDER}
into=${2:?usage: mixed-class.sh N FOLDER}
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$into"
for i in $(seq 1 "$n"); do
  kinds=(solved half untouched hanging)
  kind=${kinds[$(((i - 1) % 4))]}
  student=$(printf '%s/s%03d-%s' "$into" "$i" "$kind")
  rm -rf "$student"
  mkdir -p "$student/exercises"
  for exercise in "$root"/exercises/*/; do
    name=$(basename "$exercise")
    case "$kind" in
      solved) take=yes ;;
      half) case "$name" in 0[0-4]-*) take=yes ;; *) take=no ;; esac ;;
      *) take=no ;;
    esac
    if [ "$take" = yes ]; then
      mkdir -p "$student/exercises/$name"
      cp -r "$root/solutions/$name/src" "$student/exercises/$name/"
    elif [ "$kind" = hanging ]; then
      (cd "$exercise" && find src -name '*.rs') | while read -r file; do
        mkdir -p "$(dirname "$student/exercises/$name/$file")"
        printf '%s\n' '// Blocks forever: never reads, never writes, never exits.' \
          'fn main() { loop { std::thread::park(); } }' >"$student/exercises/$name/$file"
      done
    fi
  done
done
ls "$into"
