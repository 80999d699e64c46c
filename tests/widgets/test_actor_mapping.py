"""The actor-mapping widgets without a browser: set values, click, check the stored workshop."""

from __future__ import annotations

import datetime
import time

import pytest

from nsc_workshop.apps.actor_mapping import ActorMappingApp, actor_mapping_app
from nsc_workshop.datasets import SAMPLE_WORKSHOP_ID, load_sample
from nsc_workshop.widgets.actor_table import ActorTable
from nsc_workshop.widgets.compare_view import CompareView
from nsc_workshop.widgets.grid_view import GridView
from nsc_workshop.widgets.influence_scoring import InfluenceScoring
from nsc_workshop.widgets.insights_panel import InsightsPanel
from nsc_workshop.widgets.map_files import MapFiles
from nsc_workshop.widgets.network_view import NetworkPanel
from nsc_workshop.widgets.quick_add import QuickAdd
from nsc_workshop.widgets.sector_view import SectorView
from nsc_workshop.widgets.tie_editor import TieEditor

XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture
def sample(nsc_store):
    nsc_store.import_workshop(load_sample())
    return nsc_store.session(SAMPLE_WORKSHOP_ID, participant="table-1")


@pytest.fixture
def empty(nsc_store):
    wid = nsc_store.create_workshop("Empty map", "Varnholm", "Norway")
    return nsc_store.session(wid, participant="table-1")


def stored(session):
    return session.store.load(session.workshop_id)


def test_quick_add_actor_and_tie(empty):
    quick = QuickAdd(empty)
    quick.name.value, quick.sector.value = "Varnholm youth club", "youth_work"
    quick.add_actor_button.click()
    quick.name.value, quick.sector.value = "Nordbyen upper secondary", "schools"
    quick.add_actor_button.click()
    actors = {a.name: a for a in stored(empty).actors.values()}
    assert actors["Varnholm youth club"].sector == "youth_work"
    quick.refresh()
    quick.select(actors["Varnholm youth club"].id)  # clicks on the map fill from, then to
    quick.select(actors["Nordbyen upper secondary"].id)
    quick.type.value = "distrusts"
    quick.add_tie_button.click()
    (tie,) = stored(empty).ties.values()
    assert (tie.source, tie.target, tie.type, tie.sign) == (
        actors["Varnholm youth club"].id,
        actors["Nordbyen upper secondary"].id,
        "distrusts",
        -1,
    )
    quick.name.value = "   "
    quick.add_actor_button.click()  # an empty name is refused, with the field named
    assert "actor.name" in quick.message.value
    assert len(stored(empty).actors) == 2


def test_actor_table_add_edit_remove(sample):
    table = ActorTable(sample)
    form = table.form
    form.name.value = "Varnholm chess club"
    form.sector.value = "sports_culture"
    form.influence.value = 3
    form.power.value = True
    table.add_button.click()
    club = next(a for a in stored(sample).actors.values() if a.name == "Varnholm chess club")
    assert (club.sector, club.influence, club.power) == ("sports_culture", 3, True)
    table.chooser.value = club.id  # edit it
    assert form.name.value == "Varnholm chess club"
    form.interest.value = 9
    form.notes.value = "Meets on Tuesdays"
    table.save_button.click()
    assert stored(sample).actors[club.id].interest == 9
    police = "act_police_district"
    ties_before = sum(1 for tie in stored(sample).ties.values() if police in (tie.source, tie.target))
    assert ties_before > 0
    table.chooser.value = police
    table.remove_button.click()  # the first click asks to confirm
    assert police in stored(sample).actors
    assert "ties" in table.message.value
    table.confirm_remove.value = True
    table.remove_button.click()
    after = stored(sample)
    assert police not in after.actors
    assert not any(police in (tie.source, tie.target) for tie in after.ties.values())


def test_paste_rows_from_a_spreadsheet(empty):
    table = ActorTable(empty)
    table.paste.value = (
        "Name\tSector\tInfluence\tInterest\tPower\n"
        "Varnholm youth club\tYouth work\t4\t9\tno\n"
        "Nordbyen upper secondary\tschools\t6\t7\tyes\n"
    )
    table.paste_button.click()
    actors = {a.name: a for a in stored(empty).actors.values()}
    assert actors["Nordbyen upper secondary"].power is True
    assert actors["Varnholm youth club"].sector == "youth_work"
    # a bad row: nothing is added, and the row is named
    table.paste.value = "Name\tInfluence\nLibrary\t4\nMosque council\thigh\n"
    table.paste_button.click()
    assert "row 3" in table.message.value
    assert len(stored(empty).actors) == 2
    # rows already on the map are skipped, the others added
    table.paste.value = "Varnholm youth club\tyouth_work\nLibrary\tsports_culture\n"
    table.paste_button.click()
    assert len(stored(empty).actors) == 3
    assert "skipped" in table.message.value


def test_tie_editor_types_sign_direction(sample):
    editor = TieEditor(sample)
    editor.source.value = "act_outreach_team"
    editor.target.value = "act_police_prevention"
    editor.type.value = "shares_information"
    assert editor.directed.value is True
    assert editor.sign.value == 1
    editor.weight.value = 4
    editor.add_button.click()
    tie = next(
        tie
        for tie in stored(sample).ties.values()
        if (tie.source, tie.target, tie.type) == ("act_outreach_team", "act_police_prevention", "shares_information")
    )
    assert (tie.weight, tie.directed, tie.sign) == (4.0, True, 1)
    editor.existing.value = tie.id
    editor.remove_button.click()
    assert tie.id not in stored(sample).ties
    editor.source.value = editor.target.value = "act_outreach_team"
    editor.add_button.click()
    assert "two different actors" in editor.message.value


def test_influence_scoring_saves_each_slider(sample):
    scoring = InfluenceScoring(sample)
    actor_id, slider = next(iter(scoring.sliders.items()))
    slider.value = 10 if slider.value != 10 else 2
    assert stored(sample).actors[actor_id].influence == slider.value
    scoring.unknown[actor_id].value = True
    assert stored(sample).actors[actor_id].influence is None
    assert scoring.towers.value[:8] == b"\x89PNG\r\n\x1a\n"


def test_network_panel_scene_and_filters(sample):
    panel = NetworkPanel(sample)
    workshop = sample.workshop
    assert len(panel.view.scene["nodes"]) == len(workshop.actors)
    assert len(panel.view.scene["edges"]) == len(workshop.ties)
    panel.sector_filter.value = ("police", "youth_work")
    kept = {n["id"] for n in panel.view.scene["nodes"]}
    assert kept == {a.id for a in workshop.actors.values() if a.sector in ("police", "youth_work")}
    panel.sector_filter.value = ()
    panel.sign_filter.value = "negative"
    assert {e["sign"] for e in panel.view.scene["edges"]} == {-1}
    assert len(panel.view.scene["edges"]) == sum(1 for tie in workshop.ties.values() if tie.sign < 0)


def test_the_map_does_not_reshuffle_when_an_actor_is_added(sample):
    app = ActorMappingApp(sample.store, sample)
    before = {n["id"]: (n["x"], n["y"]) for n in app.network.view.scene["nodes"]}
    app.quick.name.value = "Varnholm chess club"
    app.quick.add_actor_button.click()
    after = {n["id"]: (n["x"], n["y"]) for n in app.network.view.scene["nodes"]}
    assert len(after) == len(before) + 1
    moved = max(abs(after[k][0] - x) + abs(after[k][1] - y) for k, (x, y) in before.items())
    assert moved < 0.02


def test_insights_change_with_the_map(sample):
    app = ActorMappingApp(sample.store, sample)
    report = app.insights.report
    assert report.finding("insight.isolated") is not None
    assert "Police" in app.insights.body.value and "Youth work" in app.insights.body.value
    isolated_before = set(report.finding("insight.isolated").actors)
    # tie the two isolated actors in: they are no longer isolated
    first, second = sorted(isolated_before)[:2]
    app.quick.source.value, app.quick.target.value = first, second
    app.quick.add_tie_button.click()
    finding = app.insights.report.finding("insight.isolated")
    assert finding is None or not ({first, second} & set(finding.actors))


def test_names_are_shown_as_text(empty):
    empty.add_actor(XSS, sector="police", influence=5, interest=5)
    table, grid, insights = ActorTable(empty), GridView(empty), InsightsPanel(empty)
    for html in (table.table.value, grid.lists.value, insights.body.value):
        assert XSS not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in table.table.value
    scene = NetworkPanel(empty).view.scene
    assert scene["nodes"][0]["label"] == XSS  # raw text: the browser sets it with textContent


def test_grid_view_lists_quadrants(sample):
    grid = GridView(sample)
    assert "Manage closely" in grid.lists.value
    assert grid.image.value[:4] == b"\x89PNG"


def test_compare_with_an_earlier_moment_and_another_workshop(sample, nsc_store):
    moment = time.time()
    time.sleep(0.01)
    sample.add_actor("Varnholm chess club", sector="sports_culture")
    sample.remove_actor("act_police_district")
    view = CompareView(nsc_store, sample)
    view.moment.value = max(ts for _label, ts in view.moment.options if ts <= moment)  # the map before
    comparison = view.compare()
    names = {comparison.names[a] for a in comparison.actors_added}
    assert "Varnholm chess club" in names
    assert "Varnholm police district" in {comparison.names[a] for a in comparison.actors_removed}
    other = nsc_store.create_workshop("Other", "Kettilsby", "Sweden")
    view.refresh()
    view.mode.value = "workshop"
    view.other.value = other
    comparison = view.compare()
    assert len(comparison.actors_added) == len(sample.workshop.actors)  # the other map is empty


def test_undo_from_the_app(sample):
    app = ActorMappingApp(sample.store, sample)
    app.quick.name.value = "Mistake"
    app.quick.add_actor_button.click()
    assert any(a.name == "Mistake" for a in stored(sample).actors.values())
    app.undo_button.click()
    assert not any(a.name == "Mistake" for a in stored(sample).actors.values())
    assert "Undone" in app.status.value
    assert len(app.network.view.scene["nodes"]) == len(load_sample().actors)


def test_app_opens_the_sample_when_no_workshop_is_named(nsc_store, monkeypatch):
    monkeypatch.delenv("QUERY_STRING", raising=False)
    app = actor_mapping_app(nsc_store)
    assert isinstance(app, ActorMappingApp)
    assert app.session.workshop_id == SAMPLE_WORKSHOP_ID
    monkeypatch.setenv("QUERY_STRING", "workshop=no-such-workshop")
    page = actor_mapping_app(nsc_store)
    assert "no-such-workshop" in page.value
    assert not isinstance(page, ActorMappingApp)


def test_clicking_a_new_actor_on_the_map_while_other_tabs_are_hidden(sample):
    app = ActorMappingApp(sample.store, sample)
    app.quick.name.value = "Varnholm chess club"
    app.quick.add_actor_button.click()
    new_id = next(a.id for a in sample.workshop.actors.values() if a.name == "Varnholm chess club")
    app.network.view.selected = new_id  # as a click in the browser does
    app.network.view.selected = "act_gaming_cafe"
    assert (app.quick.source.value, app.quick.target.value) == (new_id, "act_gaming_cafe")
    assert app.actors.chooser.value == "act_gaming_cafe"


def test_sector_view_shows_the_police_youth_work_gap(sample):
    view = SectorView(sample)
    assert "Police — Youth work" in view.gaps.value or "Youth work — Police" in view.gaps.value
    assert view.image.value[:4] == b"\x89PNG"


def test_map_files_export_then_import_into_another_workshop(sample, empty, tmp_path):
    import base64
    import re

    files = MapFiles(sample)
    files.format.value = "kumu-xlsx"
    name = files.export_file()
    href = re.search(r"href='data:[^;]+;base64,([^']+)'", files.link.value).group(1)
    content = base64.b64decode(href)
    assert name.endswith(".xlsx")
    target = MapFiles(empty)
    upload = {"name": "../../etc/map.xlsx", "type": "", "size": len(content), "content": memoryview(content),
              "last_modified": datetime.datetime.now(datetime.UTC)}  # fmt: skip
    target.upload.value = (upload,)
    assert target.import_file()
    assert len(stored(empty).actors) == len(sample.workshop.actors)
    assert len(stored(empty).ties) == len(sample.workshop.ties)
    assert empty.workshop == stored(empty)  # the session followed
    target.upload.value = (upload,)
    assert target.import_file()  # a second time: nothing new
    assert "Added 0 actors and 0 ties" in target.message.value
    target.upload.value = ({**upload, "content": memoryview(b"not a map"), "size": 9},)
    assert not target.import_file()
    assert "error" in target.message.value
