"""The room's screen: what the facilitator chose to show, large, following the workshop live."""

from __future__ import annotations

import ipywidgets as widgets

from nsc_workshop.i18n import current_language, t
from nsc_workshop.plots.votes import vote_chart
from nsc_workshop.plots.wickedness import wickedness_chart
from nsc_workshop.session import WorkshopSession
from nsc_workshop.summaries.framing import framing_summary
from nsc_workshop.summaries.sprint import decision, timer_state, visible_ideas
from nsc_workshop.summaries.votes import vote_tally
from nsc_workshop.widgets._html import esc
from nsc_workshop.widgets._panel import Panel
from nsc_workshop.widgets.framing_summary_view import summary_html
from nsc_workshop.widgets.network_view import NetworkPanel
from nsc_workshop.widgets.shared_timer import SharedTimer

__all__ = ["ProjectorView"]

_BIG = "font-size:1.6em;line-height:1.4"


class ProjectorView(Panel):
    """Always the timer and the step; below it the view the facilitator picked (``settings.projector``)."""

    def __init__(self, session: WorkshopSession) -> None:
        self.timer = SharedTimer()
        self.step = widgets.HTML()
        self.body = widgets.HTML()
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.map: NetworkPanel | None = None
        self.slot = widgets.VBox()
        super().__init__(session, [widgets.HBox([self.timer, self.step]), self.slot])
        self.add_class("nsc-projector")
        self.showing = ""
        self.refresh()

    def refresh(self) -> None:
        super().refresh()
        workshop = self.session.workshop
        state = timer_state(workshop)
        self.timer.show(state["title"], state["started_at"], float(state["base_remaining_s"]))
        self.step.value = f"<span style='{_BIG};color:#555'>{esc(workshop.meta.title)}</span>"
        view = workshop.settings.projector or "timer"
        self.showing = view
        parts: list[widgets.Widget] = [self.body]
        self.body.value = ""
        if view == "ideas":
            ideas = visible_ideas(workshop, None, "projector")
            cards = "".join(
                f"<div class='nsc-projector-idea' style='border:1px solid #ccc;border-radius:6px;padding:.6em;"
                f"margin:.3em;width:16em;display:inline-block;vertical-align:top'>{esc(i.text)}</div>"
                for i in ideas
            )
            self.body.value = f"<p style='{_BIG}'>{esc(t('projector.ideas', count=len(ideas)))}</p>{cards}"
        elif view in ("idea_votes", "hmw_votes"):
            rnd = "ideas" if view == "idea_votes" else "hmw"
            tally = vote_tally(workshop, rnd)
            labels = {**{i.id: i.text for i in visible_ideas(workshop, None)},
                      **{s.id: s.title for s in workshop.sprint.sketches.values()},
                      **{h.id: h.text for h in workshop.framing.hmw_notes.values()}}  # fmt: skip
            ranked = [(labels[k], v) for k, v in tally.ranked() if k in labels]
            title = t(f"room.projector.{view}")
            self.picture(self.image, (view, tuple(ranked), title), lambda: vote_chart(ranked, title=title), dpi=110)
            parts = [self.image]
        elif view == "decision":
            result = decision(workshop)
            chosen = result["chosen_concept"]
            self.body.value = (
                f"<p style='{_BIG}'><strong>{esc(chosen['label'])}</strong></p><p style='{_BIG}'>"
                f"{esc(result['rationale'])}</p>"
                if chosen
                else f"<p style='{_BIG}'>{esc(t('projector.no_decision'))}</p>"
            )
        elif view == "map":
            if self.map is None:
                self.map = NetworkPanel(self.session)
                self.map.view.height = 760
            parts = [self.map.view, self.map.legend]
        elif view == "wickedness":
            inputs = (view, workshop.meta, workshop.framing.wickedness, current_language())
            self.picture(self.image, inputs, lambda: wickedness_chart(workshop), dpi=110)
            parts = [self.image]
        elif view == "framing":
            self.body.value = f"<div style='font-size:1.3em'>{summary_html(framing_summary(workshop))}</div>"
        elif view == "join":
            self.body.value = join_html()
        self.slot.children = parts


def join_html() -> str:
    """How to join the room, for the big screen: the QR code, the address and the code (from the server's links)."""
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
        return f"<p style='{_BIG}'>{esc(t('projector.join.none'))}</p>"
    out = io.BytesIO()
    qr_code(link).save(out, kind="svg", scale=12, border=2, dark="#000", light="#fff")
    svg = base64.b64encode(out.getvalue()).decode()
    code = format_code(link.rstrip("/").rsplit("/", 1)[-1])
    return (
        "<div class='nsc-projector-join' style='display:flex;gap:3em;align-items:center;flex-wrap:wrap'>"
        f"<img alt='{esc(t('projector.join.qr'))}' src='data:image/svg+xml;base64,{svg}'"
        " style='width:40vh;min-width:16em'>"
        f"<div style='font-size:2.2em;line-height:1.5'><p>{esc(t('projector.join.scan'))}</p>"
        f"<p>{esc(t('projector.join.or'))}<br><strong>{esc(join)}</strong></p>"
        f"<p>{esc(t('projector.join.code'))}<br><strong class='nsc-join-code' style='font-size:1.6em;"
        f"letter-spacing:.08em'>{esc(code)}</strong></p></div></div>"
    )
