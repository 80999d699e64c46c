"""One widget pattern: panels declared once and made lazily, one "syncing" flag, one way to learn about changes."""

from __future__ import annotations

import pytest

from nsc_workshop.apps.actor_mapping import ActorMappingApp
from nsc_workshop.apps.innovation_sprint import DECIDE_STEPS, STEPS, InnovationSprintApp
from nsc_workshop.apps.library import LibraryApp
from nsc_workshop.apps.problem_framing import STEPS as FRAMING_STEPS
from nsc_workshop.apps.problem_framing import ProblemFramingApp
from nsc_workshop.datasets import SAMPLE_WORKSHOP_ID, load_sample
from nsc_workshop.library import open_library
from nsc_workshop.testing import synthetic_records
from nsc_workshop.widgets._lazy import LazyPanels, lazy
from nsc_workshop.widgets._panel import Changes, Syncing, View, library_changes
from nsc_workshop.widgets.iceberg_board import IcebergBoard
from nsc_workshop.widgets.library_compare import LibraryCompare
from nsc_workshop.widgets.library_publish import LibraryPublish
from nsc_workshop.widgets.library_search import LibrarySearch
from nsc_workshop.widgets.problem_statement import ProblemStatement


@pytest.fixture
def fresh(nsc_store):
    wid = nsc_store.create_workshop("Pattern", "Varnholm", "Norway")
    return nsc_store.session(wid, participant="facilitator")


# -- syncing ---------------------------------------------------------------------------------------------------


def test_syncing_nests_and_is_down_after_an_error():
    syncing = Syncing()
    assert not syncing
    with syncing():
        with syncing():
            assert syncing
        assert syncing, "an inner block does not end the outer one"
    assert not syncing
    with pytest.raises(RuntimeError), syncing():
        raise RuntimeError("boom")
    assert not syncing


def test_a_refresh_is_not_saved_back_and_typing_is(fresh, monkeypatch):
    statement = ProblemStatement(fresh)
    save = fresh.framing.set_problem_statement
    saved: list[str] = []
    monkeypatch.setattr(fresh.framing, "set_problem_statement", saved.append)  # what the panel asks to save
    save("Written elsewhere")  # the panel follows: its box is filled, nothing is saved back
    assert statement.text.value == "Written elsewhere" and saved == [] and not statement.syncing
    statement.text.value = "Typed here"
    assert saved == ["Typed here"]


# -- lazy panels -----------------------------------------------------------------------------------------------


class _Made:
    def __init__(self, name: str) -> None:
        self.name = name


class _App(LazyPanels):
    first = lazy("one", lambda app: app.make("first"))
    second = lazy("one", lambda app: app.make("second"), "heading.key")
    third = lazy("two", lambda app: app.make("third"))

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.told: list[str] = []

    def make(self, name: str) -> _Made:
        self.calls.append(name)
        return _Made(name)

    def panel_made(self, name: str, panel: object) -> None:
        self.told.append(name)


def test_a_declared_panel_is_made_once_on_first_use():
    app = _App()
    assert not app.made("first") and app.calls == []
    assert app.first is app.first and app.first.name == "first"
    assert app.calls == ["first"] and app.told == ["first"] and app.made("first")
    assert [p.name for p in app.panels_in("one")] == ["first", "second"]  # declared order
    assert app.calls == ["first", "second"] and not app.made("third")
    assert app.panel("third") is app.third and app.calls == ["first", "second", "third"]
    assert [(d.name, d.tab, d.heading) for d in _App.declared()] == [
        ("first", "one", None),
        ("second", "one", "heading.key"),
        ("third", "two", None),
    ]
    with pytest.raises(KeyError):
        app.panel("calls")  # an attribute, not a declared panel


def test_each_app_declares_a_panel_for_every_tab_and_makes_only_the_first_tab(fresh, nsc_store):
    framing = ProblemFramingApp(nsc_store, fresh)
    assert {d.tab for d in ProblemFramingApp.declared()} == {key for key, _minutes in FRAMING_STEPS}
    assert framing.made("problem") and framing.made("wickedness") and not framing.made("iceberg")
    assert isinstance(framing.iceberg, IcebergBoard) and framing.made("iceberg")  # a test reaches it: made
    framing.show_step("iceberg")
    assert framing.step("iceberg").panels == [framing.iceberg]  # the same panel, not a second one

    sprint = InnovationSprintApp(nsc_store, fresh)
    assert {d.tab for d in InnovationSprintApp.declared()} == set(STEPS)
    assert [d.name for d in InnovationSprintApp.declared("decide")] == list(DECIDE_STEPS)
    assert [name for name in DECIDE_STEPS if sprint.made(name)] == []
    assert not sprint.heat_map.shown, "a Decide sub-step made before it is opened waits hidden"

    mapping = ActorMappingApp(nsc_store, fresh)
    assert [d.name for d in ActorMappingApp.declared("map")] == ["quick", "network", "insights"]
    assert [d.name for d in ActorMappingApp.declared() if mapping.made(d.name)] == ["quick", "network", "insights"]
    assert mapping.step("map").panels == [mapping.quick, mapping.network, mapping.insights]


# -- one way to learn about changes ----------------------------------------------------------------------------


class _Counter(View):
    def __init__(self) -> None:
        super().__init__()
        self.drawn = 0

    def refresh(self) -> None:
        super().refresh()
        self.drawn += 1


def test_a_hidden_view_catches_up_once_when_shown():
    changes: Changes[str] = Changes()
    view = _Counter()
    view.follow(changes.subscribe)
    changes.notify(["a"])
    assert view.drawn == 1
    view.hide()
    changes.notify(["b"])
    changes.notify(["c"])
    assert view.drawn == 1
    view.show()
    view.show()
    assert view.drawn == 2
    view.unsubscribe()
    changes.notify(["d"])
    assert view.drawn == 2


def test_a_published_record_reaches_every_view_of_the_library(tmp_path, nsc_store):
    library = open_library(tmp_path / "library.db")
    try:
        library.publish_many(synthetic_records(3))
        assert library_changes(library) is library_changes(library)
        app = LibraryApp(library, nsc_store, secretariat=True)
        other_search = LibrarySearch(library)  # not in the app: follows the library all the same
        compare = LibraryCompare(library)
        assert len(other_search.hits) == 3 and len(compare.first.options) == 3
        header = app.header.value
        nsc_store.import_workshop(load_sample())
        publish = LibraryPublish(nsc_store, library)
        publish.choose.value = SAMPLE_WORKSHOP_ID
        publish.record_id.value = "pattern-2026"
        publish.preview_button.click()
        publish.publish_button.click()
        publish.confirm_button.click()
        assert library.count() == 4
        assert len(other_search.hits) == 4 and len(app.search.hits) == 4
        assert len(compare.first.options) == 4 and len(app.compare.first.options) == 4
        assert app.header.value == app._header_html() != header
        assert "pattern-2026" in {v for _label, v in publish.derived_from.options}, "the publisher follows too"
    finally:
        library.close()
