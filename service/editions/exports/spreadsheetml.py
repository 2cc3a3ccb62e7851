"""The fixed parts of an XLSX package (SpreadsheetML): content types, relationships, the workbook with
its sheets and filter names, and the five cell styles the sheets use."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
MEDIA = "application/vnd.openxmlformats-officedocument.spreadsheetml"
# Style ids, in the order of cellXfs below.
PLAIN, HEADER, DATE, QUOTED, WRAPPED = 0, 1, 2, 3, 4
_XF = '<xf numFmtId="{fmt}" fontId="{font}" fillId="0" borderId="0" xfId="0"{extra}>{inner}</xf>'
_TOP_WRAP = '<alignment vertical="top" wrapText="1"/>'
CELL_STYLES = [
    _XF.format(fmt=0, font=0, extra="", inner=""),
    _XF.format(fmt=0, font=1, extra=' applyFont="1" applyAlignment="1"', inner=_TOP_WRAP),
    _XF.format(fmt=164, font=0, extra=' applyNumberFormat="1"', inner=""),
    _XF.format(fmt=0, font=0, extra=' quotePrefix="1"', inner=""),
    _XF.format(fmt=0, font=0, extra=' applyAlignment="1"', inner=_TOP_WRAP),
]
_FONT = '<font>{bold}<sz val="11"/><name val="Calibri"/></font>'
STYLES = (
    f"{HEAD}<styleSheet {NS}>"
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>'
    f'<fonts count="2">{_FONT.format(bold="")}{_FONT.format(bold="<b/>")}</fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    f'<cellXfs count="{len(CELL_STYLES)}">{"".join(CELL_STYLES)}</cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


def column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _quoted(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def workbook_xml(sheets: list[tuple[str, int, int]]) -> str:
    """The workbook part for sheets given as (name, columns, data rows)."""
    listed = "".join(
        f'<sheet name={quoteattr(name)} sheetId="{i}" r:id="rId{i}"/>'
        for i, (name, _c, _r) in enumerate(sheets, start=1)
    )
    # Excel keeps each sheet's filter range under this hidden name.
    filters = "".join(
        f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
        f"{escape(_quoted(name))}!$A$1:${column_letter(columns)}${rows + 1}</definedName>"
        for i, (name, columns, rows) in enumerate(sheets)
    )
    return (
        f'{HEAD}<workbook {NS} xmlns:r="{REL_NS}"><bookViews><workbookView/></bookViews>'
        f"<sheets>{listed}</sheets><definedNames>{filters}</definedNames></workbook>"
    )


def package_parts(sheets: int) -> dict[str, str]:
    """Content types and relationships for a workbook of that many sheets, and the styles."""
    numbers = range(1, sheets + 1)
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{MEDIA}.worksheet+xml"/>'
        for i in numbers
    )
    sheet_rels = "".join(
        f'<Relationship Id="rId{i}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in numbers
    )
    rels_type = "application/vnd.openxmlformats-package.relationships+xml"
    return {
        "[Content_Types].xml": (
            f'{HEAD}<Types xmlns="{PKG}/content-types">'
            f'<Default Extension="rels" ContentType="{rels_type}"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{MEDIA}.sheet.main+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{MEDIA}.styles+xml"/>'
            f"{overrides}</Types>"
        ),
        "_rels/.rels": (
            f'{HEAD}<Relationships xmlns="{PKG}/relationships"><Relationship Id="rId1" '
            f'Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'{HEAD}<Relationships xmlns="{PKG}/relationships">{sheet_rels}'
            f'<Relationship Id="rId{sheets + 1}" Type="{REL_NS}/styles" Target="styles.xml"/>'
            "</Relationships>"
        ),
        "xl/styles.xml": STYLES,
    }
