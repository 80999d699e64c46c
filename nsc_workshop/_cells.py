"""The one guard for every spreadsheet cell the kit writes (CSV and XLSX), and its undoing on import.

A spreadsheet (Excel, LibreOffice, Google Sheets, Numbers) runs a cell that
starts with ``=``, ``+``, ``-`` or ``@`` as a formula, and so a text typed by a
participant (``=HYPERLINK(...)``, ``@SUM(1+1)*cmd|' /C calc'!A0``) would run
on the facilitator's computer (formula or DDE injection). :func:`guard_cell`
puts an apostrophe, the spreadsheets' own "this is text" mark, before every
place where a cell could start:

- the start of the text. Risky there: ``=``, ``+``, ``-``, ``@``, their
  full-width forms (``＝``, ``＋``, ``－``, ``＠``, which East Asian input
  methods type), a tab, a carriage return or a line feed, also after leading
  spaces or double quotes (spreadsheets may trim spaces; a ``"`` opens a quoted
  field when the file is split on another separator than ours);
- the start of every item after ``;``, ``,``, ``|``, a tab or a line break:
  the items of a list joined into one cell, and the places where a spreadsheet
  splits a line it reads with another separator than the writer's (Excel in
  Nordic languages splits CSV lines on ``;``: ``a;=1+1`` would be the two cells
  ``a`` and ``=1+1``; a quote it does not take as quoting lets a line break
  start a new row). Risky there: ``=``, ``+``, ``-``, ``@`` and their
  full-width forms, also after spaces or double quotes.

Only text is guarded: whether a value is a number is decided by its type, not
by how it looks. ``-12.5`` written as a number (a float, an int) stays a
number; the text ``"-12"`` or ``"+47 412 34 567"`` (a phone number) is text,
which a spreadsheet would turn into a formula or a number, so it is guarded.
Booleans, dates and None are returned as they are.

The guard is undone exactly by :func:`unguard_cell`, which the kit's readers
apply to every text cell they read (Gephi CSV, Kumu, PRSM and Excel
workbooks), so ``=x`` survives a round trip as ``=x``. To make that exact, a
text whose risky character is preceded by apostrophes gets one more
(``'=x`` is written ``''=x``), and an apostrophe is removed on reading only
where the guard would have put one. A file from another tool holding such an
apostrophe (``'=x``) is read as the text the apostrophe protects (``=x``).

This module imports nothing from the kit: every layer may use it.

>>> guard_cell("=1+1"), guard_cell("a;=1+1"), guard_cell(-12.5), guard_cell("+47 412 34 567")
("'=1+1", "a;'=1+1", -12.5, "'+47 412 34 567")
>>> unguard_cell(guard_cell("'=x|-y")) == "'=x|-y"
True
"""

from __future__ import annotations

import re
from typing import TypeVar

__all__ = ["CELL_SEPARATORS", "FORMULA_STARTS", "guard_cell", "guard_text", "unguard_cell", "unguard_text"]

FORMULA_STARTS = "=+-@\uff1d\uff0b\uff0d\uff20"
"""What makes a spreadsheet read a cell as a formula: ``=``, ``+``, ``-``, ``@`` and their full-width forms."""

CELL_SEPARATORS = ",;|\t\r\n"
"""Characters after which a spreadsheet may start a new cell or row (or a list its next item)."""

_BREAKS = "\t\r\n"
"""Risky at the very start of a cell only (a cell starting with a tab or a line break)."""

# Before the risky character: the apostrophes a guard may have put (skipped first, so that one
# more apostrophe never changes the verdict: what makes the guard reversible), then spaces
# (whitespace that is not a separator) and double quotes.
_LEAD = r"'*(?:[^\S\t\r\n]|\")*"
_AT_FIRST = f"(?={_LEAD}[{re.escape(FORMULA_STARTS + _BREAKS)}])"
_AT_LATER = f"(?={_LEAD}[{re.escape(FORMULA_STARTS)}])"
_AFTER_SEPARATOR = f"(?<=[{re.escape(CELL_SEPARATORS)}])"
_RISKY = re.compile(f"^{_AT_FIRST}|{_AFTER_SEPARATOR}{_AT_LATER}")
"""The places to guard: empty matches, where :func:`guard_text` puts an apostrophe."""
_GUARD = re.compile(f"^'{_AT_FIRST}|{_AFTER_SEPARATOR}'{_AT_LATER}")
"""The apostrophes :func:`guard_text` put, which :func:`unguard_text` removes."""
_MAYBE = re.compile(f"[{re.escape(FORMULA_STARTS + _BREAKS)}]")

T = TypeVar("T")


def guard_text(text: str) -> str:
    """``text`` with an apostrophe at every place a spreadsheet could start a formula (see the module)."""
    if not _MAYBE.search(text):  # most texts: nothing to do
        return text
    return _RISKY.sub("'", text)


def unguard_text(text: str) -> str:
    """The text :func:`guard_text` was given: ``unguard_text(guard_text(x)) == x`` for every text."""
    if "'" not in text:
        return text
    return _GUARD.sub("", text)


def guard_cell(value: T) -> T | str:
    """A value made safe for a spreadsheet cell: text guarded (:func:`guard_text`), anything else as it is."""
    return guard_text(value) if isinstance(value, str) else value


def unguard_cell(value: T) -> T | str:
    """A cell as read from a spreadsheet file, with the guard of :func:`guard_cell` undone; not text: as it is."""
    return unguard_text(value) if isinstance(value, str) else value
