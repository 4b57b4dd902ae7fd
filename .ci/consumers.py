#!/usr/bin/env python3
"""Feed netlings' report formats to the tools that consume them.

Usage: consumers.py GRADES_DIR [STDOUT_DIR]

GRADES_DIR is what `cargo xtask grade ... --out GRADES_DIR` wrote for a
class; STDOUT_DIR holds `check --format X` outputs captured from stdout under
GITHUB_ACTIONS=true (stdout.json, stdout.junit.xml, stdout.gradescope.json).

- JUnit: the Jenkins JUnit schema (docs/schemas/junit-10.xsd, xmlschema),
  read back with junitparser, plus what Surefire requires that the Jenkins
  schema leaves optional (failure `type`, suite `skipped`, testcase `time`)
  and a suite `timestamp`;
- the JSON report: docs/report.schema.json (jsonschema);
- Gradescope: docs/schemas/gradescope-results.schema.json (jsonschema);
- the gradebooks: read with Python's csv module;
and every format must give each student the same points out of the same
maximum, one maximum for the whole class.
"""

import csv
import json
import pathlib
import sys

import jsonschema
import junitparser
import xmlschema

ROOT = pathlib.Path(__file__).resolve().parent.parent
JUNIT_XSD = xmlschema.XMLSchema(str(ROOT / "docs/schemas/junit-10.xsd"))
REPORT = jsonschema.Draft202012Validator(
    json.loads((ROOT / "docs/report.schema.json").read_text())
)
GRADESCOPE = jsonschema.Draft202012Validator(
    json.loads((ROOT / "docs/schemas/gradescope-results.schema.json").read_text())
)

problems = []


def check(condition, what):
    if not condition:
        problems.append(what)


def junit(path, expect=None):
    JUNIT_XSD.validate(str(path))
    xml = junitparser.JUnitXml.fromfile(str(path))
    tests = failures = skipped = 0
    for suite in xml:
        check(suite.timestamp, f"{path}: suite {suite.name} has no timestamp")
        check(suite.time is not None, f"{path}: suite {suite.name} has no time")
        check(
            suite._elem.get("skipped") is not None,
            f"{path}: suite {suite.name} has no skipped count",
        )
        for case in suite:
            tests += 1
            check(case._elem.get("time") is not None, f"{path}: {case.name} has no time")
            for result in case.result:
                if isinstance(result, junitparser.Failure):
                    failures += 1
                    check(result.type, f"{path}: {case.name}: failure without type")
                    check(result.message, f"{path}: {case.name}: failure without message")
                elif isinstance(result, junitparser.Skipped):
                    skipped += 1
    if expect is not None:
        check(
            (tests, failures, skipped) == expect,
            f"{path}: JUnit counts {(tests, failures, skipped)} != report {expect}",
        )
    return tests


def validate(validator, path):
    document = json.loads(pathlib.Path(path).read_text())
    for error in validator.iter_errors(document):
        problems.append(f"{path}: {error.message} at {list(error.absolute_path)}")
    return document


def main():
    grades = pathlib.Path(sys.argv[1])
    maxima = {}
    with open(grades / "gradebook.csv", newline="") as f:
        book = {(r["student"], r["exercise"]): r for r in csv.DictReader(f)}
    with open(grades / "gradebook-wide.csv", newline="") as f:
        wide = {r["student"]: r for r in csv.DictReader(f)}
    for report_path in sorted(grades.glob("*.json")):
        if report_path.name.endswith(".gradescope.json"):
            continue
        student = report_path.stem
        report = validate(REPORT, report_path)
        earned, most = report["points"]["earned"], report["points"]["max"]
        t = report["totals"]
        junit(grades / f"{student}.junit.xml", (t["total"], t["failed"], t["skipped"]))
        gs = validate(GRADESCOPE, grades / f"{student}.gradescope.json")
        check(
            (gs["score"], gs["max_score"]) == (earned, most),
            f"{student}: Gradescope {gs['score']}/{gs['max_score']} != report {earned}/{most}",
        )
        check(
            sum(x["score"] for x in gs["tests"]) == earned
            and sum(x["max_score"] for x in gs["tests"]) == most,
            f"{student}: Gradescope's tests do not add up to its score",
        )
        row = book[(student, "total")]
        check(
            (float(row["points"]), float(row["max_points"])) == (earned, most),
            f"{student}: gradebook {row['points']}/{row['max_points']} != report {earned}/{most}",
        )
        check(
            float(wide[student]["points"]) == earned,
            f"{student}: wide gradebook {wide[student]['points']} != report {earned}",
        )
        maxima[student] = most
        print(f"{student}: {earned}/{most} in JSON, JUnit, Gradescope and both gradebooks")
    check(maxima, f"{grades}: no reports")
    check(len(set(maxima.values())) == 1, f"one maximum for the class: {maxima}")

    if len(sys.argv) > 2:
        out = pathlib.Path(sys.argv[2])
        validate(REPORT, out / "stdout.json")
        validate(GRADESCOPE, out / "stdout.gradescope.json")
        junit(out / "stdout.junit.xml")
        print("stdout under GITHUB_ACTIONS=true: JSON, JUnit and Gradescope parse")

    if problems:
        print("\n".join(problems), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
