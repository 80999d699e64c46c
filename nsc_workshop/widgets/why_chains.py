"""Step 4 of framing: 5 whys, from a symptom down to a root cause that can go into the problem tree."""

from __future__ import annotations

import ipywidgets as widgets

from nsc_workshop.i18n import t
from nsc_workshop.model import WhyChain
from nsc_workshop.session import WorkshopSession
from nsc_workshop.widgets._html import esc, message_html
from nsc_workshop.widgets._panel import Panel

__all__ = ["WhyChains"]


class WhyChains(Panel):
    """Start a chain from a symptom; answer "why?" until the root; send the root (or any answer) to the tree."""

    def __init__(self, session: WorkshopSession) -> None:
        self.symptom = widgets.Text(placeholder=t("whys.symptom"), layout=widgets.Layout(width="40em"))
        self.start = widgets.Button(description=t("whys.start"), button_style="primary", icon="plus")
        self.start.on_click(lambda _: self.add_chain())
        self.chains = widgets.VBox()
        self.answers: dict[str, widgets.Text] = {}
        super().__init__(session, [widgets.HBox([self.symptom, self.start])])
        self.children = (*self.children, self.message, self.chains)
        self.add_class("nsc-whys")
        self.refresh()

    def refresh(self) -> None:
        super().refresh()
        self.answers = {}
        self.chains.children = [self._chain(c) for c in self.session.workshop.framing.why_chains.values()]

    def _chain(self, chain: WhyChain) -> widgets.Widget:
        lines = [f"<p style='margin:.2em 0'><strong>{esc(t('whys.symptom_label'))}</strong> {esc(chain.symptom)}</p>"]
        lines += [
            f"<p style='margin:.1em 0 .1em {1 + i}em' data-why='{i}'>{esc(t('whys.why', n=i + 1))} {esc(w)}</p>"
            for i, w in enumerate(chain.whys)
        ]
        answer = widgets.Text(placeholder=t("whys.next", n=len(chain.whys) + 1), layout=widgets.Layout(width="36em"))
        self.answers[chain.id] = answer
        add = widgets.Button(description=t("whys.answer"), icon="level-down")
        add.on_click(lambda _b, cid=chain.id: self.answer(cid))
        send = widgets.Button(description=t("whys.send"), icon="sitemap", disabled=not chain.whys)
        send.on_click(lambda _b, cid=chain.id: self.send(cid))
        remove = widgets.Button(icon="trash", tooltip=t("whys.remove"), layout=widgets.Layout(width="2.5em"))
        remove.on_click(lambda _b, cid=chain.id: self.run("", self.session.remove, "why_chain", cid))
        box = widgets.VBox([widgets.HTML("".join(lines)), widgets.HBox([answer, add, send, remove])])
        box.add_class("nsc-why-chain")
        box.layout = widgets.Layout(border="1px solid #ddd", padding=".4em", margin=".3em 0")
        return box

    def add_chain(self) -> WhyChain | None:
        if not self.symptom.value.strip():
            return None
        chain = self.run("", self.session.framing.add_why_chain, self.symptom.value.strip())
        if isinstance(chain, WhyChain):
            self.symptom.value = ""
            return chain
        return None

    def answer(self, chain_id: str) -> WhyChain | None:
        entry = self.answers.get(chain_id)
        if entry is None or not entry.value.strip():
            return None
        result = self.run("", self.session.framing.add_why, chain_id, entry.value.strip())
        return result if isinstance(result, WhyChain) else None

    def send(self, chain_id: str) -> None:
        node = self.run("", self.session.framing.send_why_to_tree, chain_id)
        if node is not None:
            self.message.value = message_html("ok", t("whys.sent"))
