"""What the room's screen shows, as plain data: one dict per mode, drawn by :mod:`projector_stage`.

A pure function of the workshop (and the time): no widgets here, so every mode
is tested without a browser. The browser draws the dict large (every text at
28 px or more on a 1920×1080 screen), counts the timer down by itself and, when
cards or bars do not fit the screen, shows fewer and says how many more there
are (:data:`MAX_ITEMS` at most are sent; ``more`` holds the words for each count).

What never reaches the screen: a private idea not yet revealed (only how many
there are), votes by person, and anything of the facilitator's own page.
"""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

from nsc_workshop.i18n import t
from nsc_workshop.model import Workshop
from nsc_workshop.plots.palette import category_colors
from nsc_workshop.summaries.framing import framing_summary
from nsc_workshop.summaries.sprint import decision, hidden_idea_count, schedule, timer_state, visible_ideas
from nsc_workshop.summaries.votes import vote_tally

__all__ = ["MAX_ITEMS", "MODES", "screen_data"]

MODES: tuple[str, ...] = (
    "join",
    "timer",
    "notes",
    "iceberg",
    "ideas",
    "idea_votes",
    "hmw_votes",
    "decision",
    "map",
    "wickedness",
    "framing",
)
"""Every mode the screen knows, which the facilitator chooses from (``app_frame.PROJECTOR_VIEWS``); else ``timer``."""

MAX_ITEMS = 24
"""At most this many cards or bars are sent; the browser shows those that fit and names the rest."""

ICEBERG_LAYERS = ("events", "patterns", "structures", "mental_models")


def _more(total: int, sent: int) -> dict[str, str]:
    """``"and N more"`` for every N the browser may need (it hides cards that do not fit)."""
    return {str(n): t("screen.more", count=n) for n in range(max(1, total - sent), total + 1)}


def _timer(workshop: Workshop) -> dict[str, Any]:
    state = timer_state(workshop)
    active = state["item"] is not None or state["running"]
    return {
        "active": bool(active),
        "running": bool(state["running"]),
        "item_title": state["title"],
        "started_at": state["started_at"],
        "remaining_s": float(state["base_remaining_s"]),
        "server_now": time.time(),
        "paused": t("screen.timer.paused"),
    }


def _next_item(workshop: Workshop) -> dict[str, Any] | None:
    """The agenda item after the timer's (the first one when no timer ran yet)."""
    rows = schedule(workshop)
    if not rows:
        return None
    current = workshop.sprint.timer.item
    ids = [row["id"] for row in rows]
    index = ids.index(current) + 1 if current in ids else 0
    if index >= len(rows):
        return None
    row = rows[index]
    return {"title": row["title"], "minutes": t("screen.minutes", count=row["duration_min"]), "start": row["start"]}


def screen_data(workshop: Workshop, mode: str | None) -> dict[str, Any]:
    """The dict the room's screen draws for ``mode`` (``settings.projector``; None or unknown: the timer).

    Always: ``mode``, ``title`` (the workshop's), ``doc_title`` (the browser
    tab's), ``heading``, ``timer`` (the shared countdown, ``active`` while an
    agenda item is timed) and ``lang``. Then, by mode, ``cards``, ``columns``,
    ``bars`` or ``blocks`` (lists of plain texts: the browser writes them as
    text, never as HTML), ``total`` and ``more``.

    >>> from nsc_workshop.datasets import load_sample
    >>> screen = screen_data(load_sample(), "ideas")
    >>> screen["mode"], len(screen["cards"]), screen["total"], screen["hidden"], screen["more"]["10"]
    ('ideas', 24, 25, 1, 'and 10 more')
    >>> screen_data(load_sample(), None)["mode"]
    'timer'
    """
    from nsc_workshop.i18n import current_language

    view = mode if mode in MODES else "timer"
    meta = workshop.meta
    base: dict[str, Any] = {
        "mode": view,
        "lang": current_language(),
        "title": meta.title,
        "doc_title": t("screen.doc_title", workshop=meta.title),
        "heading": t(f"screen.heading.{view}"),
        "timer": _timer(workshop),
        "more": {},
    }
    build = _BUILDERS.get(view)
    if build is not None:
        base.update(build(workshop))
    return base


def _timer_mode(workshop: Workshop) -> dict[str, Any]:
    meta = workshop.meta
    following = _next_item(workshop)
    return {
        "place": f"{meta.city}, {meta.country}",
        "idle": t("screen.timer.idle"),
        "next": t("screen.timer.next", title=following["title"], minutes=following["minutes"]) if following else "",
    }


def _cards(items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"cards": items[:MAX_ITEMS], "total": len(items), "more": _more(len(items), min(len(items), MAX_ITEMS))}


def _notes(workshop: Workshop) -> dict[str, Any]:
    notes = sorted(workshop.framing.hmw_notes.values(), key=lambda n: (n.cluster.casefold(), n.id))
    colors = category_colors(sorted({n.cluster for n in notes}))
    out = _cards([{"text": n.text, "tag": n.cluster, "color": colors.get(n.cluster, "#4d4d4d")} for n in notes])
    out["count"] = t("screen.notes.count", count=len(notes))
    out["empty"] = t("screen.notes.empty")
    return out


def _iceberg(workshop: Workshop) -> dict[str, Any]:
    notes = sorted(workshop.framing.iceberg_notes.values(), key=lambda n: (n.order, n.id))
    columns: list[dict[str, Any]] = []
    for layer in ICEBERG_LAYERS:
        texts = [n.text for n in notes if n.layer == layer]
        columns.append(
            {"heading": t(f"iceberg.{layer}"), "cards": [{"text": x} for x in texts[:MAX_ITEMS]], "total": len(texts)}
        )
    total = max((c["total"] for c in columns), default=0)
    return {
        "columns": columns,
        "total": len(notes),
        "more": _more(total, min(total, MAX_ITEMS)),
        "count": t("screen.notes.count", count=len(notes)),
        "empty": t("screen.notes.empty"),
    }


def _ideas(workshop: Workshop) -> dict[str, Any]:
    ideas = visible_ideas(workshop, None, "projector")  # private ideas not yet revealed never leave the kernel
    out = _cards([{"text": i.text, "tag": "", "color": ""} for i in reversed(ideas)])  # newest first
    hidden = hidden_idea_count(workshop, None)
    out["hidden"] = hidden
    out["note"] = t("screen.ideas.hidden", count=hidden) if hidden else ""
    out["count"] = t("projector.ideas", count=len(ideas))
    out["empty"] = t("screen.ideas.empty")
    return out


def _bars(ranked: list[tuple[str, int]], voters: int) -> dict[str, Any]:
    shown = ranked[:MAX_ITEMS]
    top = max((count for _, count in shown), default=0)
    return {
        "bars": [{"label": label, "count": count, "share": (count / top) if top else 0.0} for label, count in shown],
        "total": len(ranked),
        "more": _more(len(ranked), len(shown)),
        "count": t("screen.votes.dots", count=sum(count for _, count in ranked)),
        "voters": t("screen.votes.voters", count=voters) if voters else "",
        "empty": t("screen.votes.empty"),
    }


def _idea_votes(workshop: Workshop) -> dict[str, Any]:
    result = decision(workshop)  # hidden private ideas are neither labelled nor counted there
    ranked = [(str(row["label"]), int(row["dots"])) for row in result["tally"] if row["dots"] > 0]
    tally = vote_tally(workshop, "ideas")
    return _bars(ranked, sum(1 for who, used in tally.used.items() if used))


def _hmw_votes(workshop: Workshop) -> dict[str, Any]:
    tally = vote_tally(workshop, "hmw")
    notes = workshop.framing.hmw_notes
    ranked = [(notes[k].text, v) for k, v in tally.ranked() if k in notes and v > 0]
    return _bars(ranked, sum(1 for who, used in tally.used.items() if used))


def _decision(workshop: Workshop) -> dict[str, Any]:
    result = decision(workshop)
    chosen = result["chosen_concept"]
    idea = workshop.sprint.ideas.get(chosen["id"]) if chosen else None
    if idea is not None and idea.private and not idea.revealed:  # a private idea's text waits for its reveal
        chosen = None
    supervoted = [str(row["label"]) for row in result["supervotes"]]
    top = [f"{row['label']} · {t('screen.votes.dots', count=row['dots'])}" for row in result["tally"][:3]]
    dots = next((int(row["dots"]) for row in result["tally"] if chosen and row["id"] == chosen["id"]), 0)
    return {
        "chosen": chosen["label"] if chosen else "",
        "chosen_label": t("screen.decision.chosen"),
        "chosen_dots": t("screen.votes.dots", count=dots) if dots else "",
        "rationale": result["rationale"] if chosen else "",
        "supervote_label": t("screen.decision.supervote"),
        "supervotes": supervoted,
        "leading_label": t("screen.decision.leading"),
        "leading": top if not chosen else [],
        "empty": t("projector.no_decision"),
    }


def _wickedness(workshop: Workshop) -> dict[str, Any]:
    summary = framing_summary(workshop)["wickedness"]
    scores = summary["scores"]
    levels = {0: t("wickedness.0"), 1: t("wickedness.1"), 2: t("wickedness.2")}
    return {
        "bars": [
            {
                "label": row["label"],
                "count": levels.get(row["score"], "–") if row["score"] is not None else "–",
                "share": (row["score"] or 0) / 2,
            }
            for row in scores
        ],
        "total": len(scores),
        "count": t("screen.wickedness.total", total=summary["total"], maximum=summary["maximum"]),
        "voters": "",
        "empty": t("screen.wickedness.empty"),
    }


def _framing(workshop: Workshop) -> dict[str, Any]:
    summary = framing_summary(workshop)
    blocks = []
    for key, text in (
        ("screen.framing.pov", summary["point_of_view"]),
        ("screen.framing.hmw", (summary["hmw_top"] or [{}])[0].get("text", "")),
        ("screen.framing.goal", summary["long_term_goal"]),
    ):
        if text:
            blocks.append({"heading": t(key), "text": text})
    questions = list(summary["sprint_questions"])
    if questions:
        blocks.append({"heading": t("screen.framing.questions"), "items": questions[:4]})
    if not blocks and summary["problem_statement"]:
        blocks.append({"heading": t("screen.framing.problem"), "text": summary["problem_statement"]})
    return {"blocks": blocks, "empty": t("screen.framing.empty")}


def _map(workshop: Workshop) -> dict[str, Any]:
    from nsc_workshop.datasets import sectors
    from nsc_workshop.plots.network import NO_FILE_COLOR, opening_drawing

    if opening_drawing(workshop)[1] == "file":  # drawn in the file's own colours, which have no names
        own = Counter(a.color for a in workshop.actors.values() if a.color)
        label = f"{t('mapfile.legend.colors')}: {t('mapfile.legend.as_in_file')}"
        legend = [{"label": label, "color": own.most_common(1)[0][0] if own else NO_FILE_COLOR}]
        if sum(own.values()) < len(workshop.actors):
            legend.append({"label": t("mapfile.legend.no_color"), "color": NO_FILE_COLOR})
    else:
        counts = Counter(a.sector or "" for a in workshop.actors.values())
        colors = category_colors(sorted(counts))
        labels = {row["id"]: row["label"] for row in sectors()}
        ranked = sorted(counts, key=lambda s: (-counts[s], labels.get(s, s)))  # the sectors with most actors first
        legend = [{"label": labels.get(s, s) or t("map.no_sector"), "color": colors.get(s, "#999999")} for s in ranked]
    return {
        "legend": legend[:MAX_ITEMS],
        "total": len(legend),
        "more": _more(len(legend), min(len(legend), MAX_ITEMS)),
        "count": t("screen.map.count", actors=len(workshop.actors), ties=len(workshop.ties)),
        "empty": t("map.empty"),
    }


def _join(workshop: Workshop) -> dict[str, Any]:
    import base64
    import io
    import json
    import os

    from nsc_workshop.qr import qr_code
    from nsc_workshop.room.files import format_code

    try:
        links = json.loads(os.environ.get("NSC_ROOM_LINKS", "{}"))
    except ValueError:
        links = {}
    link, join = links.get("participant"), links.get("join")
    if not link or not join:
        return {"qr": "", "empty": t("projector.join.none")}
    out = io.BytesIO()
    qr_code(link).save(out, kind="svg", scale=12, border=2, dark="#000", light="#fff")
    return {
        "qr": "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode(),
        "qr_alt": t("projector.join.qr"),
        "scan": t("projector.join.scan"),
        "or": t("projector.join.or"),
        "address": join,
        "code_label": t("projector.join.code"),
        "code": format_code(link.rstrip("/").rsplit("/", 1)[-1]),
    }


_BUILDERS = {
    "join": _join,
    "timer": _timer_mode,
    "notes": _notes,
    "iceberg": _iceberg,
    "ideas": _ideas,
    "idea_votes": _idea_votes,
    "hmw_votes": _hmw_votes,
    "decision": _decision,
    "map": _map,
    "wickedness": _wickedness,
    "framing": _framing,
}
