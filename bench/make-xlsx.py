#!/usr/bin/python3
# Writes a CSV (bench/ep-bench-generate's) as an .xlsx with openpyxl's streaming writer, as a
# data manager's tool would: numbers as numbers, text as shared strings.
#     /usr/bin/python3 bench/make-xlsx.py IN.csv OUT.xlsx
import csv
import sys

from openpyxl import Workbook

src, dst = sys.argv[1], sys.argv[2]
wb = Workbook(write_only=True)
ws = wb.create_sheet("survival")
with open(src, newline="") as f:
    rows = csv.reader(f)
    ws.append(next(rows))
    for row in rows:
        ws.append([c if c in ("A", "B") else float(c) if "." in c or "e" in c else int(c)
                   for c in row])
wb.save(dst)
