"""Cities that cannot see each other, enforced in the store: a store opened for one city reaches its workshops only.

Three stores on one real database (SQLite, and a real PostgreSQL server): the server's admin (no scope),
Varnholm's facilitator and Östervik's, and the secretariat (no city). Whatever Östervik asks about a
Varnholm workshop — by id, through a session, the CLI, a bundle, an image — it is told what it is told
about a workshop that does not exist.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from PIL import Image

from nsc_workshop import InvalidCommand, NotPermitted, WorkshopExists, WorkshopNotFound, open_session, open_store
from nsc_workshop.access import CITY_ENV, Principal, Scope
from nsc_workshop.bundle import export_bundle
from nsc_workshop.errors import BlobNotFound
from nsc_workshop.store import Store

pytestmark = pytest.mark.both_backends


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 40, 40)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def stores(nsc_store_url: str) -> Iterator[dict[str, Store]]:
    opened = {
        "admin": open_store(nsc_store_url, scope=Scope.laptop()),
        "varnholm": open_store(nsc_store_url, scope=Scope.of_city("varnholm")),
        "ostervik": open_store(nsc_store_url, scope=Scope.of_city("ostervik")),
        "secretariat": open_store(nsc_store_url, scope=Scope.nothing()),
    }
    yield opened
    for store in opened.values():
        store.close()


@pytest.fixture
def varnholm_wid(stores: dict[str, Store]) -> str:
    wid = stores["varnholm"].create_workshop("Hate online", "Varnholm", "Norway", language="en")
    session = open_session(stores["varnholm"], wid, participant="kari")
    session.add_actor("Varnholm youth club", sector="youth_work")
    session.add_sketch_with_photo("Digital first-aiders", "sketch.png", _png())
    return wid


def _not_found(call, wid: str) -> str:
    with pytest.raises(WorkshopNotFound) as caught:
        call()
    assert caught.value.params == {"workshop": wid}
    return str(caught.value)


def test_a_city_reaches_its_own_workshops_and_owns_what_it_creates(stores, varnholm_wid):
    varnholm = stores["varnholm"]
    assert [w.id for w in varnholm.list_workshops()] == [varnholm_wid]
    assert varnholm.list_workshops()[0].owner == "varnholm"
    assert varnholm.exists(varnholm_wid) and varnholm.load(varnholm_wid).actors
    assert stores["admin"].list_workshops()[0].owner == "varnholm"  # the admin sees every city's


def test_another_city_is_told_the_workshop_does_not_exist(stores, varnholm_wid, tmp_path):
    ostervik = stores["ostervik"]
    nowhere = _not_found(lambda: ostervik.load("no-such-workshop"), "no-such-workshop")
    said = _not_found(lambda: ostervik.load(varnholm_wid), varnholm_wid)
    assert said == nowhere.replace("no-such-workshop", varnholm_wid)  # the same words: nothing leaks
    assert ostervik.list_workshops() == [] and not ostervik.exists(varnholm_wid)
    state = stores["admin"].load(varnholm_wid)
    for call in (
        lambda: ostervik.head(varnholm_wid),
        lambda: ostervik.load_with_version(varnholm_wid),
        lambda: ostervik.events_after(varnholm_wid, 0),
        lambda: ostervik.history(varnholm_wid),
        lambda: ostervik.batches(varnholm_wid, "kari"),
        lambda: ostervik.participants(varnholm_wid),
        lambda: ostervik.batch_events(varnholm_wid, "x"),
        lambda: ostervik.append(varnholm_wid, state, 0, lambda s: []),
        lambda: ostervik.snapshot(varnholm_wid),
        lambda: ostervik.repair(varnholm_wid),
        lambda: ostervik.delete_workshop(varnholm_wid),
        lambda: open_session(ostervik, varnholm_wid, participant="olli"),
        lambda: export_bundle(ostervik, varnholm_wid, tmp_path / "bundle.json"),
    ):
        _not_found(call, varnholm_wid)
    assert stores["admin"].load(varnholm_wid) == state  # nothing was changed, nothing deleted
    assert not (tmp_path / "bundle.json").exists()


def test_another_city_cannot_take_a_workshop_over_by_importing_its_id(stores, varnholm_wid):
    copy = stores["admin"].load(varnholm_wid)
    with pytest.raises(WorkshopExists):
        stores["ostervik"].import_workshop(copy, blobs=stores["admin"].blobs_for(copy), replace=True)
    assert stores["admin"].list_workshops()[0].owner == "varnholm"
    assert stores["ostervik"].list_workshops() == []


def test_images_are_reached_through_the_city_s_workshops_only(stores, varnholm_wid):
    workshop = stores["varnholm"].load(varnholm_wid)
    (attachment,) = workshop.sprint.attachments.values()
    assert stores["varnholm"].get_blob(attachment.sha256)[:4] == b"\x89PNG"
    assert [b.sha256 for b in stores["varnholm"].list_blobs()] == [attachment.sha256]
    for city in ("ostervik", "secretariat"):
        with pytest.raises(BlobNotFound):
            stores[city].get_blob(attachment.sha256)
        with pytest.raises(BlobNotFound):
            stores[city].get_blobs([attachment.sha256])
        with pytest.raises(BlobNotFound):
            stores[city].blob_info(attachment.sha256)
        assert stores[city].list_blobs() == []
    with pytest.raises(NotPermitted):
        stores["ostervik"].gc_blobs()  # a question about every city: the admin's


def test_knowing_another_city_s_image_digest_does_not_make_it_yours(stores, varnholm_wid):
    (attachment,) = stores["varnholm"].load(varnholm_wid).sprint.attachments.values()
    ostervik = stores["ostervik"]
    # Varnholm's workshop, image digests and all, under an id of Östervik's, without the image's bytes
    theirs = stores["admin"].load(varnholm_wid).model_copy(update={"id": "ostervik-copy"})
    refused = None
    try:
        ostervik.import_workshop(theirs, blobs={})
    except InvalidCommand as exc:
        refused = exc
    assert refused is not None and refused.key == "error.blob.missing"  # as for an image stored nowhere
    assert ostervik.list_workshops() == []
    with pytest.raises(BlobNotFound):
        ostervik.get_blob(attachment.sha256)
    mine = ostervik.import_workshop(theirs, blobs={attachment.sha256: stores["admin"].get_blob(attachment.sha256)})
    assert ostervik.get_blob(attachment.sha256)[:4] == b"\x89PNG"  # with the bytes given, it is Östervik's copy
    assert mine == "ostervik-copy"


def test_the_secretariat_holds_no_workshop_and_makes_none(stores, varnholm_wid):
    secretariat = stores["secretariat"]
    assert secretariat.list_workshops() == []
    _not_found(lambda: secretariat.load(varnholm_wid), varnholm_wid)
    with pytest.raises(NotPermitted) as caught:
        secretariat.create_workshop("Sneaky", "Varnholm", "Norway")
    assert "library" in str(caught.value)
    with pytest.raises(NotPermitted):
        secretariat.import_workshop(stores["admin"].load(varnholm_wid).model_copy(update={"id": "copy-1"}))
    with pytest.raises(NotPermitted):
        secretariat.put_blob(_png(), "image/png")
    assert [w.id for w in stores["admin"].list_workshops()] == [varnholm_wid]


def test_only_the_admin_gives_a_workshop_to_a_city(stores, varnholm_wid):
    with pytest.raises(NotPermitted):
        stores["varnholm"].set_owner(varnholm_wid, "ostervik")
    laptop_wid = stores["admin"].create_workshop("Before the hub", "Östervik", "Finland")
    assert stores["admin"].list_workshops()[0].owner is None  # the laptop's: nobody's yet
    assert stores["ostervik"].list_workshops() == []
    stores["admin"].set_owner(laptop_wid, "ostervik")
    assert [w.id for w in stores["ostervik"].list_workshops()] == [laptop_wid]
    assert [w.id for w in stores["varnholm"].list_workshops()] == [varnholm_wid]
    with pytest.raises(NotPermitted):
        stores["admin"].set_owner(laptop_wid, "../etc")


def test_the_store_reads_its_scope_from_the_hub_s_environment(nsc_store_url, stores, varnholm_wid, monkeypatch):
    monkeypatch.setenv(CITY_ENV, "ostervik")
    store = open_store(nsc_store_url)
    try:
        assert store.scope == Scope.of_city("ostervik") and store.list_workshops() == []
    finally:
        store.close()
    monkeypatch.setenv(CITY_ENV, "-")
    store = open_store(nsc_store_url)
    try:
        assert store.scope == Scope.nothing()
    finally:
        store.close()
    monkeypatch.delenv(CITY_ENV)
    store = open_store(nsc_store_url)  # no hub: the laptop's store, every workshop
    try:
        assert [w.id for w in store.list_workshops()] == [varnholm_wid]
    finally:
        store.close()


def test_the_cli_of_another_city_neither_lists_nor_exports_nor_changes_it(stores, varnholm_wid, run, monkeypatch):
    monkeypatch.setenv(CITY_ENV, "ostervik")
    assert varnholm_wid not in run("list").output
    for args in (["export", varnholm_wid, "--format", "bundle", "--out", "x.json"], ["history", varnholm_wid]):
        result = run(*args)
        assert result.exit_code != 0 and f"There is no workshop '{varnholm_wid}'" in result.output
    result = run("owner", varnholm_wid, "ostervik")
    assert result.exit_code != 0 and "administrator" in result.output
    monkeypatch.delenv(CITY_ENV)
    assert run("owner", varnholm_wid).output.strip() == "varnholm"
    assert f"{varnholm_wid}\tHate online" in run("list").output


def test_a_store_written_before_owners_opens_with_its_workshops_nobody_s(nsc_store_url, stores, varnholm_wid):
    engine = sa.create_engine(nsc_store_url)
    with engine.begin() as conn:  # the database as kit schema 3 left it
        conn.execute(sa.text("DROP INDEX IF EXISTS ix_nsc_workshops_owner"))
        conn.execute(sa.text("ALTER TABLE nsc_workshops DROP COLUMN owner"))
        conn.execute(sa.text("UPDATE nsc_info SET value = '3' WHERE key = 'schema'"))
    engine.dispose()
    store = open_store(nsc_store_url, scope=Scope.laptop())
    try:
        assert [(w.id, w.owner) for w in store.list_workshops()] == [(varnholm_wid, None)]
    finally:
        store.close()
    city = open_store(nsc_store_url, scope=Scope.of_city("varnholm"))
    try:
        assert city.list_workshops() == []  # nobody's until the admin gives it to the city
    finally:
        city.close()


@pytest.mark.parametrize(
    ("groups", "city", "roles", "scope"),
    [
        (["city:varnholm", "facilitator"], "varnholm", {"facilitator"}, Scope.of_city("varnholm")),
        (["secretariat"], None, {"secretariat"}, Scope.nothing()),
        (["secretariat", "city:ostervik", "facilitator", "choir"], "ostervik", {"facilitator", "secretariat"},
         Scope.of_city("ostervik")),
        (["city:varnholm", "secretariat"], "varnholm", {"secretariat"}, Scope.nothing()),
    ],
)  # fmt: skip
def test_an_account_from_the_hub_s_groups(groups, city, roles, scope):
    principal = Principal.from_groups("someone", groups)
    assert (principal.city, set(principal.roles), principal.scope) == (city, roles, scope)
    assert Scope.from_env(principal.env()) == scope


@pytest.mark.parametrize(
    ("groups", "says"),
    [
        (["city:varnholm", "city:ostervik", "facilitator"], "several cities (ostervik, varnholm)"),
        (["facilitator"], "belongs to no city"),
        (["city:varnholm"], "no role"),
        (["city:../../etc", "facilitator"], "not a city name"),
    ],
)
def test_an_account_the_kit_cannot_serve_is_refused_saying_why(groups, says):
    with pytest.raises(NotPermitted) as caught:
        Principal.from_groups("someone", groups)
    assert says in str(caught.value)
