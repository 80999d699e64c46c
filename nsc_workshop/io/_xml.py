"""Parsing XML files from other tools safely, with the standard library only.

GEXF and GraphML never need a document type declaration, so any ``<!DOCTYPE``
is refused before it is read: no entity can be declared, hence none expanded
(no "billion laughs") and none fetched from outside (no XXE). Our own expat
parser reads the prolog (a DOCTYPE can stand only there) and refuses one;
the document is then built by ElementTree's C parser (expat as well); element
and attribute names come out as ``{namespace}name``.
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
    """The root element of an XML document; raises :class:`XmlError`.

    The prolog (all before the root element, the only place a DOCTYPE can
    stand) is read first by our own expat parser, which refuses a DOCTYPE;
    then the document is built by ElementTree's parser (expat too, with its
    handlers in C: several times faster on a large map).
    """
    _refuse_prolog_doctype(data)
    parser = ET.XMLParser()
    try:
        parser.feed(data)
        return parser.close()
    except ET.ParseError as exc:
        line, column = exc.position
        raise XmlError(expat.ErrorString(exc.code), line, column + 1) from None


def _refuse_prolog_doctype(data: bytes) -> None:
    parser = _parser()

    def start(_name: str, _attrs: object) -> None:
        raise _Stop

    parser.StartElementHandler = start
    try:
        parser.Parse(data, True)
    except _Stop:
        pass
    except expat.ExpatError as exc:
        raise XmlError(expat.ErrorString(exc.code), exc.lineno, exc.offset + 1) from None


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
