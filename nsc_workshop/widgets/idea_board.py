"""Ideas: notes by participant (private until revealed), Crazy 8s, lightning demos, grouped by theme."""

from __future__ import annotations

from functools import partial

import ipywidgets as widgets

from nsc_workshop.i18n import t
from nsc_workshop.model import ANON_PREFIX, Idea, is_owner
from nsc_workshop.session import WorkshopSession
from nsc_workshop.summaries.sprint import hidden_idea_count, visible_ideas
from nsc_workshop.widgets._html import esc, message_html
from nsc_workshop.widgets._panel import Panel

__all__ = ["IdeaBoard"]


class IdeaBoard(Panel):
    """Write an idea (privately if chosen); the facilitator reveals private ideas and sorts ideas into themes.

    Private ideas nobody else may read yet never reach this page: they are
    filtered out here, in the kernel, before anything is drawn.
    """

    def __init__(self, session: WorkshopSession, role: str = "facilitator") -> None:
        self.role = role
        self.text = widgets.Textarea(placeholder=t("ideas.placeholder"), layout=widgets.Layout(width="44em"))
        self.kind = widgets.ToggleButtons(
            options=[(t("ideas.kind.note"), "note"), (t("ideas.kind.crazy8"), "crazy8")], value="note"
        )
        self.private = widgets.Checkbox(description=t("ideas.private"), indent=False)
        self.add_button = widgets.Button(description=t("ideas.add"), button_style="primary", icon="plus")
        self.add_button.on_click(lambda _: self.add())
        self.demo_title = widgets.Text(placeholder=t("ideas.demo.title"), layout=widgets.Layout(width="30em"))
        self.demo_link = widgets.Text(placeholder="https://", layout=widgets.Layout(width="24em"))
        self.demo_button = widgets.Button(description=t("ideas.demo.add"), icon="link")
        self.demo_button.on_click(lambda _: self.add_demo())
        self.reveal_button = widgets.Button(description=t("ideas.reveal"), icon="eye")
        self.reveal_button.on_click(lambda _: self.reveal())
        self.reveal_button.layout.display = "" if role == "facilitator" else "none"
        self.hidden = widgets.HTML()
        self.list = widgets.VBox()
        write = widgets.VBox([self.text, widgets.HBox([self.kind, self.private, self.add_button])])
        demos = widgets.VBox(
            [widgets.HTML(f"<p>{esc(t('ideas.demo.help'))}</p>"),
             widgets.HBox([self.demo_title, self.demo_link, self.demo_button])]
        )  # fmt: skip
        super().__init__(session, [write, widgets.Accordion(children=[demos], titles=(t("ideas.demos"),))])
        self.children = (*self.children, self.message, widgets.HBox([self.reveal_button, self.hidden]), self.list)
        self.add_class("nsc-ideas")
        self.refresh()

    @property
    def me(self) -> str | None:
        return self.session.participant

    def refresh(self) -> None:
        super().refresh()
        workshop = self.session.workshop
        ideas = visible_ideas(workshop, self.me, self.role)
        hidden = hidden_idea_count(workshop, self.me)
        self.hidden.value = (
            f"<span class='nsc-hidden-count'>{esc(t('ideas.hidden', count=hidden))}</span>" if hidden else ""
        )
        self.reveal_button.disabled = not any(i.private and not i.revealed for i in workshop.sprint.ideas.values())
        themes = sorted({i.theme for i in workshop.sprint.ideas.values() if i.theme})
        groups: dict[str, list[Idea]] = {}
        for idea in ideas:
            groups.setdefault(idea.theme, []).append(idea)
        rows: list[widgets.Widget] = []
        shown: list[str] = []
        for theme in sorted(groups, key=lambda th: (th == "", th.lower())):
            heading = f"theme:{theme}"
            rows.append(self.reuse("ideas", heading, theme, partial(_heading, theme or t("sprint.theme.none"))))
            shown.append(heading)
            for idea in groups[theme]:
                rows.append(self.reuse("ideas", idea.id, (idea, tuple(themes)), partial(self._row, idea, themes)))
                shown.append(idea.id)
        self.forget_others("ideas", shown)
        self.list.children = rows

    def _row(self, idea: Idea, themes: list[str]) -> widgets.Widget:
        badge = t(f"ideas.kind.{idea.kind}")
        private = f" <em>({esc(t('ideas.private_mark'))})</em>" if idea.private and not idea.revealed else ""
        link = (
            f" <a href='{esc(idea.link)}' target='_blank' rel='noopener noreferrer'>{esc(idea.link)}</a>"
            if idea.link
            else ""
        )
        named = idea.author and not idea.author.startswith(ANON_PREFIX)  # a pseudonym is an owner, not a name
        author = f" <span style='color:#777'>— {esc(idea.author)}</span>" if named else ""
        text = widgets.HTML(
            f"<div style='width:40em' class='nsc-idea' data-idea='{esc(idea.id)}'><span style='color:#555'>"
            f"[{esc(badge)}]</span> {esc(idea.text)}{link}{author}{private}</div>"
        )
        mine = self.role == "facilitator" or is_owner(idea.author, self.me, self.session.workshop_id)
        theme = widgets.Combobox(
            value=idea.theme, options=themes, placeholder=t("ideas.theme"), ensure_option=False,
            continuous_update=False, disabled=not mine, layout=widgets.Layout(width="14em"),
        )  # fmt: skip
        set_theme = self.session.sprint.set_theme
        theme.observe(lambda change, iid=idea.id: self.run("", set_theme, iid, change["new"].strip()), names="value")
        remove = widgets.Button(icon="trash", tooltip=t("ideas.remove"), disabled=not mine,
                                layout=widgets.Layout(width="2.5em"))  # fmt: skip
        remove.on_click(lambda _b, iid=idea.id: self.run("", self.session.remove_idea, iid))
        return widgets.HBox([text, theme, remove], layout=widgets.Layout(align_items="center"))

    def add(self) -> Idea | None:
        text = self.text.value.strip()
        if not text:
            return None
        idea = self.run("", self.session.add_idea, text, kind=self.kind.value, private=self.private.value)
        if isinstance(idea, Idea):
            self.text.value = ""
            note = t("ideas.added_private") if idea.private else t("ideas.added")
            self.message.value = message_html("ok", note)
            return idea
        return None

    def add_demo(self) -> Idea | None:
        title, link = self.demo_title.value.strip(), self.demo_link.value.strip() or None
        if not title:
            return None
        idea = self.run("", self.session.sprint.add_lightning_demo, title, link)
        if isinstance(idea, Idea):
            self.demo_title.value = self.demo_link.value = ""
            return idea
        return None

    def reveal(self) -> None:
        revealed = self.run("", self.session.sprint.reveal_ideas)
        if self.ok:
            self.message.value = message_html("ok", t("ideas.revealed", count=len(revealed or [])))


def _heading(title: str) -> widgets.HTML:
    """A group's heading above its rows."""
    return widgets.HTML(f"<h4 style='margin:.6em 0 .2em'>{esc(title)}</h4>")
