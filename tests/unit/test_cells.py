"""The one formula guard for spreadsheet cells (:mod:`nsc_workshop._cells`): what it guards, what it
leaves alone, and that :func:`unguard_text` undoes it exactly."""

from __future__ import annotations

import ast
import csv
import datetime as dt
import io
import itertools
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nsc_workshop import _cells
from nsc_workshop._cells import CELL_SEPARATORS, guard_cell, guard_text, unguard_cell, unguard_text

FORMULA = tuple("=+-@＝＋－＠")
MALICIOUS = [
    '=HYPERLINK("http://x","y")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+47 412 34 567",
    "-2+3",
    "a;=1+1",
    "\t=1",
    "＝1+1",
]


def spreadsheet_cells(rows: list[list[str]], delimiter: str = ",") -> list[str]:
    """Every cell a spreadsheet could make of ``rows`` written as CSV: read with the writer's
    delimiter, and read with ``;`` (Excel in Nordic languages), which splits inside cells."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    text = buffer.getvalue()
    cells = [c for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter) for c in row]
    return cells + [c for row in csv.reader(io.StringIO(text, newline=""), delimiter=";") for c in row]


def runs_as_formula(cell: str) -> bool:
    """Whether a spreadsheet could take the cell for a formula (spaces trimmed, a ``"`` taken as quoting)."""
    return cell.lstrip().lstrip('"').lstrip().startswith(FORMULA)


def test_the_module_imports_nothing_from_the_kit():
    tree = ast.parse(Path(_cells.__file__).read_text("utf-8"))
    imported = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    imported += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    assert not [m for m in imported if m and m.startswith("nsc_workshop")]


@pytest.mark.parametrize(
    ("text", "guarded"),
    [
        ("=1+1", "'=1+1"),
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"),
        ("+47 412 34 567", "'+47 412 34 567"),  # a phone number is text, and would run as a formula
        ("-2+3", "'-2+3"),
        ("-12", "'-12"),  # a number typed as text stays text
        ("- 5", "'- 5"),
        ("＝1+1", "'＝1+1"),
        ("＋1", "'＋1"),
        ("－1", "'－1"),
        ("＠A1", "'＠A1"),
        ("   =1", "'   =1"),  # after leading spaces (spreadsheets may trim them)
        ('"=1"', '\'"=1"'),  # a quote a spreadsheet takes for quoting
        ("\t=1", "'\t'=1"),
        ("\tplain", "'\tplain"),
        ("\rx", "'\rx"),
        ("\nx", "'\nx"),
        ("a;=1+1", "a;'=1+1"),  # Nordic Excel splits on ;
        ("a; =1+1", "a;' =1+1"),
        ("a,-b|@c", "a,'-b|'@c"),  # every item of a list joined with , | ;
        ("first line\n=cmd", "first line\n'=cmd"),  # a line a misread quote turns into a row
        ("'=x", "''=x"),  # an apostrophe already there gets one more: the guard can be undone exactly
        ("plain", "plain"),
        ("", ""),
        ("user@example.org", "user@example.org"),
        ("1-2", "1-2"),
        ("a - b", "a - b"),
        ("Line one\n\nline two", "Line one\n\nline two"),  # blank lines are not guarded
        ("it's", "it's"),
    ],
)
def test_guard_and_unguard(text, guarded):
    assert guard_text(text) == guarded
    assert guard_cell(text) == guarded
    assert unguard_text(guarded) == text
    assert unguard_cell(guarded) == text


@pytest.mark.parametrize("value", [-12.5, -12, 47, 0.0, True, False, None, dt.date(2026, 1, 2)])
def test_what_is_not_text_is_not_guarded(value):
    assert guard_cell(value) is value
    assert unguard_cell(value) is value


def test_text_other_tools_write_with_an_apostrophe_reads_as_the_text_it_protects():
    assert unguard_text("'=SUM(A1)") == "=SUM(A1)"
    assert unguard_text("'plain") == "'plain"  # not a guard: kept
    assert unguard_text("O'Brien;'x") == "O'Brien;'x"


def _check(text: str) -> None:
    guarded = guard_text(text)
    assert unguard_text(guarded) == text, (text, guarded)
    starts = [0] + [i + 1 for i, c in enumerate(guarded) if c in CELL_SEPARATORS]
    assert not guarded.startswith(("\t", "\r", "\n")), (text, guarded)
    for start in starts:
        assert not runs_as_formula(guarded[start:]), (text, guarded, start)
    for cell in spreadsheet_cells([["a", guarded, "b"], [guarded]]):
        assert not runs_as_formula(cell), (text, guarded, cell)


def test_every_short_text_is_guarded_and_comes_back():
    alphabet = ["'", " ", '"', "=", "-", "＠", ";", ",", "|", "\t", "\n", "\r", "a"]
    for size in range(5):
        for letters in itertools.product(alphabet, repeat=size):
            _check("".join(letters))


@given(st.text(alphabet=st.sampled_from(list("'\" =+-@＝,;|\t\r\n\u00a0\u3000ab1")), max_size=30))
def test_any_text_is_guarded_and_comes_back(text):
    _check(text)


@given(st.text(max_size=40))
def test_any_unicode_text_comes_back(text):
    assert unguard_text(guard_text(text)) == text


def test_malicious_texts_in_csv_cells():
    rows = [MALICIOUS, [";".join(MALICIOUS)], ["|".join(MALICIOUS)], [",".join(MALICIOUS)]]
    guarded = [[guard_text(c) for c in row] for row in rows]
    for cell in spreadsheet_cells(guarded):
        assert not runs_as_formula(cell), cell
    assert [[unguard_text(c) for c in row] for row in guarded] == rows


# -- every writer of the kit ------------------------------------------------------------------------------------------

MAP_FORMATS = {"csv": "pair", "kumu-xlsx": "kumu.xlsx", "prsm-xlsx": "prsm.xlsx", "excel": "workshop.xlsx"}
"""The map formats that are spreadsheets (the others are JSON or XML, which no spreadsheet runs)."""


def malicious_workshop():
    """The sample workshop with formula-like text in every kind of cell: names, texts, lists, custom
    attributes (their names too), tie labels and types, the workshop's metadata and an idea."""
    from nsc_workshop.datasets import load_sample
    from nsc_workshop.model import Workshop

    data = load_sample().model_dump(mode="json")
    actors, ties = data["actors"], data["ties"]
    listable = [m for m in MALICIOUS if "|" not in m]  # a tag holding | would make the column JSON
    for i, text in enumerate(MALICIOUS):
        actors[i].update(
            name=text,
            notes=text,
            goals=f"Goal\n{text}",
            sector=text,
            tags=["ok", *listable],
            attributes={"=cmd": text, "number": -12.5, "count": -3, "phone": "+47 412 34 567"},
        )
        ties[i].update(label=text, notes=text, type=text, attributes={"=cmd": text, "delta": -2})
    data["meta"].update(title=MALICIOUS[0], summary="\n".join(MALICIOUS), tags=listable)
    data["sprint"]["ideas"][0]["text"] = ";".join(MALICIOUS)
    return Workshop.model_validate(data, context={"bundle": True})


def _csv_files(path: Path) -> list[tuple[str, str]]:
    return [(p.name, p.read_text("utf-8")) for p in sorted(path.glob("*.csv"))]


def _xlsx_rows(path: Path) -> list[list[list[object]]]:
    """Each sheet's rows as values; no cell of any sheet is a formula."""
    import openpyxl

    workbook = openpyxl.load_workbook(path)
    sheets = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert cell.data_type == "s", (sheet.title, cell.coordinate, cell.value)
        sheets.append([list(row) for row in sheet.iter_rows(values_only=True)])
    return sheets


def _assert_safe_csv(text: str) -> None:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    for row in rows:
        for cell in row:
            assert not cell.startswith(("\t", "\r", "\n")), cell
    for cell in spreadsheet_cells(rows):
        assert not runs_as_formula(cell) or _is_number(cell), cell  # numbers are written as numbers


def _assert_safe_sheets(sheets: list[list[list[object]]]) -> None:
    """Safe in the workbook, and in a CSV file saved from it with , or ; (numbers saved as numbers)."""
    for rows in sheets:
        for row in rows:
            for cell in row:
                if isinstance(cell, str):
                    assert not cell.startswith(("\t", "\r", "\n")) and not runs_as_formula(cell), cell
        texts = [["" if v is None else v if isinstance(v, str) else repr(v) for v in row] for row in rows]
        for delimiter in (",", ";"):
            for cell in spreadsheet_cells(texts, delimiter):
                assert not runs_as_formula(cell) or _is_number(cell), cell


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _same_map(expected, actual) -> None:
    assert {k: a.model_dump() for k, a in actual.actors.items()} == {
        k: a.model_dump() for k, a in expected.actors.items()
    }
    assert {k: x.model_dump() for k, x in actual.ties.items()} == {k: x.model_dump() for k, x in expected.ties.items()}


@pytest.mark.parametrize("fmt", sorted(MAP_FORMATS))
def test_map_files_hold_no_formula_and_come_back_exactly(fmt, tmp_path):
    from nsc_workshop.io import read_map, write_map

    workshop = malicious_workshop()
    path = write_map(workshop, tmp_path / MAP_FORMATS[fmt], fmt)
    if fmt == "csv":
        files = _csv_files(path)
        assert [name for name, _ in files] == ["edges.csv", "nodes.csv"]
        for _name, text in files:
            _assert_safe_csv(text)
        cells = [c for _, text in files for row in csv.reader(io.StringIO(text, newline="")) for c in row]
        assert "'=cmd" in cells  # a custom attribute's name (a header) is guarded too
        assert "-12.5" in cells  # a number stays a number
    else:
        sheets = _xlsx_rows(path)
        _assert_safe_sheets(sheets)
        cells = [c for rows in sheets for row in rows for c in row]
        assert -12.5 in cells  # a number stays a number
    assert '\'=HYPERLINK("http://x","y")' in cells and "'+47 412 34 567" in cells and "a;'=1+1" in cells
    assert "ok|'=HYPERLINK(\"http://x\",\"y\")|'+47 412 34 567|'-2+3|a;'=1+1|'=1|'＝1+1" in cells  # the tags
    back = read_map(path, fmt)
    _same_map(workshop, back)
    assert back.actors[next(iter(workshop.actors))].name == MALICIOUS[0]
    if fmt == "excel":
        assert back.meta == workshop.meta


def test_the_gephi_csv_of_the_brief_goes_out_as_text(tmp_path):
    from nsc_workshop.io import read_map, write_map
    from nsc_workshop.testing import make_workshop

    made = make_workshop(actors=2, ties=1)
    first = next(iter(made.actors.values())).model_copy(update={"name": '=HYPERLINK("http://x","y")'})
    workshop = made.model_copy(update={"actors": {**made.actors, first.id: first}})
    path = write_map(workshop, tmp_path / "pair", "csv")
    nodes = list(csv.reader(io.StringIO((path / "nodes.csv").read_text("utf-8"), newline="")))
    assert nodes[1][1] == '\'=HYPERLINK("http://x","y")'
    assert read_map(path, "csv").actors[first.id].name == '=HYPERLINK("http://x","y")'


def test_the_action_plan_holds_no_formula(tmp_path):
    from nsc_workshop.model import Workshop
    from nsc_workshop.summaries.sprint import write_action_plan

    actions = [
        {"id": f"ap{i}", "action": text, "objective": f"x;{text}", "lead": text, "budget": text}
        for i, text in enumerate(MALICIOUS)
    ]
    workshop = Workshop.model_validate(
        {
            "id": "plan",
            "meta": {"title": "Plan", "city": "Saltmo", "country": "Norway"},
            "sprint": {"actions": actions},
        },
        context={"bundle": True},
    )
    text = write_action_plan(workshop, tmp_path / "plan.csv", fmt="csv").read_text("utf-8-sig")
    _assert_safe_csv(text)
    assert "'+47 412 34 567" in text
    sheets = _xlsx_rows(write_action_plan(workshop, tmp_path / "plan.xlsx"))
    _assert_safe_sheets(sheets)
    assert [row[0] for row in sheets[0][1:]] == [guard_text(a["action"]) for a in actions]


def test_the_open_data_export_holds_no_formula(tmp_path):
    import zipfile

    from nsc_workshop.library import open_library
    from nsc_workshop.library.opendata import csv_cell, export_open_data
    from nsc_workshop.library.record import RecordAction, RecordIdea
    from nsc_workshop.testing import make_record

    assert csv_cell(["ok", "=1+1", "a;b", "-x"]) == "ok;'=1+1;a,b;'-x"  # every item of a list
    assert csv_cell(-12.5) == "-12.5" and csv_cell("-12.5") == "'-12.5"
    # A telephone number would stop the export (its last guard looks for contact data); a `+` formula stands in.
    malicious = [m if m != "+47 412 34 567" else "+A1*2+cmd|' /C calc'!A0" for m in MALICIOUS]
    with open_library(tmp_path / "library.db") as library:
        library.publish(
            make_record(
                1,
                record_id="pub-a",
                sensitivity="public",
                summary="\n".join(malicious),
                tags=[m for m in malicious if m.strip() == m],
                causes=malicious,
                actions=[RecordAction(action=m, lead=m) for m in malicious],
                ideas=[RecordIdea(id=f"idea_{i:03d}", text=m) for i, m in enumerate(malicious)],
            )
        )
        path = export_open_data(library, tmp_path / "open.zip", exported_on=dt.date(2026, 5, 1))
    with zipfile.ZipFile(path) as archive:
        texts = [archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".csv")]
    for text in texts:
        _assert_safe_csv(text)
    assert any("a;'=1+1" in text for text in texts)
