#!/usr/bin/python3
# Writes the spreadsheet fixtures of tests/test-sheet.c with programs other than Endpoint:
# openpyxl (Debian's python3-openpyxl) for the .xlsx files a user's Excel-like tool writes,
# and Python's zipfile for the parts no writer library produces on purpose (cached formula
# values, inline strings, rich text, an .ods, and the malformed files). Run it from this
# folder; the outputs are committed, so the tests never need Python or openpyxl:
#     cd tests/data/sheets && /usr/bin/python3 make-fixtures.py
import datetime as dt
import io
import zipfile

import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904

FIXED = (2026, 1, 1, 0, 0, 0)   # zip member times, so the files are reproducible


def cohort():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "patients"
    ws.append(["id", "time", "status", "arm", "enrolled", "responder", "crp", "note"])
    rows = [
        (1, 12.5, 1, "blinatumomab", dt.date(2021, 3, 4), True, 3.25, "first"),
        (2, 30.25, 0, "chemo", dt.date(2021, 5, 17), False, "#N/A", None),
        (3, 7.0, 1, "blinatumomab", dt.date(2022, 1, 31), True, 0.1, "re-treated"),
        (4, 0.5, 0, "chemo", None, None, 1e-3, None),
        (5, 18.75, 1, "chemo", dt.date(2022, 12, 1), False, 12.0, "x"),
    ]
    for r in rows:
        ws.append(list(r))
    # a merged block below the data keeps its value in the top-left cell
    ws["H7"] = "merged note"
    ws.merge_cells("H7:H8")
    ws["A8"] = 6
    ws["B8"] = 2.0
    ws["C8"] = 0
    ws["D8"] = "chemo"
    # a second sheet to choose
    other = wb.create_sheet("labs")
    other.append(["id", "hb"])
    other.append([1, 11.2])
    other.append([2, 9.8])
    wb.save("cohort.xlsx")


def dates_1904():
    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "mac"
    ws.append(["visit", "when"])
    ws.append([1, dt.date(2020, 2, 29)])
    ws.append([2, dt.datetime(2021, 7, 1, 13, 30, 0)])
    ws.append([3, dt.date(1904, 1, 2)])
    wb.save("dates1904.xlsx")


def dates_1900():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["label", "when", "serial"])
    ws.append(["before the phantom day", dt.date(1900, 2, 28), 59])
    ws.append(["after it", dt.date(1900, 3, 1), 61])
    ws.append(["first day", dt.date(1900, 1, 1), 1])
    ws.append(["custom format", dt.date(2023, 11, 5), 44000.5])   # General: a number
    ws["B5"].number_format = "dd/mm/yyyy"
    wb.save("dates1900.xlsx")
    # the phantom 1900-02-29 is serial 60
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["when"])
    ws.append([60])
    ws["A2"].number_format = "yyyy-mm-dd"
    wb.save("phantom.xlsx")


def member(zf, name, text):
    info = zipfile.ZipInfo(name, FIXED)
    info.compress_type = zipfile.ZIP_DEFLATED
    zf.writestr(info, text)


CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
</Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="/xl/sharedStrings.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>"""
STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="2"><numFmt numFmtId="164" formatCode="[$-407]dd/mm/yyyy;@"/><numFmt numFmtId="165" formatCode="0.00&quot; mg&quot;"/></numFmts>
<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="165" applyNumberFormat="1"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs>
</styleSheet>"""
SHARED = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">
<si><t>id</t></si><si><t>dose</t></si>
<si><r><rPr><b/></rPr><t>rich </t></r><r><t xml:space="preserve">text </t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si>
<si><t>visit</t></si>
</sst>"""


def handmade_sheet(rows_xml, dimension=None):
    dim = '<dimension ref="%s"/>' % dimension if dimension else ""
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            + dim + '<sheetData>' + rows_xml + '</sheetData></worksheet>')


def write_xlsx(name, sheet_xml, *, sheet_member="xl/worksheets/sheet1.xml", level=None,
               extra=None):
    with zipfile.ZipFile(name, "w") as zf:
        member(zf, "[Content_Types].xml", CONTENT_TYPES)
        member(zf, "_rels/.rels", ROOT_RELS)
        member(zf, "xl/workbook.xml", WORKBOOK)
        member(zf, "xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        member(zf, "xl/styles.xml", STYLES)
        member(zf, "xl/sharedStrings.xml", SHARED)
        info = zipfile.ZipInfo(sheet_member, FIXED)
        info.compress_type = zipfile.ZIP_DEFLATED
        if level is not None:
            info._compresslevel = level
        zf.writestr(info, sheet_xml)


def handmade():
    # Row 1: shared strings (one rich, with a phonetic run that is not part of the text).
    # Cells without an r attribute follow the one before; formulas keep their cached value.
    rows = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
        '<c r="C1" t="s"><v>3</v></c><c r="D1" t="inlineStr"><is><t>inline</t></is></c>'
        '<c r="E1" t="s"><v>2</v></c><c r="F1" t="inlineStr"><is><t>flag</t></is></c></row>'
        '<row r="2"><c r="A2"><v>1</v></c><c s="2"><v>2.5</v></c><c s="1"><v>45000</v></c>'
        '<c t="inlineStr"><is><r><t>in</t></r><r><t>line</t></r></is></c>'
        '<c t="str"><f>CONCAT("a","b")</f><v>ab</v></c><c t="b"><v>1</v></c></row>'
        '<row r="3"><c r="A3"><f>A2+1</f><v>2</v></c><c r="B3" t="e"><f>NA()</f><v>#N/A</v></c>'
        '<c r="C3" s="3"><v>45001.75</v></c><c r="D3" t="inlineStr"><is><t/></is></c>'
        '<c r="E3" t="e"><v>#DIV/0!</v></c><c r="F3" t="b"><v>0</v></c></row>'
        '<row r="5"><c r="A5"><v>3</v></c><c r="B5" s="2"><v>1.0E-3</v></c>'
        '<c r="C5" t="d"><v>2024-02-29T00:00:00</v></c></row>'
    )
    write_xlsx("handmade.xlsx", handmade_sheet(rows, "A1:F5"))


def ods():
    content = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3">
<office:body><office:spreadsheet>
<table:table table:name="Notes"><table:table-row><table:table-cell office:value-type="string"><text:p>not this one</text:p></table:table-cell></table:table-row></table:table>
<table:table table:name="Patienten">
<table:table-column table:number-columns-repeated="5"/>
<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="5"/></table:table-row>
<table:table-row><table:table-cell/><table:table-cell office:value-type="string"><text:p>id</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>zeit</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>diagnose</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>ansprechen</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>bemerkung</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell/><table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="2.5"><text:p>2,5</text:p></table:table-cell><table:table-cell office:value-type="date" office:date-value="2023-01-05"><text:p>05.01.2023</text:p></table:table-cell><table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>WAHR</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>zwei<text:s text:c="2"/>Leerzeichen</text:p><text:p>und Zeile</text:p><office:annotation><dc:creator>A</dc:creator><text:p>ein Kommentar</text:p></office:annotation></table:table-cell></table:table-row>
<table:table-row><table:table-cell/><table:table-cell office:value-type="float" office:value="2"><text:p>2</text:p></table:table-cell><table:table-cell table:formula="of:=1/0" office:value-type="float" office:value="0" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell><table:table-cell office:value-type="date" office:date-value="2023-02-28T14:30:00"><text:p>28.02.2023 14:30</text:p></table:table-cell><table:table-cell office:value-type="boolean" office:boolean-value="false"><text:p>FALSCH</text:p></table:table-cell><table:covered-table-cell/></table:table-row>
<table:table-row table:number-rows-repeated="2"><table:table-cell/><table:table-cell office:value-type="float" office:value="3"><text:p>3</text:p></table:table-cell><table:table-cell office:value-type="percentage" office:value="0.25"><text:p>25%</text:p></table:table-cell><table:table-cell/><table:table-cell/><table:table-cell office:value-type="time" office:time-value="PT13H05M00S"><text:p>13:05</text:p></table:table-cell></table:table-row>
<table:table-row table:number-rows-repeated="1048566"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>
</table:table>
</office:spreadsheet></office:body></office:document-content>"""
    with zipfile.ZipFile("patienten.ods", "w") as zf:
        info = zipfile.ZipInfo("mimetype", FIXED)
        info.compress_type = zipfile.ZIP_STORED
        zf.writestr(info, "application/vnd.oasis.opendocument.spreadsheet")
        member(zf, "content.xml", content)


def malformed():
    # a truncated download: the first 60 % of a good file
    data = open("cohort.xlsx", "rb").read()
    open("truncated.xlsx", "wb").write(data[: len(data) * 6 // 10])
    # a zip bomb: 64 MiB of blanks inside the sheet, about 64 KiB compressed
    blanks = " " * (64 << 20)
    write_xlsx("bomb.xlsx", handmade_sheet('<row r="1"><c r="A1"><v>1</v></c></row>' + blanks),
               level=9)
    # billion laughs: nested entities in a DOCTYPE
    lol = ['<!ENTITY lol0 "lol">']
    for i in range(1, 10):
        lol.append('<!ENTITY lol%d "%s">' % (i, ("&lol%d;" % (i - 1)) * 10))
    doctype = '<?xml version="1.0"?>\n<!DOCTYPE worksheet [' + "".join(lol) + ']>'
    sheet = (doctype + '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
             '</sheetData></worksheet>')
    write_xlsx("entities.xlsx", sheet)
    # a sheet whose stated range is beyond Excel's 1,048,576 rows
    write_xlsx("dimension.xlsx", handmade_sheet('<row r="1"><c r="A1"><v>1</v></c></row>',
                                                "A1:B2000000"))


cohort()
dates_1904()
dates_1900()
handmade()
ods()
malformed()
