"""Reading and writing the JSON map formats (Kumu JSON, PRSM)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from nsc_workshop.io._base import ImportFormatError, replace_file

__all__ = ["decode_utf8", "dump_json", "load_json", "parse_json_text"]


def decode_utf8(data: bytes, name: str, *, cut_tail: bool = False) -> str:
    """UTF-8 text, with or without a byte order mark.

    With ``cut_tail``, a character cut off at the very end (a truncated file)
    is dropped, so that the damage is reported by what reads the text next.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if cut_tail and exc.start >= len(data) - 3:
            return data[: exc.start].decode("utf-8-sig")
        raise ImportFormatError("io.error.encoding", path=name, position=exc.start) from None


def parse_json_text(text: str, name: str) -> Any:
    """A JSON value; a syntax error names its line and column."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFormatError("io.error.json", path=name, line=exc.lineno, column=exc.colno, detail=exc.msg) from None
    except RecursionError:
        raise ImportFormatError("io.error.corrupt", path=name, detail="nested too deeply") from None
    except ValueError as exc:  # an integer with thousands of digits
        raise ImportFormatError("io.error.corrupt", path=name, detail=str(exc)[:200]) from None


def load_json(data: bytes, name: str) -> Any:
    return parse_json_text(decode_utf8(data, name), name)


def dump_json(document: Any, path: Path) -> Path:
    """Write JSON as UTF-8, indented (atomically)."""
    text = json.dumps(document, ensure_ascii=False, indent=1, allow_nan=False)
    return replace_file(path, text.encode("utf-8") + b"\n")
