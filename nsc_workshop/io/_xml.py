"""Parsing XML files from other tools safely, with the standard library only.

GEXF and GraphML never need a document type declaration, so any ``<!DOCTYPE``
is refused before it is read: no entity can be declared, hence none expanded
(no "billion laughs") and none fetched from outside (no XXE). The parser is
expat driven directly, feeding an ``ElementTree`` builder; element and
attribute names come out as ``{namespace}name``, as in ``ElementTree``.
(The bundled expat, 2.4.1 or newer, also caps entity amplification on its own.)
This keeps us free of a dependency on ``defusedxml``, which does the same.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import NoReturn
from xml.parsers import expat

__all__ = ["XmlError", "local", "parse_xml", "root_name"]


class XmlError(ValueError):
    """Not well-formed XML, or XML with a DOCTYPE; ``line`` and ``column`` say where."""

    def __init__(self, message: str, line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


class _Stop(Exception):
    pass


def _name(raw: str) -> str:
    ns, sep, local_name = raw.rpartition(" ")
    return f"{{{ns}}}{local_name}" if sep else raw


def _refuse_doctype(*_args: object) -> NoReturn:
    raise XmlError("the file declares a DOCTYPE, which map files never need (refused for safety)")


def _parser() -> expat.XMLParserType:
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.EntityDeclHandler = _refuse_doctype
    parser.UnparsedEntityDeclHandler = _refuse_doctype
    parser.ExternalEntityRefHandler = _refuse_doctype
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.buffer_text = True
    return parser


def parse_xml(data: bytes) -> ET.Element:
    """The root element of an XML document; raises :class:`XmlError`."""
    builder = ET.TreeBuilder()
    parser = _parser()
    names: dict[str, str] = {}  # expat's "namespace name" → "{namespace}name", made once per name

    def name_of(raw: str) -> str:
        found = names.get(raw)
        if found is None:
            found = names[raw] = _name(raw)
        return found

    def start(name: str, attrs: dict[str, str]) -> None:
        for key in attrs:
            if " " in key:  # a namespaced attribute: rename them all
                attrs = {name_of(k): v for k, v in attrs.items()}
                break
        builder.start(name_of(name), attrs)

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda name: builder.end(name_of(name))
    parser.CharacterDataHandler = builder.data
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise XmlError(expat.ErrorString(exc.code), exc.lineno, exc.offset + 1) from None
    except RecursionError:
        raise XmlError("the file nests elements too deeply") from None
    return builder.close()


def root_name(data: bytes) -> str | None:
    """The local name of the root element (``gexf``, ``graphml``), or None if it is not XML.

    A DOCTYPE raises :class:`XmlError`, as in :func:`parse_xml`.
    """
    found: list[str] = []
    parser = _parser()

    def start(name: str, _attrs: object) -> None:
        found.append(local(_name(name)))
        raise _Stop

    parser.StartElementHandler = start
    try:
        parser.Parse(data, True)
    except _Stop:
        pass
    except expat.ExpatError:
        return None
    return found[0] if found else None


def local(tag: str) -> str:
    """A name without its namespace: ``{http://gexf.net/1.3}node`` → ``node``."""
    return tag.rpartition("}")[2]
