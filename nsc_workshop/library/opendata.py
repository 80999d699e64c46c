"""The library's public records as open data: a ZIP of CSV files with a README and a LICENSE.

Only records published at the ``public`` level are written; a record shared
with the network only never appears. One file per kind of content
(``records.csv``, ``actors.csv``, ``ties.csv``, ``ideas.csv``...), each row
carrying the ``record_id`` it belongs to. :data:`FIELDS` (file → column →
description) gives both the CSV headers and the README's description of every
column, so the two cannot drift apart. The README and LICENSE are written in
English (the open data's working language); the records' own texts are in the
language given by ``records.csv``'s ``language`` column.

The output is deterministic: rows sorted by record id then position, fixed
timestamps inside the ZIP, so two exports of the same library on the same day
are byte-identical (the README's export date is the only thing that changes
from day to day; pass ``exported_on`` or set ``SOURCE_DATE_EPOCH`` to fix it).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nsc_workshop._cells import guard_text
from nsc_workshop._files import atomic_path
from nsc_workshop.errors import InvalidInput

if TYPE_CHECKING:
    from nsc_workshop.library.db import Library
    from nsc_workshop.library.deidentify import Deidentifier
    from nsc_workshop.library.record import LibraryRecord

__all__ = ["FIELDS", "FILES", "LICENCE_INFO", "csv_cell", "export_open_data", "guard_files", "open_data_files"]

_RECORD = "The id of the record (see records.csv) this row belongs to."
_POSITION = "The row's position within its record, from 1, in the order the workshop gave."

FILES: dict[str, str] = {
    "records.csv": "One row per published workshop: where and when it took place, what it was about, what it decided.",
    "actors.csv": "The actors (organisations, units, groups, roles) of each record's actor map.",
    "ties.csv": "The ties between the actors of each record's actor map.",
    "ideas.csv": "The ideas and sketches of each record's design sprint, with the dots they got.",
    "theory_of_change.csv": "The steps of each record's theory of change.",
    "indicators.csv": "The indicators of each record's theory of change.",
    "actions.csv": "The rows of each record's action plan.",
    "findings.csv": "What each record's tests with users found.",
    "how_might_we.csv": "The 'How might we...?' questions of each record, most voted first.",
    "sprint_questions.csv": "The sprint questions of each record.",
    "causes_effects.csv": "The causes and effects of each record's problem tree.",
}
"""Every CSV file of the export and what it holds (the README's list of files)."""

FIELDS: dict[str, dict[str, str]] = {
    "records.csv": {
        "id": "The record's id, stable across versions; the other files refer to it as record_id.",
        "version": "The record's version: 1 when first published, one more each time it is published again.",
        "published_at": "When this version was published (UTC, ISO 8601).",
        "title": "The workshop's title.",
        "summary": "A short summary of the workshop.",
        "city": "The city that ran the workshop.",
        "country": "The city's country.",
        "language": "The language of the record's texts (an ISO 639-1 code such as en, sv, no, da, fi, is).",
        "start_date": "The first day of the workshop (YYYY-MM-DD), empty if not given.",
        "end_date": "The last day of the workshop (YYYY-MM-DD), empty if not given.",
        "blueprint_areas": "The Nordic Safe Cities Blueprint areas the workshop addressed (ids, separated by ';').",
        "prevention_levels": "The prevention levels addressed: primary, secondary, tertiary (separated by ';').",
        "tags": "Free tags (separated by ';'; a ';' inside a tag is written as ',').",
        "status": "How far the idea went: idea, tested, piloted or evaluated.",
        "evidence": "The evidence behind it: none, inspiring, evaluated or peer_reviewed.",
        "contact_role": "Whom to ask, as a role (never a person's name).",
        "licence": "The licence of the record (an SPDX id; see LICENSE).",
        "derived_from": "The id of a record this workshop built on, empty if none.",
        "participants": "How many people took part (no names are ever published).",
        "recruitment": "How participants were recruited.",
        "problem_statement": "The problem the workshop worked on.",
        "wickedness": "The wickedness score of the problem (0-20), empty if not scored.",
        "point_of_view": "The point-of-view statement chosen.",
        "chosen_hmw": "The 'How might we...?' question the sprint took up.",
        "long_term_goal": "The sprint's long-term goal.",
        "chosen_concept": "The concept the team chose.",
        "decision_rationale": "Why the team chose it.",
        "prototype": "What the prototype was.",
        "outcomes": "What came of it.",
    },
    "actors.csv": {
        "record_id": _RECORD,
        "actor_id": "The actor's id within its record (ties.csv refers to it).",
        "name": "The actor's name; a person is shown by a pseudonym such as 'Person 1'.",
        "kind": "organisation, unit, group, role or person.",
        "sector": "The actor's sector, empty if not given.",
        "level": (
            "The actor's level: neighbourhood, local, regional, national, nordic, european or global; "
            "empty if not given."
        ),
        "influence": "Influence on the problem (0-10), empty if not scored.",
        "interest": "Interest in the problem (0-10), empty if not scored.",
        "power": "Salience: has power (true/false), empty if not assessed.",
        "legitimacy": "Salience: has legitimacy (true/false), empty if not assessed.",
        "urgency": "Salience: has urgency (true/false), empty if not assessed.",
        "stance": "The actor's stance towards the work: supports, neutral, opposes or unknown; empty if not given.",
    },
    "ties.csv": {
        "record_id": _RECORD,
        "tie_id": "The tie's id within its record.",
        "source": "The actor_id the tie goes from.",
        "target": "The actor_id the tie goes to.",
        "type": "The kind of tie (collaborates, funds, informs, conflict...).",
        "directed": "true if the tie goes one way (source to target), false if both ways.",
        "weight": "The tie's strength (a number above 0, up to 100; 1 by default).",
        "sign": "1 positive, 0 neutral, -1 negative (conflict, distrust).",
    },
    "ideas.csv": {
        "record_id": _RECORD,
        "idea_id": "The idea's id within its record.",
        "text": "The idea.",
        "kind": "note, crazy8, lightning_demo or sketch.",
        "theme": "The theme the team grouped it under, empty if none.",
        "votes": "How many dots it got (never who gave them).",
        "chosen": "true for the concept the team chose.",
    },
    "theory_of_change.csv": {
        "record_id": _RECORD,
        "position": _POSITION,
        "level": (
            "The step's level: input, activity, output, outcome_short, outcome_medium, outcome_long, impact "
            "or assumption."
        ),
        "text": "The step.",
    },
    "indicators.csv": {
        "record_id": _RECORD,
        "position": _POSITION,
        "name": "The indicator.",
        "baseline": "Its value at the start.",
        "target": "The value aimed for.",
        "data_source": "Where its values come from.",
    },
    "actions.csv": {
        "record_id": _RECORD,
        "position": _POSITION,
        "action": "The action.",
        "objective": "What it is for.",
        "lead": "Who leads it: an organisation or a role.",
        "timescale": "When.",
        "outcome": "What it is expected to bring.",
    },
    "findings.csv": {
        "record_id": _RECORD,
        "position": _POSITION,
        "text": "What a test with users found.",
        "valence": "positive, negative or neutral.",
        "pattern": "true if several users said or did the same.",
    },
    "how_might_we.csv": {
        "record_id": _RECORD,
        "position": _POSITION,
        "text": "A 'How might we...?' question.",
    },
    "sprint_questions.csv": {
        "record_id": _RECORD,
        "position": _POSITION,
        "text": "A sprint question: what could make the long-term goal fail.",
    },
    "causes_effects.csv": {
        "record_id": _RECORD,
        "kind": "cause or effect.",
        "position": "The row's position among the record's causes (or effects), from 1, in problem-tree order.",
        "text": "The cause or effect.",
    },
}
"""Every CSV file's columns, in order, with what each holds: the headers and the README come from here."""

LICENCE_INFO: dict[str, tuple[str, str]] = {
    "CC-BY-4.0": ("Creative Commons Attribution 4.0 International", "https://creativecommons.org/licenses/by/4.0/"),
    "CC-BY-SA-4.0": (
        "Creative Commons Attribution-ShareAlike 4.0 International",
        "https://creativecommons.org/licenses/by-sa/4.0/",
    ),
    "CC0-1.0": ("CC0 1.0 Universal (public domain dedication)", "https://creativecommons.org/publicdomain/zero/1.0/"),
}
"""Each licence a record may carry (SPDX id): its name and canonical URL."""

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_TITLE = "Nordic Safe Cities secretariat library: open data"


def csv_cell(value: Any) -> str:
    """A value as written in a CSV cell.

    Empty for None, ``true``/``false`` for booleans, numbers and dates as they
    are, lists joined by ``;``. Text is guarded by
    :func:`nsc_workshop._cells.guard_text`: a ``'`` before the start of the cell
    and of each item (after ``;``, ``,``, ``|``, a tab or a line break) that a
    spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, their
    full-width forms; at the start also a tab or a line break).

    >>> csv_cell("=1+1"), csv_cell(-1), csv_cell(["a", "b;c"]), csv_cell(["a", "-b"]), csv_cell(None), csv_cell(True)
    ("'=1+1", '-1', 'a;b,c', "a;'-b", '', 'true')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dt.date):  # datetimes too
        return value.isoformat()
    if isinstance(value, list | tuple):
        value = ";".join(str(v).replace(";", ",") for v in value)
    return guard_text(str(value))


def _records_rows(r: LibraryRecord) -> list[dict[str, Any]]:
    return [
        {
            "id": r.id,
            "version": r.version,
            "published_at": r.published_at,
            "title": r.title,
            "summary": r.summary,
            "city": r.city,
            "country": r.country,
            "language": r.language,
            "start_date": r.start_date,
            "end_date": r.end_date,
            "blueprint_areas": list(r.blueprint_areas),
            "prevention_levels": list(r.prevention_levels),
            "tags": list(r.tags),
            "status": r.status,
            "evidence": r.evidence,
            "contact_role": r.contact_role,
            "licence": r.licence,
            "derived_from": r.derived_from,
            "participants": sum(r.participants_by_role.values()),
            "recruitment": r.recruitment,
            "problem_statement": r.problem_statement,
            "wickedness": r.wickedness,
            "point_of_view": r.point_of_view,
            "chosen_hmw": r.chosen_hmw,
            "long_term_goal": r.long_term_goal,
            "chosen_concept": r.chosen_concept,
            "decision_rationale": r.decision_rationale,
            "prototype": r.prototype,
            "outcomes": r.outcomes,
        }
    ]


def _actors_rows(r: LibraryRecord) -> list[dict[str, Any]]:
    return [{"record_id": r.id, "actor_id": a.id, **a.model_dump(exclude={"id"})} for a in r.actors]


def _ties_rows(r: LibraryRecord) -> list[dict[str, Any]]:
    return [{"record_id": r.id, "tie_id": x.id, **x.model_dump(exclude={"id"})} for x in r.ties]


def _ideas_rows(r: LibraryRecord) -> list[dict[str, Any]]:
    return [{"record_id": r.id, "idea_id": i.id, **i.model_dump(exclude={"id"})} for i in r.ideas]


def _positioned(r: LibraryRecord, items: Iterable[Any]) -> list[dict[str, Any]]:
    return [
        {"record_id": r.id, "position": n, **(item.model_dump() if hasattr(item, "model_dump") else {"text": item})}
        for n, item in enumerate(items, start=1)
    ]


def _causes_effects_rows(r: LibraryRecord) -> list[dict[str, Any]]:
    return [
        {"record_id": r.id, "kind": kind, "position": n, "text": text}
        for kind, texts in (("cause", r.causes), ("effect", r.effects))
        for n, text in enumerate(texts, start=1)
    ]


_ROWS: dict[str, Callable[[LibraryRecord], list[dict[str, Any]]]] = {
    "records.csv": _records_rows,
    "actors.csv": _actors_rows,
    "ties.csv": _ties_rows,
    "ideas.csv": _ideas_rows,
    "theory_of_change.csv": lambda r: _positioned(r, r.theory_of_change),
    "indicators.csv": lambda r: _positioned(r, r.indicators),
    "actions.csv": lambda r: _positioned(r, r.actions),
    "findings.csv": lambda r: _positioned(r, r.findings),
    "how_might_we.csv": lambda r: _positioned(r, r.how_might_we),
    "sprint_questions.csv": lambda r: _positioned(r, r.sprint_questions),
    "causes_effects.csv": _causes_effects_rows,
}


def _csv_bytes(name: str, records: list[LibraryRecord]) -> bytes:
    columns = list(FIELDS[name])
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, dialect="excel", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    for record in records:
        for row in _ROWS[name](record):
            if set(row) != set(columns):  # pragma: no cover - a column added to the record but not to FIELDS
                raise AssertionError(f"{name}: columns {sorted(set(row) ^ set(columns))} differ from FIELDS")
            writer.writerow([csv_cell(row[c]) for c in columns])
    return buffer.getvalue().encode("utf-8")


def _export_date(exported_on: dt.date | None) -> dt.date:
    if exported_on is not None:
        return exported_on
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.datetime.now(dt.UTC).date()


def _readme(records: list[LibraryRecord], exported_on: dt.date) -> str:
    latest = max((r.published_at for r in records), default=None)
    cities = sorted({(r.city, r.country) for r in records})
    lines = [
        f"# {_TITLE}",
        "",
        f"- Date of export: {exported_on.isoformat()}",
        f"- Number of records: {len(records)}",
        f"- Cities: {len(cities)}" + (f" ({'; '.join(f'{c} ({k})' for c, k in cities)})" if cities else ""),
        f"- Latest publication included: {latest.isoformat() if latest else '-'}",
        "",
        "Workshops that cities of the Nordic Safe Cities alliance ran on preventing polarisation, hate and",
        "extremism, as published to the secretariat's library. Only records published as *public* are",
        "included. Records hold no participant's name: people appear as counts and roles, and a person",
        "on an actor map as a pseudonym ('Person 1').",
        "",
        "## How to cite",
        "",
        'A record: *<city>*, "*<title>*", Nordic Safe Cities secretariat library, record *<id>*',
        "version *<version>*, published *<published_at date>*, licensed under *<licence>*.",
        "",
        f"This export: Nordic Safe Cities secretariat library, open data export of {exported_on.isoformat()}",
        f"({len(records)} records). Each record's licence is in records.csv and in LICENSE.",
        "",
        "## Format",
        "",
        "- Every file is CSV (RFC 4180): UTF-8 without a byte-order mark, comma-separated, CRLF line ends,",
        '  a header row, fields quoted with `"` when they hold a comma, a quote or a line break (a quote',
        "  inside is doubled). Texts may span several lines.",
        "- Rows are sorted by record id, then by their position within the record.",
        "- Empty cell: no value. Booleans are `true` or `false`. Dates are `YYYY-MM-DD`, times ISO 8601 in UTC.",
        "- Lists inside one cell are separated by `;` (a `;` inside an item is written as `,`).",
        "- **Formula guard**: so that spreadsheets do not run a text as a formula, a `'` is written before",
        "  a text cell that starts with `=`, `+`, `-`, `@` (or their full-width forms `＝`, `＋`, `－`, `＠`),",
        '  a tab or a line break, also after spaces or `"`, and before each part of a cell that starts so',
        "  after a `;`, `,`, `|`, a tab or a line break (Excel in some languages splits lines on `;`).",
        "  Where the text already had `'` there, one more is written. Remove the `'` just before such a",
        "  start to get the original text. Numbers (such as a sign of -1) are written as they are.",
        "- This README and LICENSE are in English; the records' texts are in each record's `language`.",
        "",
        "## Files",
        "",
    ]
    for name, columns in FIELDS.items():
        lines += [f"### {name}", "", FILES[name], "", "| Column | Description |", "|---|---|"]
        lines += [f"| `{column}` | {text.replace('|', '/')} |" for column, text in columns.items()]
        lines.append("")
    lines += ["### LICENSE", "", "The licence of each record, with the record ids it applies to.", ""]
    return "\n".join(lines)


def _licence_text(records: list[LibraryRecord]) -> str:
    by_licence: dict[str, list[LibraryRecord]] = {}
    for record in records:
        by_licence.setdefault(record.licence, []).append(record)
    lines = [
        "Licences of the Nordic Safe Cities secretariat library open data",
        "",
        "Each record is published by the city that ran the workshop, under the licence shown below",
        "(and in the licence column of records.csv). The rows of every CSV file belong to the record",
        "named in their record_id column and carry that record's licence. This is a notice, not the",
        "legal code: the licence's full text is at its URL.",
        "",
        "When you reuse a record, credit the city and the record as README.md's 'How to cite' shows.",
        "",
    ]
    if not records:
        lines.append("This export holds no records.")
    for spdx in sorted(by_licence):
        name, url = LICENCE_INFO.get(spdx, (spdx, ""))
        group = sorted(by_licence[spdx], key=lambda r: r.id)
        lines += [f"{spdx}: {name}", f"  {url}", f"  Records ({len(group)}):"]
        lines += [f"    {r.id} ({r.city}, {r.country})" for r in group]
        lines.append("")
    return "\n".join(lines) + "\n"


def open_data_files(records: Iterable[LibraryRecord], *, exported_on: dt.date | None = None) -> dict[str, bytes]:
    """The export's files by name (README.md, LICENSE, then the CSV files), for public records only."""
    public = sorted((r for r in records if r.sensitivity == "public"), key=lambda r: r.id)
    files = {
        "README.md": _readme(public, _export_date(exported_on)).encode("utf-8"),
        "LICENSE": _licence_text(public).encode("utf-8"),
    }
    files.update({name: _csv_bytes(name, public) for name in FIELDS})
    return files


def guard_files(files: dict[str, bytes], search: Deidentifier | None = None) -> None:
    """The last guard over the open data: every cell of every CSV file searched again (NFC, casefold) for contact
    and identity data (names were replaced when each record was published, where the names were known).

    Anything found refuses the export, naming the file, row and column, never the value.
    """
    from nsc_workshop.errors import PrivacyError, Problem
    from nsc_workshop.i18n import t
    from nsc_workshop.library.deidentify import Deidentifier

    search = search or Deidentifier({})
    problems = []
    for name, data in files.items():
        if not name.endswith(".csv"):
            continue
        rows = csv.reader(io.StringIO(data.decode("utf-8")))
        header = next(rows, [])
        for number, row in enumerate(rows, start=2):
            for column, cell in zip(header, row, strict=False):
                kinds = search.leaks(cell)
                if kinds:
                    where = f"{name}, row {number}, {column}"
                    problems.append(Problem(where, ", ".join(t(f"library.kind.{k}") for k in kinds)))
    if problems:
        raise PrivacyError("error.library.leak", count=len(problems), problems=problems)


def export_open_data(library: Library, path: str | os.PathLike[str], *, exported_on: dt.date | None = None) -> Path:
    """Write the library's public records as open data to the ZIP file ``path``; returns its path.

    The file is written beside ``path`` first and then renamed, so a half-written
    ZIP never remains. Network records are never written.
    """
    target = Path(path)
    files = open_data_files(library.records(audience="public"), exported_on=exported_on)
    guard_files(files)
    try:
        with atomic_path(target) as tmp, zipfile.ZipFile(tmp, "w") as archive:
            for name, data in files.items():
                info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 3
                info.external_attr = 0o100644 << 16
                archive.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
            os.chmod(tmp, 0o644)  # open data: readable by all
    except OSError as exc:
        raise InvalidInput("library.opendata.unwritable", path=str(target), detail=exc.strerror or str(exc)) from None
    return target
