"""The actor-mapping widgets without a browser: set values, click, check the stored workshop."""

from __future__ import annotations

import datetime
import re
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
    editor.source.value, editor.target.value = "act_police_prevention", "act_outreach_team"
    editor.source.value = "act_outreach_team"
    assert editor.target.value == ""  # "To" never stays on the actor chosen in "From"
    editor.target.value = "act_outreach_team"  # chosen anyway: the kit's own message, nothing stored
    head = sample.store.head(sample.workshop_id)
    editor.add_button.click()
    assert "A tie joins two different actors" in editor.message.value
    assert "Value error" not in editor.message.value
    assert sample.store.head(sample.workshop_id) == head


def test_tie_editor_never_starts_on_the_same_actor_and_heads_its_table(sample, empty):
    editor = TieEditor(empty)
    assert editor.source.value is None and editor.target.value == ""
    empty.add_actor("Youth club", sector="youth_work")
    empty.add_actor("Library", sector="sports_culture")
    assert editor.source.value is not None and editor.target.value == ""  # To starts empty
    editor.add_button.click()
    assert "Choose both actors" in editor.message.value and not stored(empty).ties
    editor = TieEditor(sample)
    editor.source.value = "act_outreach_team"
    table = editor.table.value
    assert "<thead>" in table
    heads = re.findall(r"<th scope='col'[^>]*>([^<]*)</th>", table)
    assert heads == ["From", "Direction", "To", "Kind of tie", "Sign", "Strength", "Notes"]
    count = sum(1 for t in stored(sample).ties.values() if "act_outreach_team" in (t.source, t.target))
    assert table.count("<tr data-tie=") == count and f"({count} ties)" in table


def test_tie_editor_in_swedish(sample):
    from nsc_workshop.i18n import use_language

    with use_language("sv"):
        editor = TieEditor(sample)
        editor.source.value = "act_outreach_team"
        editor.target.value = "act_outreach_team"
        editor.add_button.click()
        assert "En koppling förbinder två olika aktörer" in editor.message.value
        assert ">Från<" in editor.table.value and ">Till<" in editor.table.value


def test_influence_scoring_is_one_list_with_tower_buttons(sample):
    scoring = InfluenceScoring(sample)
    workshop = sample.workshop
    assert set(scoring.scores) == set(workshop.actors)  # every actor, no paging
    listed = [row for row in scoring.rows.children if "nsc-influence-row" in row._dom_classes]
    assert len(listed) == len(workshop.actors)
    actor_id = next(a.id for a in workshop.actors.values() if a.influence is not None)
    buttons = scoring.scores[actor_id]
    assert buttons.value == workshop.actors[actor_id].influence
    buttons.value = 10 if buttons.value != 10 else 2
    assert stored(sample).actors[actor_id].influence == buttons.value
    scoring.clear[actor_id].click()
    assert stored(sample).actors[actor_id].influence is None
    assert buttons.value is None and "Not yet scored" in scoring._states[actor_id].value
    assert "not scored" not in repr([getattr(w, "description", "") for w in scoring.rows.children])
    done = sum(1 for a in stored(sample).actors.values() if a.influence is not None)
    assert f"{done} of {len(workshop.actors)} actors scored" in scoring.progress.value
    scoring.order.value = "unscored"
    first = scoring.rows.children[0]
    assert actor_id in first.children[0].value  # the not yet scored come first
    sample.update_actor(actor_id, influence=4)  # scored elsewhere in the room: the buttons follow
    assert buttons.value == 4 and stored(sample).actors[actor_id].influence == 4
    scoring.order.value = "sector"
    headings = [w.value for w in scoring.rows.children if "nsc-influence-group" in getattr(w, "value", "")]
    assert len(headings) == len({a.sector for a in workshop.actors.values()})
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
    time.sleep(0.01)  # the clock moves on: the changes below are stamped after ``moment``
    sample.add_actor("Varnholm chess club", sector="sports_culture")
    sample.remove_actor("act_police_district")
    view = CompareView(nsc_store, sample)
    view.moment.value = max(ts for _label, ts in view.moment.options if ts <= moment)  # the map before
    comparison = view.compare()
    names = {comparison.names[a] for a in comparison.actors_added}
    assert "Varnholm chess club" in names
    assert "Varnholm police district" in {comparison.names[a] for a in comparison.actors_removed}
    assert "Only in the map now" in view.result.value and "Varnholm chess club" in view.result.value
    view.mode.value = "workshop"
    assert view.other.layout.display == "none" and view.none_other.layout.display == ""  # says so
    assert "no other workshop" in view.none_other.value and view.compare_button.disabled
    other = nsc_store.create_workshop("Other", "Kettilsby", "Sweden")
    view.refresh()
    summary = next(w for w in nsc_store.list_workshops() if w.id == other)
    when = summary.start_date or summary.updated_at.date()
    assert view.other.options == ((f"Other — Kettilsby, Sweden ({when})", other),)
    assert view.other.value == other and not view.compare_button.disabled
    comparison = view.compare()
    assert len(comparison.actors_added) == len(sample.workshop.actors)  # the other map is empty
    html = view.result.value
    assert "Only in B: " in html and "Only in A: Other (Kettilsby)" in html
    assert "added" not in html.lower() and "removed" not in html.lower()


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


def test_map_files_say_what_was_adapted(empty, tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Elements"
    for row in (["Label", "Influence"], ["Varnholm police", "High"], ["Kaia youth house", 4], ["varnholm police", 2]):
        book["Elements"].append(row)
    links = book.create_sheet("Connections")
    for row in (["From", "To"], ["Varnholm police", "Sørhavn tenants"], ["Kaia youth house", "Kaia youth house"]):
        links.append(row)
    book.save(tmp_path / "k.xlsx")
    content = (tmp_path / "k.xlsx").read_bytes()
    files = MapFiles(empty)
    files.upload.value = (
        {"name": "k.xlsx", "type": "", "size": len(content), "content": memoryview(content),
         "last_modified": datetime.datetime.now(datetime.UTC)},
    )  # fmt: skip
    assert files.import_file()
    assert sorted(a.name for a in stored(empty).actors.values()) == [
        "Kaia youth house",
        "Sørhavn tenants",
        "Varnholm police",
    ]
    message = files.message.value
    assert "Added 3 actors and 1 tie" in message
    assert "things were adapted" in message
    assert "Elements row 4" in message  # the repeated label, merged
    assert "Sørhavn tenants" in message  # created from Connections
    assert "Connections row 3" in message  # the loop, skipped
    assert "High" in message  # kept as a custom attribute
    assert "<script" not in message
