"""The home page's widgets, driven without a browser: set values, click, check the store."""

from __future__ import annotations

import datetime as dt
import json

from nsc_workshop.apps.home import home_app
from nsc_workshop.bundle import bundle_bytes
from nsc_workshop.datasets import SAMPLE_WORKSHOP_ID
from nsc_workshop.testing import make_workshop
from nsc_workshop.widgets import BundleImport, NewWorkshopForm, WorkshopList


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


def test_creating_a_workshop_from_the_form(nsc_store):
    listing = WorkshopList(nsc_store)
    form = NewWorkshopForm(nsc_store, on_created=lambda _wid: listing.refresh())
    form.title.value = "Online hate & youth"
    form.city.value = "Varnholm"
    form.country.value = "Norway"
    form.start_date.value = dt.date(2026, 5, 4)
    form.end_date.value = dt.date(2026, 5, 5)
    form.areas.value = ("digital", "youth")
    form.sensitivity.value = "network"
    form.create.click()
    (summary,) = nsc_store.list_workshops()
    stored = nsc_store.load(summary.id).meta
    assert (stored.title, stored.city, stored.country) == ("Online hate & youth", "Varnholm", "Norway")
    assert stored.blueprint_areas == ["digital", "youth"]
    assert stored.sensitivity == "network"
    assert stored.start_date == dt.date(2026, 5, 4)
    assert "Online hate &amp; youth" in listing.table.value  # shown as text
    assert form.title.value == ""  # ready for the next one
    assert "Created" in form.message.value


def test_the_form_names_what_is_wrong_and_stores_nothing(nsc_store):
    form = NewWorkshopForm(nsc_store)
    form.title.value = "<script>alert(1)</script>"
    form.city.value = ""
    form.country.value = "Norway"
    form.start_date.value = dt.date(2026, 5, 5)
    form.end_date.value = dt.date(2026, 5, 4)
    form.create.click()
    assert nsc_store.list_workshops() == []
    message = form.message.value
    assert "meta.title" in message and "meta.city" in message
    assert "<script>" not in message  # every message is escaped
    assert form.title.value == "<script>alert(1)</script>"  # kept for correction


def test_importing_a_bundle(nsc_store):
    importer = BundleImport(nsc_store)
    importer.import_button.click()
    assert "Choose a bundle" in importer.message.value
    workshop = make_workshop(actors=5, ties=6, workshop_id="imported-one")
    importer.upload.value = upload_value("w.json", bundle_bytes(workshop))
    importer.import_button.click()
    assert nsc_store.load("imported-one") == workshop
    assert "imported-one" in importer.message.value
    assert importer.upload.value == ()


def test_a_bad_bundle_is_refused_with_the_field_named(nsc_store):
    nsc_store.create_workshop("Existing", "Varnholm", "Norway")
    before = nsc_store.list_workshops()
    raw = json.loads(bundle_bytes(make_workshop(actors=3, ties=2, workshop_id="bad-one")))
    raw["workshop"]["ties"][1]["target"] = "act_nobody"
    importer = BundleImport(nsc_store)
    importer.upload.value = upload_value("bad.json", json.dumps(raw).encode())
    importer.import_button.click()
    assert "workshop.ties[1].target" in importer.message.value
    assert nsc_store.list_workshops() == before


def test_loading_the_sample_once(nsc_store):
    importer = BundleImport(nsc_store)
    importer.sample_button.click()
    assert nsc_store.exists(SAMPLE_WORKSHOP_ID)
    head = nsc_store.head(SAMPLE_WORKSHOP_ID)
    importer.sample_button.click()
    assert "already" in importer.message.value
    assert nsc_store.head(SAMPLE_WORKSHOP_ID) == head


def test_home_app_lists_workshops_and_updates_after_create(nsc_store):
    nsc_store.create_workshop("First workshop", "Varnholm", "Norway")
    page = home_app(nsc_store)
    listing = next(w for w in page.children if isinstance(w, WorkshopList))
    assert "First workshop" in listing.table.value
    form = page.children[-1].children[0]
    form.title.value, form.city.value, form.country.value = "Second", "Kettilsby", "Sweden"
    form.create.click()
    assert "Second" in listing.table.value
    assert len(listing.workshops) == 2
