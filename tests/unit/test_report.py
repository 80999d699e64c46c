"""The printable report: every section, every figure inline, participants' text escaped, a PDF that prints."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from nsc_workshop import open_store
from nsc_workshop.cli import main
from nsc_workshop.datasets import SAMPLE_WORKSHOP_ID, load_sample
from nsc_workshop.errors import InvalidInput, NscWorkshopError
from nsc_workshop.i18n import catalog, t, use_language
from nsc_workshop.model import Workshop
from nsc_workshop.report import SECTIONS, find_browser, report_format, workshop_report_html, write_report
from nsc_workshop.testing import cli_invoker

SCRIPT = "<script>alert(1)</script>"
SAMPLE_FIGURES = 12
"""wickedness, problem tree, HMW votes, network, towers, grid, sector matrix, votes, impact/effort, DFV,
storyboard, theory of change."""
PAGES_COPY = (
    Path(os.environ.get("NSC_SCREENSHOTS") or Path(__file__).parents[2] / ".ci" / "out" / "screenshots")
    / "report"
    / "pdf-pages"
)
"""The printed PDF's pages, kept with the browser tests' screenshots (the folder the CI run keeps)."""


def require_browser() -> str:
    """The Chromium to print with: missing, the test is skipped, or fails when NSC_REQUIRE_BROWSER=1."""
    browser = find_browser()
    if browser is None:
        if os.environ.get("NSC_REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium is required (NSC_REQUIRE_BROWSER=1) but none was found")
        pytest.skip("no Chromium to print the PDF with")
    return browser


@pytest.fixture(scope="module")
def sample_html() -> str:
    return workshop_report_html(load_sample(), language="en")


def test_every_section_and_every_figure(sample_html):
    with use_language("en"):
        for key in SECTIONS:
            assert f"<h2>{t(f'report.section.{key}')}</h2>" in sample_html
        labels = [t("report.framing.wickedness"), t("report.framing.iceberg"), t("report.framing.whys"),
                  t("report.map.key_figures"), t("report.sprint.decision"), t("report.sprint.storyboard")]  # fmt: skip
    for label in labels:
        assert label in sample_html
    images = re.findall(r"<img [^>]*>", sample_html)
    assert len(images) == SAMPLE_FIGURES
    assert all('src="data:image/svg+xml;base64,' in img for img in images)  # vector figures
    assert len(set(images)) == SAMPLE_FIGURES  # twelve different figures
    assert sample_html.count("<section") == 1 + len(SECTIONS)
    assert "Restricted" not in sample_html and "Alliance network only" in sample_html  # the sample is 'network'
    assert "Varnholm, Norway" in sample_html and "Digital first-aiders with a back-up line" in sample_html


def test_each_figure_is_drawn_once_per_state_of_the_workshop(monkeypatch):
    from nsc_workshop.report import _html

    _html.clear_figure_cache()
    drawn: list[str] = []
    real = _html.figure_src
    monkeypatch.setattr(_html, "figure_src", lambda fig, *a: drawn.append(fig.get_suptitle()) or real(fig, *a))
    progress: list[tuple[int, int]] = []
    workshop = load_sample()
    first = workshop_report_html(workshop, language="en", progress=lambda done, total: progress.append((done, total)))
    assert len(drawn) == SAMPLE_FIGURES
    assert progress == [(k, SAMPLE_FIGURES) for k in range(1, SAMPLE_FIGURES + 1)]
    again = workshop_report_html(workshop, language="en")  # the same workshop (or its PDF): nothing drawn
    assert again == first and len(drawn) == SAMPLE_FIGURES
    workshop_report_html(workshop, language="sv")  # another language: drawn again, in that language
    assert len(drawn) == 2 * SAMPLE_FIGURES
    data = workshop.model_dump(mode="json")
    data["meta"]["title"] = "Another title"
    changed = workshop_report_html(Workshop.model_validate(data), language="en")
    assert len(drawn) == 3 * SAMPLE_FIGURES and changed != first


def test_png_figures_on_request_and_a_failing_figure_is_left_out(monkeypatch):
    from nsc_workshop import plots

    png = workshop_report_html(load_sample(), language="en", fmt="png", dpi=20)
    assert png.count('src="data:image/png;base64,') == SAMPLE_FIGURES
    with pytest.raises(ValueError, match="format"):
        workshop_report_html(load_sample(), fmt="gif")

    def broken(*args, **kwargs):
        raise RuntimeError("no towers today")

    monkeypatch.setattr(plots, "influence_towers", broken)
    page = workshop_report_html(load_sample(), language="en", fmt="png", dpi=21)
    assert page.count("<img") == SAMPLE_FIGURES - 1 and "figure-towers" not in page


def test_the_page_is_self_contained(sample_html):
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", sample_html)
    assert "<link" not in sample_html and "@import" not in sample_html and "url(" not in sample_html
    assert "<script" not in sample_html  # no script at all: nothing runs when the report is opened


def test_labels_come_from_the_catalog(sample_html):
    english = catalog("en")
    used = set(re.findall(r"\bt\(\"(report\.[a-z_.]+)\"", Path(__file__).read_text("utf-8")))
    assert used <= set(english)
    with use_language("en"):
        assert t("report.contents") in sample_html
        assert t("report.cover.areas") in sample_html
    assert not re.search(r">report\.[a-z_.]+<", sample_html)  # no key left untranslated


def _with_script() -> Workshop:
    """The sample with a script typed into a statement, a note, an actor, an idea, a sketch and the plan."""

    def change(items: list[dict], item_id: str | None, **fields: str) -> None:
        for item in items:
            if item_id is None or item["id"] == item_id:
                item.update(fields)

    data = load_sample().model_dump(mode="json")  # collections are lists of items with an id
    data["meta"]["sensitivity"] = "restricted"
    data["framing"]["problem_statement"] = SCRIPT
    change(data["framing"]["iceberg_notes"], data["framing"]["iceberg_notes"][0]["id"], text=SCRIPT)
    change(data["actors"], "act_prevention_coordinator", name=SCRIPT)  # the most central: named in the findings
    change(data["sprint"]["ideas"], "idea_03", text=SCRIPT)  # an idea with dots: in the decision's table
    change(data["sprint"]["sketches"], "sk_01", title=SCRIPT)  # the chosen concept
    change(data["sprint"]["actions"], None, lead=SCRIPT + "x" * 80)
    return Workshop.model_validate(data)


def test_what_participants_typed_is_escaped():
    page = workshop_report_html(_with_script(), dpi=20)
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("&lt;script&gt;") >= 6  # statement, iceberg, actor (findings and table), idea, concept, plan
    assert "Restricted — do not share outside the city" in page
    assert "x" * 21 not in page  # a very long word gets break opportunities: it cannot push a table off the page


def test_an_empty_workshop_says_so_in_each_section():
    empty = Workshop.model_validate({"id": "empty-1", "meta": {"title": "Empty", "city": "Varnholm", "country": "NO"}})
    page = workshop_report_html(empty)
    with use_language("en"):
        assert page.count(t("report.empty")) == len(SECTIONS)
    assert "<img" not in page


def test_the_language_is_the_workshops_own_unless_asked():
    data = load_sample().model_dump(mode="json")
    data["meta"]["language"] = "zz"  # no catalog for it: English
    page = workshop_report_html(Workshop.model_validate(data), dpi=20)
    assert '<html lang="en">' in page
    with use_language("en"):
        assert f"<h2>{t('report.section.framing')}</h2>" in page
    assert '<html lang="en">' in workshop_report_html(load_sample(), language="en", dpi=20)


@pytest.mark.parametrize("language", ["sv", "da", "nb", "fi"])
def test_the_report_in_each_nordic_language(language):
    data = load_sample().model_dump(mode="json")
    data["meta"]["language"] = language
    page = workshop_report_html(Workshop.model_validate(data), dpi=20)
    assert f'<html lang="{language}">' in page
    for section in ("framing", "actors"):
        heading = t(f"report.section.{section}", lang=language)
        assert heading != t(f"report.section.{section}", lang="en")
        assert f"<h2>{heading}</h2>" in page
    area = t("dataset.blueprint_areas.digital.label", lang=language)
    assert area in page  # the datasets' labels too


def test_the_file_type_comes_from_the_suffix(tmp_path):
    assert report_format("a.HTML") == "html" and report_format("a.pdf") == "pdf"
    with pytest.raises(InvalidInput) as info:
        write_report(load_sample(), tmp_path / "report.docx")
    assert ".html or .pdf" in str(info.value)
    assert not (tmp_path / "report.docx").exists()


def test_without_chromium_the_message_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("NSC_CHROMIUM", str(tmp_path / "no-such-browser"))
    monkeypatch.setenv("PATH", str(tmp_path))
    empty = Workshop.model_validate({"id": "empty-1", "meta": {"title": "Empty", "city": "Varnholm", "country": "NO"}})
    with pytest.raises(NscWorkshopError) as info:
        write_report(empty, tmp_path / "report.pdf")
    assert info.value.key == "report.error.no_browser"
    assert "Install Chromium" in str(info.value) and ".html" in str(info.value)
    assert list(tmp_path.iterdir()) == []  # nothing half-written


@pytest.mark.slow
def test_the_sample_prints_to_a_pdf_with_its_figures(tmp_path):
    require_browser()
    pdfium = pytest.importorskip("pypdfium2")
    import numpy as np

    out = write_report(load_sample(), tmp_path / "sample.pdf", language="en")
    assert out.read_bytes()[:5] == b"%PDF-"
    pdf = pdfium.PdfDocument(str(out))
    try:
        count = len(pdf)
        assert count >= 3
        shutil.rmtree(PAGES_COPY, ignore_errors=True)
        PAGES_COPY.mkdir(parents=True, exist_ok=True)
        image_shares = []
        for index in range(count):
            page = pdf[index]
            bitmap = page.render(scale=100 / 72)  # 100 dpi
            image = bitmap.to_pil().convert("L")
            page.close()
            name = f"page-{index + 1:02d}.png"
            image.save(tmp_path / name)
            shutil.copy(tmp_path / name, PAGES_COPY / name)
            pixels = np.asarray(image, dtype=float)
            assert pixels.std() > 5, f"page {index + 1} is blank"
            image_shares.append(float((pixels < 235).mean()))  # how much of the page is ink
    finally:
        pdf.close()
    assert max(image_shares) > 0.15  # a figure page: a large non-white area (the actor map, the grid...)
    assert sum(share > 0.1 for share in image_shares) >= 4


@pytest.fixture
def run(nsc_store_url):
    store = open_store(nsc_store_url)
    store.import_workshop(load_sample())
    store.close()
    return cli_invoker(main, nsc_store_url)


def test_cli_writes_html(run, tmp_path):
    out = tmp_path / "report.html"
    done = run("report", SAMPLE_WORKSHOP_ID, "--out", str(out), "--lang", "en")
    assert done.exit_code == 0, done.output
    assert str(out) in done.output
    page = out.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.count("<img") == SAMPLE_FIGURES


@pytest.mark.slow
def test_cli_writes_pdf(run, tmp_path):
    require_browser()
    out = tmp_path / "report.pdf"
    done = run("report", SAMPLE_WORKSHOP_ID, "--out", str(out))
    assert done.exit_code == 0, done.output
    assert out.read_bytes()[:5] == b"%PDF-"


def test_cli_errors_are_messages(run, tmp_path):
    bad = run("report", SAMPLE_WORKSHOP_ID, "--out", str(tmp_path / "report.txt"))
    assert bad.exit_code == 1
    assert ".html or .pdf" in bad.output and "Traceback" not in bad.output
    missing = run("report", "no-such-workshop", "--out", str(tmp_path / "report.html"))
    assert missing.exit_code == 1
    assert "no-such-workshop" in missing.output and "Traceback" not in missing.output
    assert [p.name for p in tmp_path.iterdir() if "report" in p.name] == []


def test_two_processes_draw_the_same_report_as_one():
    from nsc_workshop.report import _html

    if not _html.can_fork():
        pytest.skip("this process may not fork (threads are running)")
    workshop = load_sample()
    _html.clear_figure_cache()
    done: list[int] = []
    forked = workshop_report_html(workshop, language="da", workers=2, progress=lambda k, total: done.append(k))
    assert sorted(done) == list(range(1, SAMPLE_FIGURES + 1))
    _html.clear_figure_cache()
    here = workshop_report_html(workshop, language="da", workers=1)
    assert forked == here and forked.count("<img") == SAMPLE_FIGURES
