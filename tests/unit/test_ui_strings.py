"""No user-facing string bypasses the catalog: the widgets and apps show only texts from ``t()``.

The scan reads the source of every widget and app module and looks at what
reaches the screen: the text of ``widgets.HTML``/``Label``/``Button``..., the
``description``, ``placeholder``, ``tooltip`` and ``title(s)`` of any widget,
the labels of ``options=[(label, value)]``, and the messages given to
``message_html``. A literal there with a word in it (outside HTML tags and
``{placeholders}``) is a string a translator could never reach.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "nsc_workshop"
MODULES = sorted([*ROOT.glob("widgets/*.py"), *ROOT.glob("apps/*.py")])

_WORD = re.compile(r"[^\W\d_]{2,}")
_MARKUP = re.compile(r"<[^>]*>|&[a-z]+;|&#\d+;|\{[^}]*\}|https?://\S*")
_SHOWN = {"description", "placeholder", "tooltip", "title", "titles", "button_text"}
_TEXT_WIDGETS = {"HTML", "HTMLMath", "Label", "Button", "Text", "Textarea", "Checkbox", "ToggleButton", "Accordion"}
_MESSAGES = {"message_html": 1, "error_text": 0}


def _literal(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return (_literal(node.left) or "") + " " + (_literal(node.right) or "")
    return None


def _words(text: str) -> bool:
    return bool(_WORD.search(_MARKUP.sub(" ", text)))


def _shown_literals(call: ast.Call) -> list[tuple[str, str]]:
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    out: list[tuple[str, str]] = []
    if name in _MESSAGES:
        index = _MESSAGES[name]
        if len(call.args) > index:
            text = _literal(call.args[index])
            if text is not None:
                out.append((name, text))
        return out
    if name in _TEXT_WIDGETS:
        out += [(f"{name}(…)", text) for a in call.args[:1] if (text := _literal(a)) is not None]
        values = [k.value for k in call.keywords if k.arg == "value"]
        out += [(f"{name}(value=)", text) for v in values if (text := _literal(v)) is not None]
    for keyword in call.keywords:
        if keyword.arg in _SHOWN:
            values = keyword.value.elts if isinstance(keyword.value, ast.List | ast.Tuple) else [keyword.value]
            out += [(f"{name}({keyword.arg}=)", text) for v in values if (text := _literal(v)) is not None]
        if keyword.arg == "options" and isinstance(keyword.value, ast.List | ast.Tuple):
            for option in keyword.value.elts:
                if isinstance(option, ast.Tuple) and option.elts and (text := _literal(option.elts[0])) is not None:
                    out.append((f"{name}(options=)", text))
    return out


def untranslated(source: str, where: str) -> list[str]:
    """Every literal with a word in it that reaches the screen, as ``file:line: call 'text'``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            for what, text in _shown_literals(node):
                if _words(text):
                    found.append(f"{where}:{node.lineno}: {what} {text[:60]!r}")
    return found


def test_the_scan_finds_a_literal_on_screen():
    bad = """
import ipywidgets as widgets
a = widgets.Button(description="Save")
b = widgets.HTML(f"<p>Hello {name}</p>")
c = widgets.Dropdown(options=[("Public", "public")], value="public")
d = message_html("info", "Saved.")
e = widgets.Text(placeholder="Your name")
"""
    good = """
import ipywidgets as widgets
a = widgets.Button(description=t("save"), icon="check")
b = widgets.HTML(f"<p>{esc(t('hello', name=name))}</p><hr>")
c = widgets.Dropdown(options=[(t("public"), "public")], value="public")
d = message_html("info", t("saved"))
e = widgets.Text(placeholder="https://")
f = widgets.HTML("<span>—</span> ✓ 1/2")
"""
    assert len(untranslated(bad, "bad.py")) == 5
    assert untranslated(good, "good.py") == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_user_facing_literal_in_widgets_and_apps(path: Path):
    assert untranslated(path.read_text("utf-8"), f"{path.parent.name}/{path.name}") == []
