#!/usr/bin/env python3
# bad-inputs.py: the bad-input table of docs/bad-inputs.md, made by running endpoint-cli on each
# hostile or broken file (issue 12).
#
#   bad-inputs.py --cli endpoint-cli --source-dir DIR --check   compare with docs/bad-inputs.md
#   bad-inputs.py --cli endpoint-cli --source-dir DIR --write   rewrite docs/bad-inputs.md
#
# Every input is made here, in a temporary directory, from text, from the ReadStat seeds in
# tests/fuzz/seeds/readstat, or from tests/data/project/project-v1.endpoint. Each case must end
# with exit status 1 (a data error) or 2 (a usage error) and one line on stderr that starts with
# the file's name (or the command, for a usage error), or with exit status 0 when the input is
# one that Endpoint repairs; never with a signal or after the time limit. --check also fails when
# the table in docs differs from what the program does now, so the table cannot drift.
import argparse
import os
import re
import shutil
import sqlite3
import struct
import subprocess
import sys
import tempfile

TIME_LIMIT = 30


def csv_case(name, what, content, command=None):
    command = command or ["km", "--csv", "{f}", "--time", "time", "--event", "status"]
    return (name, what, {name: content}, command)


def deep(prefix, n, suffix=""):
    return (prefix + "[" * n + "]" * n + suffix).encode()


def project_tamper(sql):
    def make(path, source_dir):
        shutil.copy(os.path.join(source_dir, "tests", "data", "project", "project-v1.endpoint"), path)
        db = sqlite3.connect(path)
        db.executescript(sql)
        db.commit()
        db.close()
    return make


def seed_patch(seed, patches, cut=None):
    def make(path, source_dir):
        with open(os.path.join(source_dir, "tests", "fuzz", "seeds", "readstat", seed), "rb") as f:
            data = f.read()
        for old, new in patches:
            assert old in data, (seed, old)
            data = data.replace(old, new)
        if cut is not None:
            data = data[:int(len(data) * cut)]
        with open(path, "wb") as f:
            f.write(data)
    return make


def special(kind):
    def make(path, source_dir):
        if kind == "fifo":
            os.mkfifo(path)
        elif kind == "zero":
            os.symlink("/dev/zero", path)
        elif kind == "dir":
            os.mkdir(path)
        elif kind == "sparse":
            with open(path, "wb") as f:
                f.write(b"time,status\n")
                f.truncate(2_000_000_000)
    return make


def cases():
    km = ["km", "--csv", "{f}", "--time", "time", "--event", "status"]
    show = ["project", "show", "{f}"]
    trials = ["trials", "--catalog", "{f}"]
    convert = ["convert", "{f}", "{d}/out.csv"]
    d22000 = struct.pack("<d", 22000.0)
    catalog_head = '{"schema_version": 1, "trials": '
    return [
        # CSV and TSV
        csv_case("empty.csv", "an empty file", b""),
        csv_case("header-only.csv", "a header and no rows", b"time,status\n"),
        csv_case("quote.csv", "a quoted field that never ends", b'time,status\n"1,0\n2,1\n'),
        csv_case("after-quote.csv", "text after a closing quote", b'time,status\n"1"x,0\n'),
        csv_case("ragged.csv", "a row with a field too many", b"time,status\n1,0\n2,1,9\n"),
        csv_case("twice.csv", "two columns with one name", b"time,time,status\n1,2,0\n"),
        csv_case("nocol.csv", "the time column is not there", b"days,status\n1,0\n"),
        csv_case("semicolon.csv", "semicolons where commas are expected", b"time;status\n1;0\n2;1\n"),
        csv_case("cr-only.csv", "lines that end in CR alone", b"time,status\r1,0\r2,1\r"),
        csv_case("text.csv", "a word in the time column", b"time,status\n1,0\nabc,1\n"),
        csv_case("long-cell.csv", "a 1,000,000-character cell", b"time,status\n1,0\n" + b"x" * 1000000 + b",1\n"),
        csv_case("latin1.csv", "Latin-1 bytes, not UTF-8", b"time,status,arm\n1,0,caf\xe9\n"),
        csv_case("nul.csv", "a NUL byte in a cell", b"time,status\n1,0\n2\x00,1\n"),
        csv_case("negative.csv", "a negative time", b"time,status\n1,0\n-2,1\n"),
        csv_case("event2.csv", "an event code that is neither 0 nor 1", b"time,status\n1,0\n2,2\n"),
        csv_case("all-missing.csv", "every row missing its time", b"time,status\nNA,0\n,1\n"),
        csv_case("infinite.csv", "a time of inf", b"time,status\n1,0\ninf,1\n"),
        ("zero.csv", "/dev/zero behind a .csv name", {"zero.csv": special("zero")}, km),
        ("fifo.csv", "a FIFO that nobody writes", {"fifo.csv": special("fifo")}, km),
        ("folder.csv", "a directory", {"folder.csv": special("dir")}, km),
        ("missing.csv", "a file that does not exist", {}, km),
        ("sparse.csv", "2 GB (sparse)", {"sparse.csv": special("sparse")}, km),
        ("cohort.xlsx", "an .xlsx that is only a zip header", {"cohort.xlsx": b"PK\x03\x04"}, convert),
        ("same.csv", "project new --out naming its own --csv input",
         {"same.csv": b"time,status\n1,0\n"}, ["project", "new", "--out", "{f}", "--csv", "{f}"]),
        # catalog
        ("not-json.json", "a catalog that is not JSON", {"not-json.json": b"schema_version = 1\n"}, trials),
        ("deep.json", "a catalog nested 100,000 deep",
         {"deep.json": deep(catalog_head, 100000, "}")}, trials),
        ("comment.json", "nesting hidden behind /* \" */",
         {"comment.json": deep('{"schema_version": 1, /* " */ "trials": ', 100000, "}")}, trials),
        ("quotes.json", "single-quoted strings", {"quotes.json": b"{'schema_version': 1, 'trials': []}"}, trials),
        ("future.json", "a schema version from the future",
         {"future.json": b'{"schema_version": 9, "trials": []}'}, trials),
        ("no-field.json", "a trial without its fields",
         {"no-field.json": (catalog_head + '[{"id": "x"}]}').encode()}, trials),
        ("empty.json", "an empty catalog file", {"empty.json": b""}, trials),
        ("utf8.json", "a catalog with invalid UTF-8",
         {"utf8.json": b'{"schema_version": 1, "description": "\xff", "trials": []}'}, trials),
        ("fifo.json", "a FIFO as the catalog", {"fifo.json": special("fifo")}, trials),
        # projects
        ("text.endpoint", "a text file named .endpoint", {"text.endpoint": b"hello\n"}, show),
        ("empty.endpoint", "an empty .endpoint", {"empty.endpoint": b""}, show),
        ("fifo.endpoint", "a FIFO named .endpoint", {"fifo.endpoint": special("fifo")}, show),
        ("newer.endpoint", "written by a newer Endpoint (user_version 99)",
         {"newer.endpoint": project_tamper("PRAGMA user_version = 99;")}, show),
        ("noname.endpoint", "an endpoint with an empty name",
         {"noname.endpoint": project_tamper("UPDATE endpoint SET name = '' WHERE position = 0;")}, show),
        ("deep-options.endpoint", "analysis options nested 100,000 deep behind a comment",
         {"deep-options.endpoint": project_tamper(
             "UPDATE analysis SET options = '{\"a\": [/* \" */ " + "[" * 100000 + "]" * 100000
             + "]}' WHERE position = 0;")}, show),
        ("quoted-options.endpoint", "analysis options in single quotes",
         {"quoted-options.endpoint": project_tamper(
             "UPDATE analysis SET options = '{''endpoint'': ''OS''}' WHERE position = 0;")}, show),
        ("trigger.endpoint", "a planted trigger",
         {"trigger.endpoint": project_tamper(
             "CREATE TRIGGER t AFTER INSERT ON meta BEGIN SELECT 1; END;")}, show),
        ("utf8.endpoint", "a cohort name that is not UTF-8",
         {"utf8.endpoint": project_tamper("UPDATE cohort SET name = CAST(x'41ff42' AS TEXT);")}, show),
        ("rows.endpoint", "a row count of 2^40",
         {"rows.endpoint": project_tamper("UPDATE cohort SET n_rows = 1099511627776;")}, show),
        ("year.endpoint", "a date cell of 2^31 - 1 days (year 5881580; repaired: missing)",
         {"year.endpoint": project_tamper(
             "UPDATE cohort_column SET missing = NULL, cells = x'ffffff7f%s' "
             "WHERE cohort_id = 0 AND type = 'date'; "
             "DELETE FROM analysis; DELETE FROM figure;" % ("00" * 44))}, show),
        # SPSS, Stata, SAS
        ("cut.sav", "an SPSS file cut in half", {"cut.sav": seed_patch("seed.sav", [], 0.5)}, convert),
        ("text.sav", "a text file named .sav", {"text.sav": b"time,status\n1,0\n"}, convert),
        ("cut.zsav", "a compressed SPSS file cut short", {"cut.zsav": seed_patch("seed.zsav", [], 0.7)}, convert),
        ("cut.sas7bdat", "a SAS file cut in half", {"cut.sas7bdat": seed_patch("seed.sas7bdat", [], 0.5)}, convert),
        ("text.xpt", "a text file named .xpt", {"text.xpt": b"HEADER\n"}, convert),
        ("year.dta", "a Stata date of 1e300 days",
         {"year.dta": seed_patch("seed.dta", [(d22000, struct.pack("<d", 1e300))])}, convert),
        ("year2.dta", "a Stata date of 4e15 days",
         {"year2.dta": seed_patch("seed.dta", [(d22000, struct.pack("<d", 4e15))])}, convert),
        ("blank.dta", "a Stata variable with a blank name (repaired: V1)",
         {"blank.dta": seed_patch("seed.dta", [(b"time\x00", b"\x00\x00\x00\x00\x00")])}, convert),
        ("twice.dta", "two Stata variables with one name",
         {"twice.dta": seed_patch("seed.dta", [(b"resp\x00", b"time\x00")])}, convert),
        ("latin1.dta", "a Stata label that is not UTF-8 (repaired: U+FFFD)",
         {"latin1.dta": seed_patch("seed.dta", [(b"Time (months)", b"Time \xffmonths)")])}, convert),
    ]


def run_case(cli, source_dir, case, work):
    name, what, files, command = case
    d = os.path.join(work, re.sub(r"[^A-Za-z0-9]", "_", name))
    os.mkdir(d)
    for fname, content in files.items():
        path = os.path.join(d, fname)
        if callable(content):
            content(path, source_dir)
        else:
            with open(path, "wb") as f:
                f.write(content)
    argv = [cli] + [a.replace("{f}", os.path.join(d, name)).replace("{d}", d) for a in command]
    env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="")
    try:
        p = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=TIME_LIMIT, env=env)
    except subprocess.TimeoutExpired:
        return name, what, command, "timeout", "", ["took more than %d s" % TIME_LIMIT]
    err = p.stderr.decode("utf-8", "replace").replace(d + os.sep, "").strip()
    problems = []
    if p.returncode < 0:
        problems.append("killed by signal %d" % -p.returncode)
    elif p.returncode not in (0, 1, 2):
        problems.append("exit status %d" % p.returncode)
    if p.returncode in (1, 2):
        if err.count("\n") != 0:
            problems.append("more than one line on stderr")
        if not (err.startswith(name) or err.startswith("endpoint-cli")):
            problems.append("the message does not start with the file's name")
    if len(err) > 300:
        problems.append("a message of %d characters" % len(err))
    return name, what, command, str(p.returncode), err, problems


def table(results):
    lines = [
        "| file | what it is | command | exit | message |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, what, command, code, err, _ in results:
        cmd = "endpoint-cli " + " ".join(a.replace("{f}", name).replace("{d}/", "") for a in command)
        msg = err.replace("|", "\\|").replace("\n", " ") or "(none: accepted)"
        lines.append("| `%s` | %s | `%s` | %s | %s |" % (name, what, cmd.replace("|", "\\|"), code, msg))
    return "\n".join(lines) + "\n"


BEGIN = "<!-- begin: generated by tests/bad-inputs.py --write; do not edit -->\n"
END = "<!-- end: generated -->\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--source-dir", required=True)
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--check", action="store_true")
    mode.add_argument("--write", action="store_true")
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="ep-bad-inputs-")
    try:
        results = [run_case(args.cli, args.source_dir, c, work) for c in cases()]
    finally:
        shutil.rmtree(work, ignore_errors=True)

    status = 0
    for name, _, _, code, err, problems in results:
        for problem in problems:
            print("%s: %s (exit %s: %s)" % (name, problem, code, err[:200]))
            status = 1
    print("%d bad inputs, %d with a problem" % (len(results), sum(1 for r in results if r[5])))

    doc = os.path.join(args.source_dir, "docs", "bad-inputs.md")
    with open(doc, encoding="utf-8") as f:
        text = f.read()
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    generated = table(results)
    if args.write:
        with open(doc, "w", encoding="utf-8") as f:
            f.write(text[:start] + generated + text[end:])
    elif text[start:end] != generated:
        import difflib
        sys.stdout.writelines(difflib.unified_diff(text[start:end].splitlines(True),
                                                   generated.splitlines(True),
                                                   "docs/bad-inputs.md", "now"))
        print("docs/bad-inputs.md differs from what endpoint-cli does now: "
              "run tests/bad-inputs.py --write (see the file's head)")
        status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
