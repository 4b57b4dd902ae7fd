#!/usr/bin/env python3
"""Time to verdict: how long `cargo xtask check` takes to grade each
known-wrong program of tests/mutants, against the reference solution of
the same exercise graded in the same run.

A benchmark, never a timed test: it prints a table (slowest first), the
ratio of each program's time to its exercise's solution time (median of
the solution runs interleaved with the corpus), and the total.

    scripts/bench-verdicts.py [--rounds N] [--only PREFIX]
"""

import argparse
import re
import json
import pathlib
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent


def header(path):
    fields = {}
    for line in path.read_text().splitlines():
        if line.startswith("//! ") and ":" in line:
            key, _, value = line[4:].partition(":")
            fields[key.strip()] = value.strip()
    return fields


def xtask(*args):
    return ["cargo", "xtask", *args]


def timed(argv):
    start = time.monotonic()
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True)
    return time.monotonic() - start, done


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--only", default="", help="a regular expression the program's name must start with, e.g. m05 or '(m|d)0[5-8]'")
    args = parser.parse_args()

    built = subprocess.run(xtask("build-bins"), cwd=ROOT, capture_output=True, text=True)
    if built.returncode != 0:
        sys.exit(f"build-bins failed:\n{built.stderr}")
    bins = json.loads(pathlib.Path(built.stdout.strip().splitlines()[-1]).read_text())["bins"]

    corpus = []
    for path in sorted((ROOT / "tests/mutants/src/bin").glob("*.rs")):
        if not re.match(args.only, path.stem):
            continue
        fields = header(path)
        corpus.append((path.stem, fields["program"], fields.get("diagnosis", "?")))

    def grade(exercise, program, exe):
        argv = xtask("check", f"exercise-{exercise}", "--cmd", exe, "--format", "json")
        if "-" in program:
            argv += ["--program", program]
        return timed(argv)

    def solution_of(program):
        exercise = program[:2]
        return next(b for b in bins if b.startswith(f"sol{exercise}") and
                    ("-" not in program or b.endswith(program.split("-", 1)[1])))

    solution_times = {}
    rows = []
    for rnd in range(args.rounds):
        for program in sorted({p for _, p, _ in corpus}):
            # The peer: the reference solution graded in the same run, three
            # times per program and round (median), right before its corpus.
            for _ in range(3):
                seconds, _ = grade(program[:2], program, bins[solution_of(program)])
                solution_times.setdefault(program, []).append(seconds)
                print(f"round {rnd + 1}: solution of {program:33} {seconds:6.2f} s", file=sys.stderr)
            for name, prog, declared in corpus:
                if prog != program:
                    continue
                seconds, done = grade(program[:2], program, bins[name])
                try:
                    report = json.loads(done.stdout)
                    failed = [c for e in report["exercises"] for c in e["checks"]
                              if c["status"] == "fail"]
                    first = failed[0]["diagnosis"]["id"] if failed else "-"
                except (json.JSONDecodeError, KeyError, IndexError):
                    first = "?"
                rows.append((name, program, seconds, first, declared))
                print(f"round {rnd + 1}: {name:45} {seconds:6.2f} s", file=sys.stderr)

    by_name = {}
    for name, program, seconds, first, declared in rows:
        by_name.setdefault((name, program, first, declared), []).append(seconds)
    table = []
    for (name, program, first, declared), times in by_name.items():
        median = statistics.median(times)
        peer = statistics.median(solution_times[program])
        table.append((median, name, program, peer, first, declared))
    table.sort(reverse=True)
    print(f"{'program':45} {'verdict s':>9} {'solution s':>10} {'ratio':>6}  first-✗ diagnosis (declared)")
    for median, name, program, peer, first, declared in table:
        print(f"{name:45} {median:9.2f} {peer:10.2f} {median / peer:6.2f}  {first} ({declared})")
    total = sum(row[0] for row in table)
    peers = sum(row[3] for row in table)
    print(f"\n{len(table)} programs: {total:.1f} s to grade them all; "
          f"the solutions in their place: {peers:.1f} s (ratio {total / peers:.2f})")


if __name__ == "__main__":
    main()
