"""Actors: add one, edit or remove one, paste many from a spreadsheet, see them all."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from nsc_workshop.datasets import sectors as sector_rows
from nsc_workshop.i18n import t
from nsc_workshop.model import Actor
from nsc_workshop.paste import parse_actor_rows
from nsc_workshop.session import WorkshopSession
from nsc_workshop.widgets._html import esc, message_html
from nsc_workshop.widgets._panel import Panel

__all__ = ["ActorForm", "ActorTable"]

_STYLE = {"description_width": "9em"}
_WIDE = widgets.Layout(width="34em")
LEVELS = ("neighbourhood", "local", "regional", "national", "nordic", "european", "global")
KINDS = ("organisation", "unit", "group", "role", "person")
STANCES = ("supports", "neutral", "opposes", "unknown")


def _scores() -> list[tuple[str, int | None]]:
    return [("–", None)] + [(str(i), i) for i in range(11)]


def _flags() -> list[tuple[str, bool | None]]:
    return [("–", None), (t("common.yes"), True), (t("common.no"), False)]


def sector_options() -> list[tuple[str, str]]:
    return [("–", "")] + [(str(row["label"]), str(row["id"])) for row in sector_rows()]


class ActorForm(widgets.VBox):
    """The fields of one actor, for adding a new one or editing a chosen one."""

    def __init__(self) -> None:
        self.name = widgets.Text(description=t("actor.field.name"), style=_STYLE, layout=_WIDE)
        self.sector = widgets.Dropdown(options=sector_options(), description=t("actor.field.sector"), style=_STYLE)
        self.kind = widgets.Dropdown(
            options=[(t(f"actor.kind.{k}"), k) for k in KINDS], description=t("actor.field.kind"), style=_STYLE
        )
        self.level = widgets.Dropdown(
            options=[("–", None)] + [(t(f"actor.level.{v}"), v) for v in LEVELS],
            description=t("actor.field.level"),
            style=_STYLE,
        )
        self.influence = widgets.Dropdown(options=_scores(), description=t("actor.field.influence"), style=_STYLE)
        self.interest = widgets.Dropdown(options=_scores(), description=t("actor.field.interest"), style=_STYLE)
        self.power = widgets.Dropdown(options=_flags(), description=t("actor.field.power"), style=_STYLE)
        self.legitimacy = widgets.Dropdown(options=_flags(), description=t("actor.field.legitimacy"), style=_STYLE)
        self.urgency = widgets.Dropdown(options=_flags(), description=t("actor.field.urgency"), style=_STYLE)
        self.stance = widgets.Dropdown(
            options=[("–", None)] + [(t(f"actor.stance.{s}"), s) for s in STANCES],
            description=t("actor.field.stance"),
            style=_STYLE,
        )
        self.goals = widgets.Text(description=t("actor.field.goals"), style=_STYLE, layout=_WIDE)
        self.notes = widgets.Textarea(description=t("actor.field.notes"), style=_STYLE, layout=_WIDE)
        left = widgets.VBox([self.name, self.sector, self.kind, self.level, self.goals, self.notes])
        right = widgets.VBox([self.influence, self.interest, self.power, self.legitimacy, self.urgency, self.stance])
        super().__init__([widgets.HBox([left, right])])

    FIELDS = ("name", "sector", "kind", "level", "influence", "interest", "power", "legitimacy", "urgency",
              "stance", "goals", "notes")  # fmt: skip

    def values(self) -> dict[str, Any]:
        return {name: getattr(self, name).value for name in self.FIELDS}

    def load(self, actor: Actor | None) -> None:
        """Show an actor's values (None: an empty form)."""
        for name in self.FIELDS:
            control = getattr(self, name)
            value = getattr(actor, name) if actor is not None else None
            if name == "sector" and value not in {v for _, v in control.options}:
                control.options = [*control.options, (str(value), value)] if value else control.options
            if isinstance(control, widgets.Dropdown):
                default = "organisation" if name == "kind" else ("" if name == "sector" else None)
                control.value = value if value is not None else default
            else:
                control.value = value or ""


class ActorTable(Panel):
    """Add, edit, remove and paste actors; the list of all actors."""

    def __init__(self, session: WorkshopSession) -> None:
        self.form = ActorForm()
        self.chooser = widgets.Dropdown(description=t("actor.edit_which"), style=_STYLE, layout=_WIDE)
        self.add_button = widgets.Button(description=t("actor.add"), button_style="primary", icon="plus")
        self.save_button = widgets.Button(description=t("actor.save"), icon="check")
        self.remove_button = widgets.Button(description=t("actor.remove"), button_style="danger", icon="trash")
        self.confirm_remove = widgets.Checkbox(description=t("actor.remove_confirm"), indent=False)
        self.paste = widgets.Textarea(
            placeholder=t("actor.paste_placeholder"), layout=widgets.Layout(width="60em", height="8em")
        )
        self.paste_button = widgets.Button(description=t("actor.paste_add"), icon="paste")
        self.table = widgets.HTML()
        self.add_button.on_click(lambda _: self.add())
        self.save_button.on_click(lambda _: self.save())
        self.remove_button.on_click(lambda _: self.remove())
        self.paste_button.on_click(lambda _: self.add_pasted())
        self.chooser.observe(self._chosen, names="value")
        paste_box = widgets.VBox([widgets.HTML(f"<p>{esc(t('actor.paste_help'))}</p>"), self.paste, self.paste_button])
        tools = widgets.Accordion(children=[paste_box], titles=(t("actor.paste_title"),))
        buttons = widgets.HBox([self.add_button, self.save_button, self.remove_button, self.confirm_remove])
        super().__init__(session, [self.chooser, self.form, buttons, tools])
        self.children = (*self.children, self.message, self.table)
        self.add_class("nsc-actor-table")
        self.refresh()

    # -- reading -------------------------------------------------------------

    def refresh(self) -> None:
        super().refresh()
        actors = sorted(self.session.workshop.actors.values(), key=lambda a: a.name.lower())
        options = [(t("actor.new"), "")] + [(a.name, a.id) for a in actors]
        if list(self.chooser.options) != options:
            current = self.chooser.value
            self.chooser.options = options
            self.chooser.value = current if current in {v for _, v in options} else ""
        self.save_button.disabled = self.remove_button.disabled = not self.chooser.value
        self.add_button.disabled = bool(self.chooser.value)
        self.table.value = self._render(actors)

    def _chosen(self, change: dict[str, Any]) -> None:
        actor = self.session.workshop.actors.get(change["new"] or "")
        self.form.load(actor)
        self.confirm_remove.value = False
        self.save_button.disabled = self.remove_button.disabled = actor is None
        self.add_button.disabled = actor is not None

    def select(self, actor_id: str) -> None:
        """Edit this actor (e.g. after a click on the map)."""
        if actor_id not in self.session.workshop.actors:
            return
        if actor_id not in {value for _, value in self.chooser.options}:
            self.refresh()  # hidden until now: catch up first
        self.chooser.value = actor_id

    def _render(self, actors: list[Actor]) -> str:
        labels = {row["id"]: row["label"] for row in sector_rows()}
        if not actors:
            return f"<p class='nsc-empty'>{esc(t('actor.none'))}</p>"
        head = "".join(
            f"<th style='text-align:left;padding:2px 8px'>{esc(t(f'actor.field.{k}'))}</th>"
            for k in ("name", "sector", "level", "influence", "interest")
        )
        rows = "".join(
            f"<tr data-actor='{esc(a.id)}'><td style='padding:2px 8px'>{esc(a.name)}</td>"
            f"<td style='padding:2px 8px'>{esc(labels.get(a.sector, a.sector))}</td>"
            f"<td style='padding:2px 8px'>{esc(t(f'actor.level.{a.level}') if a.level else '')}</td>"
            f"<td style='padding:2px 8px'>{esc(a.influence if a.influence is not None else '')}</td>"
            f"<td style='padding:2px 8px'>{esc(a.interest if a.interest is not None else '')}</td></tr>"
            for a in actors
        )
        count = esc(t("actor.count", count=len(actors)))
        return f"<p>{count}</p><table class='nsc-actors'><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"

    # -- changing ------------------------------------------------------------

    def add(self) -> Actor | None:
        values = self.form.values()
        actor = self.run("", self.session.add_actor, **values)
        if isinstance(actor, Actor):
            self.message.value = message_html("ok", t("actor.added", name=actor.name))
            self.form.load(None)
            return actor
        return None

    def save(self) -> Actor | None:
        actor_id = self.chooser.value
        if not actor_id:
            return None
        actor = self.run("", self.session.update_actor, actor_id, **self.form.values())
        if isinstance(actor, Actor):
            self.message.value = message_html("ok", t("actor.saved", name=actor.name))
            return actor
        return None

    def remove(self) -> bool:
        actor_id = self.chooser.value
        actor = self.session.workshop.actors.get(actor_id)
        if actor is None:
            return False
        if not self.confirm_remove.value:
            ties = sum(1 for tie in self.session.workshop.ties.values() if actor_id in (tie.source, tie.target))
            self.message.value = message_html("info", t("actor.remove_first_confirm", name=actor.name, ties=ties))
            return False
        self.run(t("actor.removed", name=actor.name), self.session.remove_actor, actor_id)
        if not self.ok:
            return False
        self.chooser.value = ""
        return True

    def add_pasted(self) -> int:
        """Add the pasted rows (all or none); returns how many actors were added."""
        parsed = parse_actor_rows(self.paste.value)
        existing = {a.name.strip().lower() for a in self.session.workshop.actors.values()}
        fresh, rows, skipped = [], [], []
        for row, fields in zip(parsed.rows, parsed.actors, strict=True):
            if fields["name"].strip().lower() in existing:
                skipped.append(t("paste.row", row=row) + ": " + fields["name"])
            else:
                existing.add(fields["name"].strip().lower())
                fresh.append(fields)
                rows.append(t("paste.row", row=row))
        if parsed.problems:
            self.message.value = message_html("error", t("paste.invalid"), [str(p) for p in parsed.problems])
            return 0
        if not fresh:
            self.message.value = message_html("info", t("paste.nothing"), skipped)
            return 0
        added = self.run("", self.session.add_many, [("actor", fields) for fields in fresh], where=rows)
        if added is None:
            return 0
        self.paste.value = ""
        note = [t("paste.skipped", rows="; ".join(skipped))] if skipped else []
        self.message.value = message_html("ok", t("paste.added", count=len(fresh)), note)
        return len(fresh)
