"""Step 3 of framing: the problem tree (focal problem, causes below, effects above) and its objective tree."""

from __future__ import annotations

import ipywidgets as widgets

from nsc_workshop.i18n import t
from nsc_workshop.model import ProblemNode
from nsc_workshop.plots.problem_tree import problem_tree_figure
from nsc_workshop.session import WorkshopSession
from nsc_workshop.summaries.framing import propose_objective, tree_order
from nsc_workshop.widgets._html import esc
from nsc_workshop.widgets._panel import Panel, figure_png

__all__ = ["ProblemTreeEditor"]

_MARK = {"focal": "◆", "cause": "▼", "effect": "▲"}


class ProblemTreeEditor(Panel):
    """Add nodes under a chosen parent, edit each node's objective, remove nodes; see both trees drawn."""

    def __init__(self, session: WorkshopSession) -> None:
        self.text = widgets.Text(placeholder=t("tree.text"), layout=widgets.Layout(width="36em"))
        self.kind = widgets.ToggleButtons(
            options=[
                (t("tree.kind.focal"), "focal"),
                (t("tree.kind.cause"), "cause"),
                (t("tree.kind.effect"), "effect"),
            ],
            value="focal",
        )
        self.parent = widgets.Dropdown(description=t("tree.parent"), layout=widgets.Layout(width="40em"))
        self.add_button = widgets.Button(description=t("tree.add"), button_style="primary", icon="plus")
        self.add_button.on_click(lambda _: self.add())
        self.kind.observe(lambda _c: self._parents(), names="value")
        self.rows = widgets.VBox()
        self.show_objectives = widgets.ToggleButtons(
            options=[(t("tree.view.problems"), False), (t("tree.view.objectives"), True)], value=False
        )
        self.show_objectives.observe(lambda _c: self._draw(), names="value")
        self.diagram = widgets.Image(format="png")
        form = widgets.VBox([self.kind, self.text, self.parent, self.add_button])
        super().__init__(session, [form])
        self.children = (*self.children, self.message, self.rows, self.show_objectives, self.diagram)
        self.add_class("nsc-problem-tree")
        self.refresh()

    def refresh(self) -> None:
        super().refresh()
        nodes = self.session.workshop.framing.problem_nodes
        has_focal = any(n.kind == "focal" for n in nodes.values())
        if has_focal and self.kind.value == "focal":
            self.kind.value = "cause"
        self._parents()
        self.rows.children = [self._row(node, depth) for node, depth in tree_order(nodes)]
        self._draw()

    def _draw(self) -> None:
        figure = problem_tree_figure(self.session.workshop, objectives=bool(self.show_objectives.value))
        self.diagram.value = figure_png(figure)

    def _parents(self) -> None:
        nodes = self.session.workshop.framing.problem_nodes
        kind = self.kind.value
        options = [
            (("  " * depth) + _MARK[n.kind] + " " + (n.text if len(n.text) <= 70 else n.text[:69] + "…"), n.id)
            for n, depth in tree_order(nodes)
            if kind != "focal" and n.kind in ("focal", kind)
        ]
        self.parent.options = options
        self.parent.disabled = kind == "focal" or not options

    def _row(self, node: ProblemNode, depth: int) -> widgets.Widget:
        label = widgets.HTML(
            f"<div style='margin-left:{depth * 1.6}em;width:30em' data-node='{esc(node.id)}'>"
            f"<span title='{esc(t(f'tree.kind.{node.kind}'))}'>{_MARK[node.kind]}</span> {esc(node.text)}</div>"
        )
        objective = widgets.Text(
            value=node.objective,
            placeholder=propose_objective(node.text),
            continuous_update=False,
            layout=widgets.Layout(width="28em"),
        )
        objective.observe(
            lambda change, nid=node.id: self.run("", self.session.update, "problem_node", nid, objective=change["new"]),
            names="value",
        )
        accept = widgets.Button(icon="check", tooltip=t("tree.accept_proposal"), layout=widgets.Layout(width="2.5em"))
        accept.on_click(lambda _b, o=objective: setattr(o, "value", o.value or o.placeholder))
        remove = widgets.Button(icon="trash", tooltip=t("tree.remove"), layout=widgets.Layout(width="2.5em"))
        remove.on_click(lambda _b, nid=node.id: self.run("", self.session.remove, "problem_node", nid))
        return widgets.HBox([label, objective, accept, remove], layout=widgets.Layout(align_items="center"))

    def add(self) -> ProblemNode | None:
        text = self.text.value.strip()
        if not text:
            return None
        parent = None if self.kind.value == "focal" else self.parent.value
        node = self.run("", self.session.framing.add_problem_node, self.kind.value, text, parent=parent)
        if isinstance(node, ProblemNode):
            self.text.value = ""
            return node
        return None
