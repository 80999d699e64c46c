"""The room over its real protocol: devices (Python clients speaking HTTP and WebSocket) and a real server.

Each test starts the kit's server on a fresh store with one room, then plays
the room: participants join, write, vote; the facilitator (a session on the
same store, as the facilitator's app is) pauses, reveals, switches anonymity.
"""

from __future__ import annotations

import asyncio
import io
import json
import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from PIL import Image

from nsc_workshop import open_store
from nsc_workshop.room.client import RoomClient, RoomRefused
from nsc_workshop.serve import VoilaServer
from nsc_workshop.store import Store

pytestmark = pytest.mark.slow

WID = "room-test"


@pytest.fixture
def room(tmp_path: Path) -> Iterator[tuple[VoilaServer, Store]]:
    url = f"sqlite:///{tmp_path / 'city.db'}"
    store = open_store(url)
    store.create_workshop("Online hate", "Varnholm", "Norway", workshop_id=WID)
    store.create_workshop("Kettilsby's restricted work", "Kettilsby", "Sweden", workshop_id="kettilsby")
    server = VoilaServer.for_room(url, workshop=WID, quiet=os.environ.get("NSC_VOILA_LOGS") != "1")
    with server:
        yield server, store
    store.close()


def run(coro):  # type: ignore[no-untyped-def]
    """Play a room on an event loop of its own (Playwright's sync API may hold this thread's)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


async def devices(server: VoilaServer, *names: str, connect: bool = True) -> list[RoomClient]:
    """Devices that joined the room under ``names`` (and opened their live connection)."""
    joined = [RoomClient(server.participant_url()) for _ in names]
    for device, name in zip(joined, names, strict=True):
        await device.join(name)
        if connect:
            await device.connect()
    return joined


def photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 240), "white").save(out, "JPEG")
    return out.getvalue()


def test_joining_issues_a_handle_unique_in_the_room(room):
    server, _store = room

    async def play() -> None:
        ana = RoomClient(server.participant_url())
        assert await ana.join("Ana Berg") == "Ana Berg"
        again = RoomClient(server.participant_url())
        with pytest.raises(RoomRefused) as taken:
            await again.join("  ana   berg ")
        assert taken.value.status == 409 and taken.value.body["suggestion"] == "ana berg 2"
        for reserved in ("facilitator", "Projector", "anon-12345"):
            with pytest.raises(RoomRefused):
                await RoomClient(server.participant_url()).join(reserved)
        assert (await RoomClient(server.participant_url()).join(None)).startswith("Guest ")
        wrong = RoomClient(server.participant_url().replace(server.code or "", "000000000000"))
        with pytest.raises(RoomRefused) as refused:
            await wrong.join("Eve")
        assert refused.value.status == 403
        status, _ = await wrong.get("/room/api/host/people")
        assert status == 403

    run(play())


def test_a_device_is_who_its_cookie_says_never_who_it_claims(room):
    server, store = room

    async def play() -> None:
        ana, bo = await devices(server, "Ana", "Bo")
        note = await ana.op("hmw.add", text="How might we listen?")
        assert note["ok"]
        # Bo cannot remove Ana's note, nor undo it; the op carries no name to pretend with
        refused = await bo.op("item.remove", kind="hmw", id=note["item"])
        assert not refused["ok"] and "someone else" in refused["error"]
        claimed = await bo.op("hmw.add", text="I am Ana", author="Ana")
        assert not claimed["ok"]  # unknown argument: nobody names themselves
        assert not (await bo.op("undo"))["ok"]
        forged = RoomClient(server.participant_url())
        forged.cookie = bo.cookie.replace("=", "=x", 1)  # type: ignore[union-attr]
        with pytest.raises(RoomRefused, match="4401"):  # closed at once: not a device of this room
            await forged.connect(timeout=5)
        assert (await ana.op("undo"))["ok"]
        await bo.wait_for(lambda: note["item"] not in bo.items)

    run(play())
    authors = {n.author for n in store.load(WID).framing.hmw_notes.values()}
    assert authors == set()


def test_what_a_participant_is_sent_never_holds_what_they_may_not_see(room):
    """Every frame sent to a participant, captured: no private idea, no vote by person, no other workshop."""
    server, store = room
    host = store.session(WID, participant="facilitator")
    other = store.session("kettilsby", participant="facilitator")
    other.add_hmw("KETTILSBY-RESTRICTED-NOTE")

    async def play() -> None:
        ana, bo = await devices(server, "Ana", "Bo")
        secret = await ana.op("idea.add", text="SECRET-IDEA-OF-ANA", private=True)
        assert secret["ok"]
        assert ana.items[secret["item"]]["private"] is True  # Ana sees her own
        host.add_idea("SECRET-IDEA-OF-THE-FACILITATOR", private=True)
        public = await ana.op("idea.add", text="A public idea")
        await bo.wait_for(lambda: public["item"] in bo.items and bo.hidden == 2)
        assert not (await ana.op("dot.add", target=secret["item"]))["ok"]  # no dot on a private idea
        for target in (public["item"], public["item"]):
            assert (await bo.op("dot.add", target=target))["ok"]
        assert (await ana.op("dot.add", target=public["item"]))["ok"]
        await bo.wait_for(lambda: bo.dots.get(public["item"], {}).get("n") == 3)
        assert bo.dots[public["item"]]["mine"] == 2 and ana.dots[public["item"]]["mine"] == 1
        await bo.op("hmw.add", text="Bo's note before anonymity")
        host.update_settings(anonymous=True)
        await bo.wait_for(lambda: bo.room.get("anonymous"))
        mark = len(bo.frames)
        anonymous = await ana.op("hmw.add", text="An anonymous note")
        await bo.wait_for(lambda: anonymous["item"] in bo.items)
        assert bo.items[anonymous["item"]]["by"] is None and ana.items[anonymous["item"]]["mine"] is True
        assert all('"Ana"' not in frame for frame in bo.frames[mark:])  # no name while anonymous
        refused = await bo.op("item.remove", kind="hmw", id=anonymous["item"])
        assert not refused["ok"]  # anonymous to Bo, still Ana's
        host.reveal_ideas()
        await bo.wait_for(lambda: any(i.get("text") == "SECRET-IDEA-OF-ANA" for i in bo.items.values()))
        return_frames = list(bo.frames)
        await ana.close()
        await bo.close()
        before_reveal = return_frames[: next(i for i, f in enumerate(return_frames) if "SECRET-IDEA-OF-ANA" in f)]
        for frame in before_reveal:
            assert "SECRET-IDEA" not in frame
        for frame in return_frames:
            assert "KETTILSBY" not in frame and "participant" not in frame and '"v_' not in frame
            assert "anon-" not in frame
            data = json.loads(frame)
            assert data["t"] in ("hello", "patch", "room", "timer", "ack", "pong")

    run(play())


def test_a_contribution_is_applied_once_however_often_it_is_sent(room):
    server, store = room

    async def play() -> None:
        (ana,) = await devices(server, "Ana")
        first = await ana.op("iceberg.add", op_id="note-1", layer="events", text="A fight at school, filmed")
        twice = await ana.op("iceberg.add", op_id="note-1", layer="events", text="A fight at school, filmed")
        over_http = await ana.post_op("iceberg.add", op_id="note-1", layer="events", text="A fight at school, filmed")
        assert first["ok"] and twice["dup"] and over_http["dup"] and first["item"] == twice["item"] == over_http["item"]
        hmw = (await ana.op("hmw.add", text="HMW?"))["item"]
        dot = await ana.op("dot.add", op_id="dot-1", target=hmw)
        again = await ana.op("dot.add", op_id="dot-1", target=hmw)  # a double tap on a dot: one dot
        assert dot["ok"] and again.get("dup")
        await ana.close()
        await ana.connect()  # a reconnect: the resend is still one contribution
        assert (await ana.op("iceberg.add", op_id="note-1", layer="events", text="A fight at school, filmed"))["dup"]

    run(play())
    workshop = store.load(WID)
    assert len(workshop.framing.iceberg_notes) == 1 and len(workshop.votes) == 1


def test_paused_input_is_kept_and_the_facilitator_can_remove_a_device(room):
    server, store = room
    host = store.session(WID, participant="facilitator")

    async def play() -> None:
        (ana,) = await devices(server, "Ana")
        host.update_settings(locked=True)
        await ana.wait_for(lambda: ana.room.get("locked"))
        paused = await ana.op("hmw.add", op_id="p-1", text="Written during the pause")
        assert not paused["ok"] and paused["paused"]  # the page keeps it and sends it again
        host.update_settings(locked=False)
        await ana.wait_for(lambda: not ana.room.get("locked"))
        assert (await ana.op("hmw.add", op_id="p-1", text="Written during the pause"))["ok"]
        people = json.loads((await host_get(server, "/room/api/host/people"))[1])["people"]
        assert [(p["handle"], p["online"]) for p in people] == [("Ana", True)]
        await host_post(server, "/room/api/host/remove", {"device": people[0]["device"]})
        await ana.wait_for(lambda: ana.removed or not ana.connected)
        with pytest.raises(RoomRefused, match="4401"):  # its cookie opens nothing any more
            await ana.connect(timeout=5)
        _status, body = await ana.get("/room/api/room")
        assert json.loads(body)["removed"] is True

    run(play())


def test_photos_of_sketches_and_heat_map_stickers(room):
    server, store = room

    async def play() -> None:
        ana, bo = await devices(server, "Ana", "Bo", connect=False)
        await bo.connect()
        ack = await ana.post_op("sketch.add", op_id="s-1", photo=photo(), title="Crazy 8s: a mentor app")
        assert ack["ok"], ack
        dup = await ana.post_op("sketch.add", op_id="s-1", photo=photo(), title="Crazy 8s: a mentor app")
        assert dup["dup"]
        sketch = await bo.wait_for(lambda: bo.items.get(ack["item"]))
        assert sketch["image"] and "by" not in sketch  # a sketch never carries its author
        status, data = await bo.get(f"/room/api/image/{sketch['image']}")
        assert status == 200 and data[:2] == b"\xff\xd8"
        assert (await bo.get("/room/api/image/att_unknown"))[0] == 404
        stranger = RoomClient(server.participant_url())
        assert (await stranger.get(f"/room/api/image/{sketch['image']}"))[0] == 404  # not joined
        assert (await bo.op("heat.add", sketch=ack["item"], x=0.25, y=0.5))["ok"]
        await bo.wait_for(lambda: bo.heat.get(ack["item"]) == [[0.25, 0.5]])
        refused = await ana.post_op("sketch.add", photo=b"not an image", title="Broken")
        assert not refused["ok"] and refused["field"] == "file"
        after_reload = await ana.post_op("sketch.add", op_id="s-1", title="Crazy 8s: a mentor app")  # no photo
        assert after_reload["ok"] and after_reload["dup"]  # the page learns it was saved before
        await bo.close()

    run(play())
    assert len(store.load(WID).sprint.sketches) == 1


async def host_get(server: VoilaServer, path: str) -> tuple[int, bytes]:
    client = RoomClient(server.participant_url())
    return await client.get(f"{path}?key={server.facilitator_key}")


async def host_post(server: VoilaServer, path: str, body: dict[str, str]) -> None:
    from tornado.httpclient import AsyncHTTPClient, HTTPRequest

    headers = {"Content-Type": "application/json", "X-NSC-Key": server.facilitator_key or ""}
    request = HTTPRequest(f"{server.base_url}{path}", method="POST", body=json.dumps(body), headers=headers)
    response = await AsyncHTTPClient().fetch(request)
    assert json.loads(response.body)["ok"]


def test_thirty_phones_at_once(room):
    """Thirty devices join and write at once: every note saved once, every page shows every note."""
    server, store = room

    async def play() -> None:
        people = [RoomClient(server.participant_url()) for _ in range(30)]
        await asyncio.gather(*(p.join(f"P{i:02d}") for i, p in enumerate(people)))
        await asyncio.gather(*(p.connect() for p in people))

        async def write(i: int, person: RoomClient) -> None:
            for n in range(5):
                ack = await person.op("hmw.add", text=f"P{i:02d} note {n}")
                assert ack["ok"], ack

        await asyncio.gather(*(write(i, p) for i, p in enumerate(people)))
        for person in people:
            await person.wait_for(lambda p=person: sum(1 for i in p.items.values() if i["k"] == "hmw") == 150)
        await asyncio.gather(*(p.close() for p in people))

    run(play())
    texts = [n.text for n in store.load(WID).framing.hmw_notes.values()]
    assert len(texts) == len(set(texts)) == 150


def test_the_facilitator_names_the_decider_who_gives_the_supervote(room):
    server, store = room

    async def play() -> None:
        (dana,) = await devices(server, "Dana")
        await RoomClient(server.participant_url()).join("Eli", sector="police")
        idea = await dana.op("idea.add", text="Mentors in the youth club")
        assert not (await dana.op("supervote", target=idea["item"]))["ok"]  # not the decider (yet)
        people = json.loads((await host_get(server, "/room/api/host/people"))[1])["people"]
        device = next(p["device"] for p in people if p["handle"] == "Dana")
        await host_post(server, "/room/api/host/decider", {"device": device, "on": True})
        await dana.wait_for(
            lambda: '"decider":true' in dana.frames[-1] or any('"decider":true' in f for f in dana.frames)
        )
        assert (await dana.op("supervote", target=idea["item"]))["ok"]
        assert not (await dana.op("supervote", target=idea["item"]))["ok"]  # once per round
        await dana.close()

    run(play())
    workshop = store.load(WID)
    assert {(p.handle, p.role, p.sector) for p in workshop.participants.values()} == {
        ("Dana", "decider", ""), ("Eli", "participant", "police")
    }  # fmt: skip
    assert [v.participant for v in workshop.votes.values() if v.kind == "supervote"] == ["Dana"]


def test_the_facilitators_controls_count_who_is_in_the_room(room, monkeypatch):
    from nsc_workshop.widgets.room_people import RoomPeople

    server, _store = room
    monkeypatch.setenv("NSC_ROOM_URL", server.base_url)
    monkeypatch.setenv("NSC_FACILITATOR_KEY", server.facilitator_key or "")

    async def play() -> None:
        (ana,) = await devices(server, "Ana")
        await devices(server, "Bo", connect=False)
        people = RoomPeople()  # (a blocking call, as in the facilitator's kernel: the server is another process)
        assert "2 in the room · 1 connected" in people.value and "/room/host?key=" in people.value
        monkeypatch.setenv("NSC_FACILITATOR_KEY", "wrong")
        assert RoomPeople().value == ""  # the server answers the facilitator's key only
        await ana.close()

    run(play())
