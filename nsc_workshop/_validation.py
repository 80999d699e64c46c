"""Turning pydantic's validation errors into :class:`~nsc_workshop.errors.Problem` s."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from nsc_workshop.errors import Problem

__all__ = ["problems_from"]


def problems_from(exc: ValidationError, root: str, raw: Any = None) -> list[Problem]:
    """Pydantic's errors with paths such as ``workshop.ties[3].target``.

    Collections are validated keyed by item id; given the ``raw`` input, an id
    in a path is turned back into the item's position in the list.
    """
    out = []
    for err in exc.errors(include_url=False):
        path, node = root, raw
        for part in err["loc"]:
            if isinstance(node, list) and isinstance(part, str):
                index = next(
                    (i for i, x in enumerate(node) if isinstance(x, Mapping) and x.get("id") == part),
                    None,
                )
                if index is None and part.startswith("#") and part[1:].isdigit():
                    index = int(part[1:])
                if index is not None:
                    part = index
            if isinstance(part, int):
                path += f"[{part}]"
                node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            else:
                path += f".{part}" if path else str(part)
                node = node.get(part) if isinstance(node, Mapping) else None
        if err["type"] == "duplicate_id":
            path += f"[{err.get('ctx', {}).get('index')}].id"
        out.append(Problem(path, _plain(err)))
    return out


_PLAIN = {
    "extra_forbidden": "unknown field",
    "missing": "required field is missing",
    "string_unicode": "must be text without broken characters (a lone surrogate)",
    "finite_number": "must be a finite number (not NaN or infinity)",
}


def _plain(err: Any) -> str:
    """Pydantic's message, in plainer words where they are technical."""
    return str(_PLAIN.get(err["type"], err["msg"]))
