"""The facilitator guide's links, anchors, commands and notebook names point at things that exist."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from nsc_workshop.cli import main

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "facilitator_guide"
PAGES = sorted(GUIDE.glob("*.md"))

_FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)
_INLINE_CODE = re.compile(r"(`+)(.+?)\1", re.DOTALL)
_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$", re.MULTILINE)
_COMMAND = re.compile(r"\bnsc-workshop[ \t]+([a-z][a-z-]*)(?:[ \t]+([a-z][a-z-]*))?")
_NOTEBOOK = re.compile(r"\b(\d\d_[A-Za-z0-9_]+\.ipynb)\b")


def _without_code(text: str) -> str:
    """The text with fenced blocks and inline code blanked out (links and headings there are not real)."""
    text = _FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    return _INLINE_CODE.sub("", text)


def _code_fragments(text: str) -> list[str]:
    """Every fenced block (backslash continuations joined) and inline code span."""
    blocks = [m.group(0) for m in _FENCE.finditer(text)]
    spans = [m.group(2) for m in _INLINE_CODE.finditer(_FENCE.sub("", text))]
    return [re.sub(r"\\\n\s*", " ", block) for block in blocks] + spans


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lowercase, punctuation except '-' and '_' removed, spaces to '-'.

    >>> slug("4. Innovation sprint"), slug("Power & interest"), slug("The `report` command")
    ('4-innovation-sprint', 'power--interest', 'the-report-command')
    """
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link's text only
    text = text.replace("`", "").replace("*", "")
    text = re.sub(r"[^\w\- ]", "", text.strip().lower())
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    """The anchors of a Markdown file's headings, repeated ones numbered as GitHub does (-1, -2...)."""
    seen: dict[str, int] = {}
    found: set[str] = set()
    for match in _HEADING.finditer(_without_code(path.read_text("utf-8"))):
        base = slug(match.group(2))
        count = seen.get(base, 0)
        seen[base] = count + 1
        found.add(base if count == 0 else f"{base}-{count}")
    return found


def links(path: Path) -> list[str]:
    return [m.group(1) for m in _LINK.finditer(_without_code(path.read_text("utf-8")))]


def _is_external(target: str) -> bool:
    return bool(re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE))


def _resolve(page: Path, target: str) -> tuple[Path, str | None]:
    file_part, _, anchor = target.partition("#")
    resolved = (page.parent / file_part).resolve() if file_part else page
    return resolved, anchor or None


def test_the_guide_has_pages():
    names = {p.name for p in PAGES}
    assert "README.md" in names
    assert len(names) >= 8, sorted(names)


def test_every_page_is_in_the_readme_contents():
    readme = (GUIDE / "README.md").read_text("utf-8")
    section = re.search(r"^## Contents\s*$(.*?)(?=^## |\Z)", readme, re.MULTILINE | re.DOTALL)
    assert section, "README.md needs a '## Contents' section"
    listed = {
        _resolve(GUIDE / "README.md", target)[0]
        for target in (m.group(1) for m in _LINK.finditer(_without_code(section.group(1))))
        if not _is_external(target)
    }
    missing = [p.name for p in PAGES if p.name != "README.md" and p.resolve() not in listed]
    assert missing == [], f"not linked from README.md's contents: {missing}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_links_are_relative(page):
    absolute = [t for t in links(page) if _is_external(t) or t.startswith("/")]
    assert absolute == [], f"{page.name}: the guide uses relative links only: {absolute}"


def _link_sources() -> list[tuple[Path, str]]:
    """Every link of the guide's pages, and the repository README's links into the guide."""
    pairs = [(page, target) for page in PAGES for target in links(page)]
    readme = ROOT / "README.md"
    pairs += [(readme, t) for t in links(readme) if "facilitator_guide" in t and not _is_external(t)]
    return pairs


def test_every_relative_link_points_to_an_existing_file():
    broken = [
        f"{page.name}: {target}"
        for page, target in _link_sources()
        if not _is_external(target) and not _resolve(page, target)[0].exists()
    ]
    assert broken == []


def test_every_anchor_points_to_a_heading():
    broken = []
    for page, target in _link_sources():
        if _is_external(target):
            continue
        path, anchor = _resolve(page, target)
        if anchor is None or not path.is_file() or path.suffix != ".md":
            continue
        if anchor not in anchors(path):
            broken.append(f"{page.name}: {target}")
    assert broken == [], f"anchors with no heading: {broken}"


def _commands() -> dict[str, click.Command]:
    return dict(main.commands)


def test_every_command_named_is_a_real_command():
    commands = _commands()
    library = commands["library"]
    assert isinstance(library, click.Group)
    wrong = []
    for page in PAGES:
        for match in _COMMAND.finditer(page.read_text("utf-8")):
            name, sub = match.group(1), match.group(2)
            if name not in commands:
                wrong.append(f"{page.name}: nsc-workshop {name}")
            elif name == "library" and sub not in library.commands:
                wrong.append(f"{page.name}: nsc-workshop library {sub}")
    assert wrong == [], f"not commands of the CLI: {wrong}"


def _options(command: click.Command) -> set[str]:
    return {opt for param in command.params for opt in (*param.opts, *param.secondary_opts)} | {"--help"}


def test_every_option_in_a_command_line_exists():
    """In code (blocks and spans), each ``--option`` after a command on its line belongs to that command."""
    commands = _commands()
    wrong = []
    for page in PAGES:
        for fragment in _code_fragments(page.read_text("utf-8")):
            for line in fragment.splitlines():
                match = _COMMAND.search(line)
                if not match or match.group(1) not in commands:
                    continue
                command = commands[match.group(1)]
                if isinstance(command, click.Group):
                    command = command.commands.get(match.group(2) or "", command)
                rest = line[match.end() :].split(" #", 1)[0]
                for option in re.findall(r"(?<![\w-])--[a-z][a-z-]*", rest):
                    if option not in _options(command):
                        wrong.append(f"{page.name}: {line.strip()} ({option})")
    assert wrong == []


def test_every_notebook_named_exists():
    notebooks = ROOT / "notebooks"
    missing = [
        f"{page.name}: {name}"
        for page in PAGES
        for name in _NOTEBOOK.findall(page.read_text("utf-8"))
        if not (notebooks / name).is_file()
    ]
    assert missing == []


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_pages_have_a_title_and_no_html(page):
    text = page.read_text("utf-8")
    assert text.startswith("# "), f"{page.name} starts with its title"
    tags = re.findall(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?>", _without_code(text))
    assert tags == [], f"{page.name} uses HTML: {tags}"


def test_slug_follows_github():
    assert slug("Consent and data protection") == "consent-and-data-protection"
    assert slug("6 How might we") == "6-how-might-we"
    assert slug("Power & interest") == "power--interest"
    assert slug("note_taker role") == "note_taker-role"
    assert slug("What's next?") == "whats-next"
