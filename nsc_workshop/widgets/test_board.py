"""Test: the test plan (who, assumptions, questions) and what each interview showed, with patterns marked."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from nsc_workshop.i18n import t
from nsc_workshop.model import Finding
from nsc_workshop.session import WorkshopSession
from nsc_workshop.widgets._html import esc
from nsc_workshop.widgets._panel import Panel

__all__ = ["TestBoard"]

_VALENCE = {"positive": "＋", "negative": "－", "neutral": "·"}


class TestBoard(Panel):
    __test__ = False  # not a pytest class, despite its name

    def __init__(self, session: WorkshopSession) -> None:
        wide = widgets.Layout(width="48em", height="5em")
        self.target_group = widgets.Textarea(placeholder=t("test.target_group"), continuous_update=False, layout=wide)
        self.assumptions = widgets.Textarea(placeholder=t("test.assumptions"), continuous_update=False, layout=wide)
        self.questions = widgets.Textarea(placeholder=t("test.questions"), continuous_update=False, layout=wide)
        self.interviews = widgets.BoundedIntText(min=0, max=100, description=t("test.interviews"))
        for control in (self.target_group, self.assumptions, self.questions, self.interviews):
            control.observe(lambda _c: self._plan_changed(), names="value")
        self.interview = widgets.BoundedIntText(value=1, min=1, max=100, description=t("test.interview"))
        self.finding = widgets.Text(placeholder=t("test.finding"), layout=widgets.Layout(width="40em"))
        self.valence = widgets.ToggleButtons(
            options=[(t(f"test.valence.{v}"), v) for v in ("positive", "neutral", "negative")], value="neutral"
        )
        self.add_button = widgets.Button(description=t("test.add_finding"), icon="plus")
        self.add_button.on_click(lambda _: self.add_finding())
        self.findings = widgets.VBox()
        plan = widgets.VBox([self.target_group, self.assumptions, self.questions, self.interviews])
        entry = widgets.VBox(
            [widgets.HBox([self.interview, self.valence]), widgets.HBox([self.finding, self.add_button])]
        )
        super().__init__(session, [widgets.HTML(f"<h4>{esc(t('test.plan'))}</h4>"), plan,
                                   widgets.HTML(f"<h4>{esc(t('test.findings'))}</h4>"), entry])  # fmt: skip
        self.children = (*self.children, self.message, self.findings)
        self.add_class("nsc-test")
        self.refresh()

    def refresh(self) -> None:
        super().refresh()
        sprint = self.session.workshop.sprint
        plan = sprint.test_plan
        with self.syncing():
            self.target_group.value = plan.target_group
            self.assumptions.value = "\n".join(plan.assumptions)
            self.questions.value = "\n".join(plan.questions)
            self.interviews.value = plan.interviews_planned
        by_interview: dict[int, list[Finding]] = {}
        for finding in sprint.findings.values():
            by_interview.setdefault(finding.interview, []).append(finding)
        rows: list[widgets.Widget] = []
        for number in sorted(by_interview):
            rows.append(widgets.HTML(f"<h5 style='margin:.5em 0 .1em'>{esc(t('test.interview_n', n=number))}</h5>"))
            rows += [self._row(f) for f in by_interview[number]]
        patterns = [f.text for f in sprint.findings.values() if f.pattern]
        if patterns:
            items = "".join(f"<li>{esc(p)}</li>" for p in patterns)
            rows.append(widgets.HTML(f"<h4>{esc(t('test.patterns'))}</h4><ul class='nsc-patterns'>{items}</ul>"))
        self.findings.children = rows

    def _row(self, finding: Finding) -> widgets.Widget:
        text = widgets.HTML(
            f"<div style='width:40em' data-finding='{esc(finding.id)}'>"
            f"{_VALENCE[finding.valence]} {esc(finding.text)}</div>"
        )
        pattern = widgets.ToggleButton(value=finding.pattern, description=t("test.pattern"), icon="clone")
        mark = self.session.sprint.mark_pattern
        pattern.observe(lambda change, fid=finding.id: self.run("", mark, fid, change["new"]), names="value")
        remove = widgets.Button(icon="trash", layout=widgets.Layout(width="2.5em"))
        remove.on_click(lambda _b, fid=finding.id: self.run("", self.session.remove, "finding", fid))
        return widgets.HBox([text, pattern, remove], layout=widgets.Layout(align_items="center"))

    @staticmethod
    def _lines(text: str) -> list[str]:
        return [line.strip() for line in text.splitlines() if line.strip()]

    def _plan_changed(self) -> None:
        if self.syncing:
            return
        self.run(
            "",
            self.session.sprint.set_test_plan,
            target_group=self.target_group.value,
            assumptions=self._lines(self.assumptions.value),
            questions=self._lines(self.questions.value),
            interviews_planned=self.interviews.value,
        )

    def add_finding(self) -> Any:
        if not self.finding.value.strip():
            return None
        finding = self.run("", self.session.sprint.add_finding, self.finding.value.strip(), self.interview.value,
                           self.valence.value)  # fmt: skip
        if self.ok:
            self.finding.value = ""
        return finding
