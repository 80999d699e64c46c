"""The facilitator's notes: from the catalogs, in the page's language, on the facilitator's page only."""

from __future__ import annotations

import ipywidgets as widgets
import nbformat
import pytest

from nsc_workshop.apps.actor_mapping import ActorMappingApp
from nsc_workshop.apps.library import LibraryApp
from nsc_workshop.apps.problem_framing import ProblemFramingApp
from nsc_workshop.datasets import SAMPLE_WORKSHOP_ID, load_sample, notebooks_dir
from nsc_workshop.i18n import available_languages, catalog, t, use_language
from nsc_workshop.library import build_record, open_library
from nsc_workshop.widgets._html import esc
from nsc_workshop.widgets.facilitator_notes import FacilitatorNotes, note_keys


def _texts(widget: widgets.Widget) -> list[str]:
    """Every text a widget tree would send to the page (HTML values, titles, descriptions)."""
    found: list[str] = []
    stack = [widget]
    while stack:
        item = stack.pop()
        for name in ("value", "description", "placeholder"):
            value = getattr(item, name, None)
            if isinstance(value, str):
                found.append(value)
        found.extend(str(title) for title in getattr(item, "titles", ()) or ())
        stack.extend(getattr(item, "children", ()) or ())
    return found


def _app(store, role: str):
    session = store.session(SAMPLE_WORKSHOP_ID, participant="p-1" if role == "participant" else role, role=role)
    return ProblemFramingApp(store, session)


@pytest.mark.parametrize("lang", available_languages())
def test_the_facilitator_sees_the_notes_in_the_page_language(sample_store, lang):
    with use_language(lang):
        app = _app(sample_store, "facilitator")
        try:
            assert isinstance(app.notes, FacilitatorNotes)
            assert app.notes.titles[0] == t("notes.title") and app.notes.layout.display != "none"
            assert t("notes.framing").split("\n")[0][:40] in app.notes.body.value.replace("&amp;", "&")
            app.show_step("pov")
            assert t("notes.framing.pov")[:40] in app.notes.body.value
        finally:
            app.stop_polling()
    if lang != "en":
        assert catalog(lang)["notes.framing.pov"] != catalog("en")["notes.framing.pov"]


@pytest.mark.parametrize("role", ["participant", "projector"])
def test_a_participant_or_the_projector_never_gets_the_notes(sample_store, role):
    app = _app(sample_store, role)
    try:
        assert app.notes is None
        sent = "\n".join(_texts(app))
        for key in [*note_keys("framing", "wickedness"), "notes.title"]:
            assert esc(t(key).split("\n")[0]) not in sent
        app.show_step("pov")
        assert esc(t("notes.framing.pov")) not in "\n".join(_texts(app))
    finally:
        app.stop_polling()


def test_actor_mapping_notes_follow_the_tab(sample_store):
    session = sample_store.session(SAMPLE_WORKSHOP_ID, participant="facilitator", role="facilitator")
    app = ActorMappingApp(sample_store, session)
    try:
        assert app.notes is not None
        app.show_step("influence")
        assert app.notes.body.value.count("<li>") == 5  # the app's five rounds
        assert t("notes.mapping.influence")[:40] in app.notes.body.value
    finally:
        app.stop_polling()


def test_library_notes_for_the_secretariat_only(tmp_path):
    library = open_library(tmp_path / "library.db")
    library.publish(build_record(load_sample()))
    secretariat = LibraryApp(library, secretariat=True)
    assert secretariat.notes is not None and t("notes.library.search")[:40] in secretariat.notes.body.value
    reader = LibraryApp(library, secretariat=False)
    assert reader.notes is None
    assert esc(t("notes.library.search")) not in "\n".join(_texts(reader))


def test_notes_are_escaped_text():
    notes = FacilitatorNotes("mapping", "map")
    assert "<ul>" in notes.body.value and "<script" not in notes.body.value


@pytest.mark.parametrize("name", ["00_home", "01_problem_framing", "02_actor_mapping", "03_innovation_sprint",
                                  "04_secretariat_library"])  # fmt: skip
def test_the_notebooks_keep_no_note(name):
    notebook = nbformat.read(notebooks_dir() / f"{name}.ipynb", as_version=4)
    assert [cell.cell_type for cell in notebook.cells] == ["code"]
    assert "NSC Workshop" in notebook.metadata["title"]
