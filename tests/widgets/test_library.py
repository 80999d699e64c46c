"""The secretariat library's widgets without a browser: search, open, similar cases, compare, merge review, publish."""

from __future__ import annotations

import datetime as dt

import pytest

from nsc_workshop.apps.library import LibraryApp, library_app, record_from_query
from nsc_workshop.bundle import bundle_bytes
from nsc_workshop.datasets import SAMPLE_WORKSHOP_ID, load_sample
from nsc_workshop.library import build_record, open_library
from nsc_workshop.library.publish import record_id_of
from nsc_workshop.model.vocab import BLUEPRINT_AREAS
from nsc_workshop.testing import make_record, synthetic_records
from nsc_workshop.widgets.library_aggregate import LibraryAggregate
from nsc_workshop.widgets.library_compare import LibraryCompare
from nsc_workshop.widgets.library_publish import LibraryPublish
from nsc_workshop.widgets.library_record import LibraryRecordView, area_label, record_sections
from nsc_workshop.widgets.library_search import LibrarySearch

XSS = "<script>alert(1)</script>"
ROLES = {"facilitator", "participant", "decider", "note_taker", "observer"}


@pytest.fixture
def library(tmp_path):
    library = open_library(tmp_path / "library.db")
    library.publish_many(synthetic_records(30))
    library.publish(build_record(load_sample()))
    yield library
    library.close()


def upload_value(name: str, content: bytes) -> tuple[dict, ...]:
    return (
        {
            "name": name,
            "type": "application/json",
            "size": len(content),
            "content": memoryview(content),
            "last_modified": dt.datetime.now(dt.UTC),
        },
    )


def test_search_words_filters_and_nothing_found(library):
    search = LibrarySearch(library)
    assert len(search.hits) == 31  # no words: everything, newest first
    assert "31 records" in search.count.value
    search.query.value = "hate"
    assert 0 < len(search.hits) < 31
    assert all(row.children[0].description == "Open" for row in search.results.children)
    before = len(search.hits)
    area = next(v for _label, v in search.filters["area"].options if v == "digital")
    search.filters["area"].value = area
    assert len(search.hits) <= before
    assert all("digital" in hit.areas for hit in search.hits)
    search.filters["status"].value = "evaluated"
    assert all(hit.status == "evaluated" for hit in search.hits)
    search.query.value = "zzzznothing"
    assert search.hits == []
    assert "No records match" in search.count.value
    search.clear()
    assert len(search.hits) == 31
    search.since.value = dt.date(2025, 1, 1)
    assert all(hit.start_date >= "2025-01-01" for hit in search.hits)
    opened: list[str] = []
    search._on_open = opened.append
    search.results.children[0].children[0].click()
    assert opened == [search.hits[0].id]


def test_record_page_shows_every_section_and_similar_cases(library):
    view = LibraryRecordView(library)
    record = view.open_record("rec-00003")
    assert record is not None
    html = view.html
    assert record.title.replace("&", "&amp;") in html
    for section in ("summary", "place", "areas", "status", "lineage", "participation", "framing", "actors", "ideas"):
        assert f"data-section='{section}'" in html, section
    assert view.similar, "synthetic records share problems"
    assert len(view.similar_list.children) == len(view.similar)
    first = view.similar[0].record.id
    view.similar_list.children[0].children[1].click()  # Open, without an app: opens here
    assert view.record is not None and view.record.id == first
    sample = view.open_record(record_id_of(load_sample()))
    assert sample is not None
    for section in ("toc", "indicators", "actions", "findings", "concept"):
        assert f"data-section='{section}'" in view.html, section
    view.open_record("no-such-record")
    assert "no-such-record" in view.message.value


def test_record_opens_with_its_summary_and_map_the_tables_folded(library):
    view = LibraryRecordView(library)
    sample = build_record(load_sample())
    record = view.open_record(sample.id)
    assert record is not None
    summary = view.body.value  # the first screen: what, where, when, which areas, how big
    assert "data-section" not in summary  # no long table on the first screen
    assert f"{record.city}, {record.country}, {record.year}" in summary
    assert record.problem_statement.replace("'", "&#x27;")[:60] in summary
    assert f"{len(record.actors)} actors" in summary and f"{len(record.ties)} ties" in summary
    for area in record.blueprint_areas:
        assert area_label(area) in summary
    assert view.map.value[:8] == b"\x89PNG\r\n\x1a\n"  # the record's own map
    assert f"{len(record.actors)} actors and {len(record.ties)} ties" in view.map_note.value
    assert view.sections.selected_index is None  # every section folded until opened
    keys = [key for key, _title, _html in record_sections(record)]
    assert len(view.sections.children) == len(keys) and "actors" in keys and "ideas" in keys
    assert view.sections.titles[keys.index("ideas")] == "Ideas and their votes"
    one = make_record(98, record_id="rec-one").model_copy(update={"ties": []})
    library.publish(one)
    view.open_record("rec-one")
    assert "0 ties" in view.body.value and "1 actor " not in view.body.value


def test_script_in_an_idea_is_shown_as_text(library):
    record = make_record(99, record_id="rec-xss")
    idea = record.ideas[0].model_copy(update={"text": XSS})
    library.publish(record.model_copy(update={"ideas": [idea, *record.ideas[1:]], "summary": f"Unusual {XSS}"}))
    view = LibraryRecordView(library)
    view.open_record("rec-xss")
    assert "<script>" not in view.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in view.html
    search = LibrarySearch(library)
    search.query.value = "unusual"
    texts = "".join(row.children[1].value for row in search.results.children)
    assert "&lt;script&gt;" in texts and "<script>" not in texts


def test_app_opens_records_and_compares_from_the_record(library, monkeypatch):
    monkeypatch.setenv("QUERY_STRING", "record=rec-00005")
    app = library_app(library=library)
    assert isinstance(app, LibraryApp)
    assert app.tabs.selected_index == 1
    assert app.record.record is not None and app.record.record.id == "rec-00005"
    assert len(app.tabs.children) == 5  # facilitator (the secretariat): Publish too
    app.tabs.selected_index = 0
    app.search.query.value = "Varnholm"
    hit = app.search.results.children[0]
    hit.children[0].click()
    assert app.tabs.selected_index == 1
    assert app.record.record.id == app.search.hits[0].id
    other = app.record.compare_with.options[0][1]
    app.record.compare_button.click()
    assert app.tabs.selected_index == 2
    assert (app.compare.first.value, app.compare.second.value) == (app.record.record.id, other)
    assert "nsc-map-comparison" in app.compare.result.value
    assert "nsc-key-figures" in app.compare.result.value
    assert record_from_query("record=<x>") is None


def test_participant_sees_no_publish_tab_and_no_merge_review(library, monkeypatch):
    monkeypatch.setenv("QUERY_STRING", "role=participant")
    app = library_app(library=library)
    assert len(app.tabs.children) == 4
    app.tabs.selected_index = 3
    assert app.across.merge_list not in app.across.children


def test_compare_matches_actors_by_name(library):
    compare = LibraryCompare(library)
    comparison = compare.choose("rec-00001", "rec-00002")
    first, second = library.get("rec-00001"), library.get("rec-00002")
    names = {a.name.casefold() for a in first.actors} & {a.name.casefold() for a in second.actors}
    assert len(comparison.matched) == len(names)
    assert comparison.map_before["actors"] == len(first.actors)
    assert first.title.replace("&", "&amp;") in compare.result.value
    same = compare.choose("rec-00001", "rec-00001")
    assert same.actors_added == [] and same.actors_removed == []


def test_compare_says_only_in_a_only_in_b_and_in_both(library):
    compare = LibraryCompare(library)
    comparison = compare.choose("rec-00001", "rec-00002")
    first, second = library.get("rec-00001"), library.get("rec-00002")
    html = compare.result.value
    assert "added" not in html.lower() and "removed" not in html.lower()
    a, b = f"A: {first.city}, {first.year}", f"B: {second.city}, {second.year}"
    assert f"Only in {a}" in html and f"Only in {b}" in html and "In both" in html
    only_a = html.split("data-row='only_a'")[1].split("</tr>")[0]
    only_b = html.split("data-row='only_b'")[1].split("</tr>")[0]
    for actor in comparison.actors_removed:  # the first map's own actors are listed under A
        assert comparison.names[actor].replace("'", "&#x27;") in only_a
    for actor in comparison.actors_added:
        assert comparison.names[actor].replace("'", "&#x27;") in only_b
    assert "Betweenness (brokers): higher in B" in html  # the metric by its label, not its id
    assert "Map A" in compare.first.description and "Map B" in compare.second.description


def test_across_cities_and_merge_review(library):
    panel = LibraryAggregate(library, secretariat=True)
    panel.refresh()
    assert bytes(panel.coverage_image.value).startswith(b"\x89PNG")
    assert panel.actors and "nsc-recurring-actors-table" in panel.actors_html.value
    assert "organisations" in panel.alliance_counts.value
    assert panel.alliance is not None
    assert all(d["records"] >= 2 for _n, d in panel.alliance.graph.nodes(data=True))
    panel.only_recurring.value = False
    assert panel.alliance.graph.number_of_nodes() >= len(panel.actors)
    panel.by.value = "year"
    assert bytes(panel.coverage_image.value).startswith(b"\x89PNG")
    assert panel.suggestions, "synthetic records spell organisations differently"
    first = panel.suggestions[0]
    panel.merge_list.children[0].children[1].click()  # Different
    assert (min(first.a, first.b), max(first.a, first.b), False) in library.decisions()
    assert all((s.a, s.b) != (first.a, first.b) for s in panel.suggestions)
    second = panel.suggestions[0]
    panel.merge_list.children[0].children[0].click()  # Same organisation
    assert (min(second.a, second.b), max(second.a, second.b), True) in library.decisions()
    assert "same organisation" in panel.merge_message.value


def test_coverage_chart_counts_every_area():
    from nsc_workshop.plots import coverage_chart

    fig = coverage_chart({"A": {"youth": 2}, "B": {}})
    gaps = next(c for c in fig.axes[0].collections if c.get_gid() == "gaps")
    assert len(gaps.get_paths()) == 2 * len(BLUEPRINT_AREAS) - 1
    assert coverage_chart({}).axes


def test_publish_from_the_store(nsc_store, library):
    sample = load_sample()
    nsc_store.import_workshop(sample)
    publish = LibraryPublish(nsc_store, library)
    publish.choose.value = SAMPLE_WORKSHOP_ID
    assert publish.personal, "the sample's texts can be marked personal"
    assert publish.publish_button.disabled
    publish.publish()  # nothing without a preview
    assert library.count() == 31
    actor = next(a for a in sample.actors.values() if a.kind != "person")
    publish.personal[actor.id].value = True
    publish.record_id.value = "varnholm-2026"
    publish.status.value = "tested"
    publish.contact_role.value = "prevention coordinator"
    publish.recruitment.value = "An open call to youth clubs"
    publish.hidden_names.value = "back-up line\n\n"  # a name in a text, not a participant's
    publish.preview_button.click()
    assert not publish.publish_button.disabled
    assert "back-up line" not in publish.preview_json.value and "Someone 1" in publish.preview_json.value
    assert "An open call to youth clubs" in publish.preview_json.value
    assert nsc_store.load(SAMPLE_WORKSHOP_ID).publication.hidden_names == ["back-up line"]
    assert actor.id in nsc_store.load(SAMPLE_WORKSHOP_ID).publication.personal_items  # saved with the workshop
    leaving = publish.preview_record.value + publish.preview_json.value
    handles = [p.handle for p in sample.participants.values() if p.handle not in ROLES]
    assert handles and not [h for h in handles if h in leaving]
    assert actor.name not in publish.preview_json.value
    assert "Tested with users" in publish.preview_record.value
    assert publish.preview_kept.value.count("<li>") >= len(handles)
    # a change after the preview needs a new preview
    publish.licence.value = "CC0-1.0"
    assert publish.publish_button.disabled
    publish.preview_button.click()
    publish.publish_button.click()  # asks first
    assert publish.confirm_row.layout.display == ""
    assert library.count() == 31
    publish.confirm_button.click()
    assert library.count() == 32
    stored = library.get("varnholm-2026")
    assert (stored.status, stored.licence, stored.contact_role) == ("tested", "CC0-1.0", "prevention coordinator")
    assert actor.name not in [a.name for a in stored.actors]  # marked personal: left out
    assert all(a.id.startswith("actor-") for a in stored.actors)  # ids of its own, never the workshop's
    assert "varnholm-2026" in publish.message.value and publish.publish_button.disabled


def test_publish_an_uploaded_bundle_and_refusals(nsc_store, library):
    publish = LibraryPublish(nsc_store, library)
    publish.source.value = "file"
    publish.upload.value = upload_value("broken.json", b'{"format": "nsc-workshop", "workshop": {"id": 5}}')
    publish.read_button.click()
    assert "nsc-error" in publish.message.value and "Traceback" not in publish.message.value
    sample = load_sample()
    publish.upload.value = upload_value("sample.json", bundle_bytes(sample))
    publish.read_button.click()
    assert publish.workshop is not None and publish.workshop.id == SAMPLE_WORKSHOP_ID
    idea = next(iter(sample.sprint.ideas.values()))
    publish.personal[idea.id].value = True
    publish.record_id.value = "from-file"
    publish.preview_button.click()
    assert publish.uploaded is not None and idea.id in publish.uploaded.publication.personal_items
    assert nsc_store.list_workshops() == []  # a file is never stored
    publish.publish_button.click()
    publish.confirm_button.click()
    assert all(i.id != idea.id for i in library.get("from-file").ideas)
    # restricted: the refusal, no publish button
    restricted = sample.model_copy(update={"meta": sample.meta.model_copy(update={"sensitivity": "restricted"})})
    publish.upload.value = upload_value("restricted.json", bundle_bytes(restricted))
    publish.read_button.click()
    publish.preview_button.click()
    assert "restricted" in publish.message.value
    assert publish.publish_button.layout.display == "none"
    assert publish.preview is None
