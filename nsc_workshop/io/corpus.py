"""A folder of map files from the peer tools, each checked against what it should give.

Each file (or CSV folder) ``name`` has a ``name.expected.json`` beside it
(see ``tests/data/io/corpus/README.md``): the format detected, the actors, ties
and adaptations (warnings) the import gives, texts the warnings mention, and
field values of some actors and ties. :func:`check_corpus` imports every file,
compares, checks that a strict import refuses exactly the files that needed
adapting, and writes the imported map in every format and reads it back,
listing what a round trip lost. The kit's tests run it on its own corpus; a
city can run it on its own files:

>>> import pathlib
>>> folder = pathlib.Path(__file__).resolve().parents[2] / "tests" / "data" / "io" / "corpus"
>>> results = check_corpus(folder) if folder.is_dir() else []
>>> [r.name for r in results if not r.ok]
[]
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nsc_workshop.errors import Problem
from nsc_workshop.io._api import FORMATS, read_map, write_map
from nsc_workshop.io._base import ImportFormatError
from nsc_workshop.io._detect import detect_format
from nsc_workshop.model import Workshop

__all__ = ["EXPECTED_SUFFIX", "CorpusResult", "check_corpus", "corpus_table", "map_differences"]

EXPECTED_SUFFIX = ".expected.json"
_FILE_NAMES = {"bundle": "map.json", "csv": "pair.zip", "kumu-json": "kumu.json", "excel": "workshop.xlsx"}


@dataclass
class CorpusResult:
    """What one file gave: counts, what differed from its expected file, and each format's round-trip losses."""

    name: str
    format: str = ""
    actors: int = 0
    ties: int = 0
    warnings: list[str] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)
    losses: dict[str, list[str]] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.mismatches and not any(self.losses.values())


def map_differences(expected: Workshop, actual: Workshop) -> list[str]:
    """Every actor and tie field that differs (ids included), custom attributes with their types."""
    out: list[str] = []
    for kind, mine, theirs in (("actor", expected.actors, actual.actors), ("tie", expected.ties, actual.ties)):
        missing = [key for key in mine if key not in theirs]
        extra = [key for key in theirs if key not in mine]
        if missing:
            out.append(f"{kind}s missing: {', '.join(missing[:5])}")
        if extra:
            out.append(f"{kind}s added: {', '.join(extra[:5])}")
        for key, item in mine.items():
            other = theirs.get(key)
            if other is None:
                continue
            for name in type(item).model_fields:
                if name != "attributes" and getattr(other, name) != getattr(item, name):
                    out.append(f"{kind} {key}: {name} {getattr(item, name)!r} -> {getattr(other, name)!r}")
            attributes: Mapping[str, Any] = item.attributes
            others: Mapping[str, Any] = other.attributes
            for name in sorted(set(attributes) | set(others)):
                a, b = attributes.get(name, "<none>"), others.get(name, "<none>")
                if a != b or type(a) is not type(b):
                    out.append(f"{kind} {key}: attribute {name!r} {a!r} -> {b!r}")
    return out


def _by_name(workshop: Workshop) -> dict[str, Any]:
    return {actor.name: actor for actor in workshop.actors.values()}


def _value(item: Any, path: str) -> Any:
    if path.startswith("attributes."):
        return item.attributes.get(path.removeprefix("attributes."), "<none>")
    return getattr(item, path, "<no such field>")


def _compare(expected: Mapping[str, Any], workshop: Workshop, fmt: str, warnings: list[Problem]) -> list[str]:
    out: list[str] = []
    got = {"format": fmt, "actors": len(workshop.actors), "ties": len(workshop.ties), "warnings": len(warnings)}
    for key, value in got.items():
        if key in expected and expected[key] != value:
            out.append(f"{key}: expected {expected[key]!r}, got {value!r}")
    texts = [str(w).casefold() for w in warnings]
    for text in expected.get("mentions", []):
        if not any(text.casefold() in w for w in texts):
            out.append(f"no warning mentions {text!r}")
    names = _by_name(workshop)
    for name, fields in expected.get("actor", {}).items():
        actor = names.get(name)
        if actor is None:
            out.append(f"no actor named {name!r}")
            continue
        for path, value in fields.items():
            if _value(actor, path) != value:
                out.append(f"actor {name!r}: {path} expected {value!r}, got {_value(actor, path)!r}")
    for spec in expected.get("tie", []):
        source, target = names.get(spec["from"]), names.get(spec["to"])
        tie = next(
            (
                t
                for t in workshop.ties.values()
                if source is not None and target is not None and (t.source, t.target) == (source.id, target.id)
            ),
            None,
        )
        if tie is None:
            out.append(f"no tie from {spec['from']!r} to {spec['to']!r}")
            continue
        for path, value in spec.items():
            if path not in ("from", "to") and _value(tie, path) != value:
                out.append(
                    f"tie {spec['from']!r} -> {spec['to']!r}: {path} expected {value!r}, got {_value(tie, path)!r}"
                )
    return out


def _round_trips(workshop: Workshop, formats: Iterable[str]) -> dict[str, list[str]]:
    losses: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory(prefix="nsc-corpus-") as folder:
        for fmt in formats:
            name = _FILE_NAMES.get(fmt, f"map{FORMATS[fmt].extensions[0]}")
            found: list[Problem] = []
            try:
                back = read_map(write_map(workshop, Path(folder) / name, fmt), fmt, warnings=found)
            except ImportFormatError as exc:
                losses[fmt] = [f"refused: {exc}"[:300]]
                continue
            lost = map_differences(workshop, back)
            lost.extend(f"adapted: {w}" for w in found)
            losses[fmt] = lost
    return losses


def check_corpus(folder: str | Path, formats: Iterable[str] | None = None) -> list[CorpusResult]:
    """Import every file of ``folder`` that has an expected file, compare, and round-trip it through ``formats``.

    ``formats``: every format by default.
    """
    root = Path(folder)
    chosen = list(formats) if formats is not None else list(FORMATS)
    results: list[CorpusResult] = []
    for spec_path in sorted(root.glob(f"*{EXPECTED_SUFFIX}")):
        name = spec_path.name.removesuffix(EXPECTED_SUFFIX)
        target = root / name
        result = CorpusResult(name)
        results.append(result)
        expected = json.loads(spec_path.read_text("utf-8"))
        warnings: list[Problem] = []
        start = time.perf_counter()
        try:
            result.format = detect_format(target)
            workshop = read_map(target, warnings=warnings)
        except ImportFormatError as exc:
            result.mismatches.append(f"refused: {exc}"[:500])
            continue
        result.seconds = time.perf_counter() - start
        result.actors, result.ties = len(workshop.actors), len(workshop.ties)
        result.warnings = [str(w) for w in warnings]
        result.mismatches.extend(_compare(expected, workshop, result.format, warnings))
        try:
            read_map(target, strict=True)
            if warnings:
                result.mismatches.append("a strict import did not refuse it")
        except ImportFormatError:
            if not warnings:
                result.mismatches.append("a strict import refused it, with nothing to adapt")
        result.losses = _round_trips(workshop, chosen)
    return results


def corpus_table(results: Iterable[CorpusResult]) -> str:
    """A plain-text table: fixture, format, imported actors/ties, warnings, round-trip losses, import time."""
    rows = [("fixture", "format", "actors", "ties", "warnings", "round-trip losses", "checks", "import ms")]
    for r in results:
        lost = sum(len(v) for v in r.losses.values())
        where = ", ".join(f"{fmt} {len(v)}" for fmt, v in r.losses.items() if v)
        rows.append(
            (
                r.name,
                r.format,
                str(r.actors),
                str(r.ties),
                str(len(r.warnings)),
                f"{lost} ({where})" if lost else "0",
                "ok" if not r.mismatches else f"{len(r.mismatches)} differ",
                f"{r.seconds * 1000:.1f}",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
