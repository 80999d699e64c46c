"""The innovation sprint as plain data: agenda templates, the schedule, the timer,
who sees which idea, the decision, the one-page summary and the action plan.

Everything here is a pure function of a :class:`~nsc_workshop.model.Workshop`
(and, for the timer, of the time), except :func:`write_action_plan`, which
writes the action plan to a file.

Decisions kept here, so that every view agrees:

- **Private ideas.** A private idea that is not revealed is seen by its author
  only. The facilitator does not see its text either (private writing is
  private: the facilitator reveals it, and may then read it with everyone);
  :func:`hidden_idea_count` tells how many are still hidden, so the facilitator
  knows when to reveal. In an anonymous workshop ideas have no author, so a
  private idea is hidden from everyone, its writer too, until revealed.
- **Impact/effort.** A mean score of 3 or more (on 1-5) is *high*
  (:data:`QUADRANT_THRESHOLD`): quick win = high impact, low effort; major
  project = high, high; fill-in = low, low; thankless task = low impact, high
  effort. An item needs both an impact and an effort score to be placed.
- **Action plan files.** xlsx is the default; CSV is UTF-8 with a byte-order
  mark so that Excel on Windows reads Nordic letters, comma-separated, CRLF
  line ends; every text cell is guarded by :func:`nsc_workshop._cells.guard_cell`
  (a leading apostrophe where a spreadsheet could start a formula: ``=``,
  ``+``, ``-``, ``@``..., also after ``;``), in the CSV and in the xlsx alike,
  where text is also always stored as text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections import defaultdict
from pathlib import Path
from typing import Any, Literal, get_args

from nsc_workshop._cells import guard_cell
from nsc_workshop._files import write_export
from nsc_workshop.datasets import sprint_templates
from nsc_workshop.errors import InvalidOption
from nsc_workshop.i18n import t
from nsc_workshop.model import Idea, Timer, Workshop, in_order, is_owner
from nsc_workshop.model.sprint import TocLevel
from nsc_workshop.model.votes import Criterion
from nsc_workshop.summaries.votes import vote_tally

__all__ = [
    "ACTION_PLAN_COLUMNS",
    "CRITERIA",
    "MAX_STORYBOARD_STEPS",
    "MIN_STORYBOARD_STEPS",
    "OUTCOME_LEVELS",
    "QUADRANTS",
    "QUADRANT_THRESHOLD",
    "TOC_COLUMNS",
    "action_plan_rows",
    "decision",
    "hidden_idea_count",
    "idea_is_visible",
    "quadrant",
    "schedule",
    "sprint_summary",
    "sprint_templates",
    "target_label",
    "timer_remaining",
    "timer_state",
    "visible_ideas",
    "write_action_plan",
]

CRITERIA: tuple[str, ...] = get_args(Criterion)
"""``impact``, ``effort``, ``desirability``, ``feasibility``, ``viability``: each scored 1-5."""

QUADRANT_THRESHOLD = 3.0
"""A mean impact or effort of this or more counts as high (on the 1-5 scale)."""

QUADRANTS: tuple[str, ...] = ("quick_win", "major_project", "fill_in", "thankless")
"""The impact/effort quadrants, most attractive first."""

TOC_LEVELS: tuple[str, ...] = get_args(TocLevel)
TOC_COLUMNS: tuple[str, ...] = tuple(level for level in TOC_LEVELS if level != "assumption")
"""The theory of change from left to right: inputs to impact (assumptions are listed apart)."""

OUTCOME_LEVELS: tuple[str, ...] = ("outcome_short", "outcome_medium", "outcome_long")
"""The levels an indicator may measure."""

MIN_STORYBOARD_STEPS = 5
MAX_STORYBOARD_STEPS = 15
"""A storyboard has 5-15 steps; a 16th is refused."""

ACTION_PLAN_COLUMNS: tuple[str, ...] = (
    "action",
    "objective",
    "timescale",
    "lead",
    "budget",
    "outcome",
    "review_date",
)
"""The columns of an action plan, in the order of local prevention action plans."""

_DAY_START_MIN = 9 * 60  # the relative clock starts at 09:00 when the sprint has no start


# -- templates -----------------------------------------------------------------


# -- schedule and timer ----------------------------------------------------------


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def schedule(workshop: Workshop) -> list[dict[str, Any]]:
    """The agenda in order, with each item's start and end computed from the order.

    Items are ordered by day, then ``order``. Day *n* starts at the time of day
    of ``sprint.start`` on the *n*-th day; without a start the clock is relative,
    from 09:00 each day.

    Returns
    -------
    list of dict
        One row per item: ``id``, ``day``, ``phase``, ``title``, ``notes``,
        ``duration_min``; ``start`` and ``end`` as ``HH:MM``; ``start_min`` and
        ``end_min`` (minutes from the day's start); ``starts_at`` and ``ends_at``
        (ISO date-times, None without a sprint start); ``day_total_min`` and
        ``day_end`` (the day's minutes and end time, repeated on each row of the day).

    Examples
    --------
    >>> from nsc_workshop.datasets import load_sample
    >>> rows = schedule(load_sample())
    >>> rows[0]["start"], rows[0]["end"], rows[0]["starts_at"]
    ('09:00', '09:20', '2026-03-10T09:00:00+01:00')
    >>> all(a["end_min"] == b["start_min"] for a, b in zip(rows, rows[1:]) if a["day"] == b["day"])
    True
    """
    sprint = workshop.sprint
    items = sorted(sprint.agenda.values(), key=lambda a: (a.day, a.order, a.id))
    totals: dict[int, int] = defaultdict(int)
    for item in items:
        totals[item.day] += item.duration_min
    start = sprint.start
    day_start = start.hour * 60 + start.minute if start is not None else _DAY_START_MIN
    rows: list[dict[str, Any]] = []
    elapsed: dict[int, int] = defaultdict(int)
    for item in items:
        offset = elapsed[item.day]
        elapsed[item.day] += item.duration_min
        begins = day_start + offset
        ends = begins + item.duration_min
        starts_at = ends_at = None
        if start is not None:
            base = start.replace(second=0, microsecond=0) + dt.timedelta(days=item.day - 1)
            starts_at = (base + dt.timedelta(minutes=offset)).isoformat()
            ends_at = (base + dt.timedelta(minutes=offset + item.duration_min)).isoformat()
        rows.append(
            {
                "id": item.id,
                "day": item.day,
                "phase": item.phase,
                "title": item.title,
                "notes": item.notes,
                "duration_min": item.duration_min,
                "start": _clock(begins),
                "end": _clock(ends),
                "start_min": offset,
                "end_min": offset + item.duration_min,
                "starts_at": starts_at,
                "ends_at": ends_at,
                "day_total_min": totals[item.day],
                "day_end": _clock(day_start + totals[item.day]),
            }
        )
    return rows


def timer_remaining(timer: Timer, now: float) -> float:
    """Seconds left on the timer at ``now`` (epoch seconds); negative once it has run over.

    >>> from nsc_workshop.model import Timer
    >>> timer_remaining(Timer(item="ag_1", started_at=1000.0, remaining_s=300.0), now=1100.0)
    200.0
    >>> timer_remaining(Timer(item="ag_1", remaining_s=300.0), now=5000.0)  # paused
    300.0
    """
    return timer.remaining(now)


def _display(seconds: float) -> str:
    whole = math.ceil(seconds) if seconds > 0 else math.floor(-seconds)
    sign = "-" if seconds < 0 and whole else ""
    return f"{sign}{whole // 60:02d}:{whole % 60:02d}"


def timer_state(workshop: Workshop, now: float | None = None) -> dict[str, Any]:
    """What the timer shows at ``now`` (epoch seconds; the current time by default).

    Returns
    -------
    dict
        ``item`` (agenda item id or None), ``title``, ``running``,
        ``remaining_s`` (0 once over), ``overrun_s`` (seconds past zero),
        ``overrun``, ``duration_s`` (the item's planned length, None without an
        item), ``display`` (``MM:SS``, ``-MM:SS`` when over) and, for a view that
        counts down by itself, the stored ``started_at`` and ``base_remaining_s``.

    Examples
    --------
    >>> from nsc_workshop.datasets import load_sample
    >>> timer_state(load_sample(), now=0.0)["running"]
    False
    """
    import time

    moment = time.time() if now is None else now
    timer = workshop.sprint.timer
    item = workshop.sprint.agenda.get(timer.item) if timer.item else None
    left = timer_remaining(timer, moment)
    return {
        "item": timer.item,
        "title": item.title if item else "",
        "running": timer.started_at is not None,
        "remaining_s": max(0.0, left),
        "overrun_s": max(0.0, -left),
        "overrun": left < 0,
        "duration_s": item.duration_min * 60 if item else None,
        "display": _display(left),
        "started_at": timer.started_at,
        "base_remaining_s": timer.remaining_s,
    }


# -- private ideas -------------------------------------------------------------------


def idea_is_visible(idea: Idea, participant: str | None, workshop_id: str = "") -> bool:
    """Whether ``participant`` (a handle) may read ``idea``: public, revealed, or their own
    (by name, or by pseudonym in an anonymous workshop ``workshop_id``)."""
    return not idea.private or idea.revealed or is_owner(idea.author, participant, workshop_id)


def visible_ideas(workshop: Workshop, participant: str | None, role: str = "participant") -> list[Idea]:
    """The ideas ``participant`` may read, in the order they were written.

    A private idea not yet revealed is seen by its author only, whatever
    ``role`` (the facilitator too sees only that hidden ideas exist:
    :func:`hidden_idea_count`). ``role`` is taken so that the rule may one day
    depend on it without changing callers.

    Examples
    --------
    >>> from nsc_workshop.datasets import load_sample
    >>> sample = load_sample()
    >>> len(visible_ideas(sample, "facilitator", "facilitator")) == len(sample.sprint.ideas) - 1
    True
    >>> hidden_idea_count(sample, "facilitator")
    1
    """
    del role  # every role follows the same rule (see the module's notes)
    return [idea for idea in workshop.sprint.ideas.values() if idea_is_visible(idea, participant, workshop.id)]


def hidden_idea_count(workshop: Workshop, participant: str | None = None) -> int:
    """How many private ideas are still hidden from ``participant`` (for the facilitator: how many to reveal)."""
    return sum(1 for idea in workshop.sprint.ideas.values() if not idea_is_visible(idea, participant, workshop.id))


# -- decision -------------------------------------------------------------------------


def target_label(workshop: Workshop, target: str | None) -> str:
    """The text shown for a voted or scored item: a sketch's title, an idea's or a HMW note's text."""
    if target is None:
        return ""
    sprint = workshop.sprint
    if target in sprint.sketches:
        return sprint.sketches[target].title
    if target in sprint.ideas:
        return sprint.ideas[target].text
    if target in workshop.framing.hmw_notes:
        return workshop.framing.hmw_notes[target].text
    return target


def _target_kind(workshop: Workshop, target: str) -> str:
    if target in workshop.sprint.sketches:
        return "sketch"
    if target in workshop.sprint.ideas:
        return "idea"
    return "hmw" if target in workshop.framing.hmw_notes else "unknown"


def _mean(values: list[int]) -> float:
    return round(sum(values) / len(values), 2)


def quadrant(impact: float | None, effort: float | None, threshold: float = QUADRANT_THRESHOLD) -> str | None:
    """The impact/effort quadrant of mean scores (None unless both are known).

    >>> quadrant(5, 1), quadrant(5, 4), quadrant(2, 2), quadrant(2, 5), quadrant(3, 3)
    ('quick_win', 'major_project', 'fill_in', 'thankless', 'major_project')
    >>> quadrant(4, None) is None
    True
    """
    if impact is None or effort is None:
        return None
    high_impact, high_effort = impact >= threshold, effort >= threshold
    if high_impact:
        return "major_project" if high_effort else "quick_win"
    return "thankless" if high_effort else "fill_in"


def decision(workshop: Workshop, round: str = "ideas") -> dict[str, Any]:  # noqa: A002
    """The Decide step in numbers: dots, supervotes, heat map, scores, quadrants, the choice.

    Parameters
    ----------
    workshop
        The workshop.
    round
        The vote round on ideas and sketches (``ideas`` unless the facilitator named another).

    Returns
    -------
    dict
        JSON-ready:

        - ``round``, ``threshold`` (:data:`QUADRANT_THRESHOLD`);
        - ``tally``: ideas and sketches with dots, most first: ``id``, ``kind``,
          ``label``, ``dots`` (weights summed), ``voters``;
        - ``supervotes``: ``id``, ``label``, ``by`` (handles; None when anonymous);
        - ``heatmap``: sketch id → list of ``[x, y]`` (0-1, from the top left);
        - ``scores``: target → criterion → ``{"mean", "n"}`` (``n`` the number of scores);
        - ``quadrants``: target → ``quick_win`` / ``major_project`` / ``fill_in`` / ``thankless``;
        - ``dfv``: target → ``{"desirability", "feasibility", "viability"}`` means (None if unscored);
        - ``targets``: one row per idea or sketch that has dots, a supervote, heat-map
          stickers or scores, with all of the above joined, ordered by dots;
        - ``chosen_concept``: ``{"id", "kind", "label"}`` or None; ``rationale``.

    Examples
    --------
    >>> from nsc_workshop.datasets import load_sample
    >>> d = decision(load_sample())
    >>> d["tally"][0]["id"], d["tally"][0]["dots"], d["chosen_concept"]["id"]
    ('sk_01', 8, 'sk_01')
    >>> d["quadrants"]["sk_04"], d["scores"]["sk_01"]["impact"]
    ('quick_win', {'mean': 5.0, 'n': 1})
    """
    sprint = workshop.sprint
    hidden = {i.id for i in sprint.ideas.values() if i.private and not i.revealed}  # never labelled, never counted
    votable = (set(sprint.ideas) - hidden) | set(sprint.sketches)
    tally = vote_tally(workshop, round)
    ranked: list[dict[str, Any]] = [
        {
            "id": target,
            "kind": _target_kind(workshop, target),
            "label": target_label(workshop, target),
            "dots": dots,
            "voters": tally.voters.get(target, 0),
        }
        for target, dots in tally.ranked()
        if target in votable
    ]
    supervotes: list[dict[str, Any]] = [
        {"id": target, "label": target_label(workshop, target), "by": list(by)}
        for target, by in sorted(tally.supervotes.items())
        if target in votable
    ]
    heatmap = {target: [[x, y] for x, y in points] for target, points in sorted(tally.heatmap.items())}
    values: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for score in sprint.scores.values():
        values[score.target][score.criterion].append(score.value)
    scores: dict[str, dict[str, dict[str, Any]]] = {
        target: {
            criterion: {"mean": _mean(v), "n": len(v)} for criterion in CRITERIA if (v := by_criterion.get(criterion))
        }
        for target, by_criterion in sorted(values.items())
    }

    def mean(target: str, criterion: str) -> float | None:
        cell = scores.get(target, {}).get(criterion)
        return None if cell is None else float(cell["mean"])

    quadrants = {
        target: q for target in scores if (q := quadrant(mean(target, "impact"), mean(target, "effort"))) is not None
    }
    dfv = {
        target: {c: mean(target, c) for c in ("desirability", "feasibility", "viability")}
        for target in scores
        if any(c in scores[target] for c in ("desirability", "feasibility", "viability"))
    }
    dots = {row["id"]: row for row in ranked}
    super_by = {row["id"]: row["by"] for row in supervotes}
    involved: list[str] = [str(row["id"]) for row in ranked]
    for target in [*super_by, *heatmap, *scores]:
        if target not in involved and target in votable:
            involved.append(target)
    chosen = sprint.chosen_concept
    targets = [
        {
            "id": target,
            "kind": _target_kind(workshop, target),
            "label": target_label(workshop, target),
            "dots": dots[target]["dots"] if target in dots else 0,
            "voters": dots[target]["voters"] if target in dots else 0,
            "supervotes": len(super_by.get(target, [])),
            "heat": len(heatmap.get(target, [])),
            **{criterion: mean(target, criterion) for criterion in CRITERIA},
            "scorers": max((cell["n"] for cell in scores.get(target, {}).values()), default=0),
            "quadrant": quadrants.get(target),
            "chosen": target == chosen,
        }
        for target in involved
    ]
    return {
        "round": round,
        "threshold": QUADRANT_THRESHOLD,
        "tally": ranked,
        "supervotes": supervotes,
        "heatmap": heatmap,
        "scores": scores,
        "quadrants": quadrants,
        "dfv": dfv,
        "targets": targets,
        "chosen_concept": (
            {"id": chosen, "kind": _target_kind(workshop, chosen), "label": target_label(workshop, chosen)}
            if chosen
            else None
        ),
        "rationale": sprint.decision_rationale,
    }


# -- the summary -------------------------------------------------------------------------


def sprint_summary(workshop: Workshop) -> dict[str, Any]:
    """The sprint on one page, as JSON-ready data (the app's summary tab, the printed report).

    Private ideas not yet revealed are left out (only counted in ``ideas.hidden``).

    Returns
    -------
    dict
        ``workshop``, ``title``, ``template``, ``start``; ``challenge`` (the
        chosen HMW note, the long-term goal and the sprint questions from the
        framing); ``agenda`` (:func:`schedule`); ``ideas`` (``count``,
        ``hidden`` and ``by_theme``: a list of ``{"theme", "ideas"}``);
        ``sketches``; ``decision`` (:func:`decision`); ``storyboard``;
        ``prototype`` (``description`` and ``roles``); ``test_plan``;
        ``findings`` (``by_interview``: a list of ``{"interview", "findings"}``,
        and ``patterns``); ``theory_of_change`` (level → texts, with
        ``assumption`` last); ``indicators``; ``action_plan``
        (:func:`action_plan_rows`).

    Examples
    --------
    >>> from nsc_workshop.datasets import load_sample
    >>> summary = sprint_summary(load_sample())
    >>> summary["challenge"]["hmw"][:40]
    'How might we help young bystanders step '
    >>> len(summary["storyboard"]), len(summary["action_plan"])
    (8, 9)
    """
    sprint = workshop.sprint
    framing = workshop.framing
    hmw = framing.hmw_notes.get(sprint.chosen_hmw) if sprint.chosen_hmw else None
    shown = visible_ideas(workshop, None)
    themes: dict[str, list[dict[str, Any]]] = {}
    for idea in shown:
        themes.setdefault(idea.theme, []).append(
            {"id": idea.id, "text": idea.text, "kind": idea.kind, "link": idea.link}
        )
    by_theme = [
        {"theme": theme or t("sprint.theme.none"), "ideas": ideas}
        for theme, ideas in sorted(themes.items(), key=lambda kv: (kv[0] == "", kv[0].casefold()))
    ]
    sketches = sprint.sketches
    storyboard = [
        {
            "step": n,
            "id": step.id,
            "text": step.text,
            "sketch": step.sketch,
            "sketch_title": sketches[step.sketch].title if step.sketch in sketches else "",
        }
        for n, step in enumerate(in_order(sprint.storyboard.values()), start=1)
    ]
    roles = [
        {"id": r.id, "role": r.role, "role_label": t(f"sprint.prototype_role.{r.role}"), "who": r.who, "notes": r.notes}
        for r in sprint.prototype_roles.values()
    ]
    interviews: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for finding in sprint.findings.values():
        interviews[finding.interview].append(
            {"id": finding.id, "text": finding.text, "valence": finding.valence, "pattern": finding.pattern}
        )
    toc: dict[str, list[str]] = {level: [] for level in TOC_LEVELS}
    for element in in_order(sprint.toc.values()):
        toc[element.level].append(element.text)
    indicators = [
        {
            "id": ind.id,
            "name": ind.name,
            "baseline": ind.baseline,
            "target": ind.target,
            "data_source": ind.data_source,
            "outcome": ind.outcome,
            "outcome_text": sprint.toc[ind.outcome].text if ind.outcome in sprint.toc else "",
            "outcome_level": sprint.toc[ind.outcome].level if ind.outcome in sprint.toc else None,
        }
        for ind in sprint.indicators.values()
    ]
    return {
        "workshop": workshop.id,
        "title": workshop.meta.title,
        "template": sprint.template,
        "start": sprint.start.isoformat() if sprint.start else None,
        "challenge": {
            "hmw_id": sprint.chosen_hmw,
            "hmw": hmw.text if hmw else "",
            "long_term_goal": framing.long_term_goal,
            "sprint_questions": [q.text for q in in_order(framing.sprint_questions.values())],
        },
        "agenda": schedule(workshop),
        "ideas": {
            "count": len(shown),
            "hidden": hidden_idea_count(workshop, None),
            "by_theme": by_theme,
        },
        "sketches": [
            {"id": s.id, "title": s.title, "description": s.description, "panels": list(s.panels)}
            for s in sketches.values()
        ],
        "decision": decision(workshop),
        "storyboard": storyboard,
        "storyboard_complete": MIN_STORYBOARD_STEPS <= len(storyboard) <= MAX_STORYBOARD_STEPS,
        "prototype": {"description": sprint.prototype_description, "roles": roles},
        "test_plan": sprint.test_plan.model_dump(mode="json"),
        "findings": {
            "count": len(sprint.findings),
            "by_interview": [{"interview": n, "findings": interviews[n]} for n in sorted(interviews)],
            "patterns": [f.text for f in sprint.findings.values() if f.pattern],
        },
        "theory_of_change": toc,
        "indicators": indicators,
        "action_plan": action_plan_rows(workshop),
    }


# -- the action plan ---------------------------------------------------------------------


def action_plan_rows(workshop: Workshop) -> list[dict[str, Any]]:
    """The action plan in order: one dict per action with :data:`ACTION_PLAN_COLUMNS` as keys.

    ``review_date`` is an ISO date (``YYYY-MM-DD``) or ``""``; ``lead`` is a
    role, not a person's name.

    >>> from nsc_workshop.datasets import load_sample
    >>> rows = action_plan_rows(load_sample())
    >>> list(rows[0]) == list(ACTION_PLAN_COLUMNS)
    True
    """
    return [
        {
            "action": a.action,
            "objective": a.objective,
            "timescale": a.timescale,
            "lead": a.lead,
            "budget": a.budget,
            "outcome": a.outcome,
            "review_date": a.review_date.isoformat() if a.review_date else "",
        }
        for a in in_order(workshop.sprint.actions.values())
    ]


_WIDTHS = {"action": 50, "objective": 36, "timescale": 16, "lead": 24, "budget": 14, "outcome": 36, "review_date": 13}


def _xlsx_bytes(headers: list[str], rows: list[dict[str, Any]], sheet_title: str) -> bytes:
    import openpyxl
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    bad = set("[]:*?/\\")
    sheet.title = "".join(c for c in sheet_title if c not in bad)[:31] or "Action plan"
    for col, header in enumerate(headers, start=1):
        cell = sheet.cell(row=1, column=col, value=guard_cell(header))
        cell.font = Font(bold=True)
        cell.data_type = "s"
    for r, row in enumerate(rows, start=2):
        for col, field in enumerate(ACTION_PLAN_COLUMNS, start=1):
            value = row[field]
            if field == "review_date":
                cell = sheet.cell(row=r, column=col, value=dt.date.fromisoformat(value) if value else None)
                cell.number_format = "yyyy-mm-dd"
            else:
                cell = sheet.cell(row=r, column=col, value=guard_cell(value))
                cell.data_type = "s"  # participant text is never a formula
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for col, field in enumerate(ACTION_PLAN_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = _WIDTHS[field]
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_action_plan(workshop: Workshop, path: str | Path, fmt: Literal["xlsx", "csv"] = "xlsx") -> Path:
    """Write the action plan to an Excel workbook or a CSV file; returns the path.

    Parameters
    ----------
    workshop
        The workshop.
    path
        The file to write (replaced atomically: a partial file never remains).
    fmt
        ``xlsx`` (a header row in bold, column widths, review dates as dates,
        the header frozen) or ``csv`` (UTF-8 with a byte-order mark, so Excel
        on Windows shows å, æ, ø, ä, ö correctly; comma-separated; CRLF).

    Column headers are translated (``sprint.action_plan.column.<field>``).

    Examples
    --------
    >>> import tempfile, csv
    >>> from pathlib import Path
    >>> from nsc_workshop.datasets import load_sample
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = write_action_plan(load_sample(), Path(tmp) / "plan.csv", fmt="csv")
    ...     with out.open(encoding="utf-8-sig", newline="") as f:
    ...         header = next(csv.reader(f))
    >>> header[:4]
    ['Action', 'Objective', 'Timescale', 'Lead (a role)']
    """
    if fmt not in ("xlsx", "csv"):
        raise InvalidOption("sprint.action_plan.bad_format", fmt=fmt)
    target = Path(path)
    headers = [t(f"sprint.action_plan.column.{field}") for field in ACTION_PLAN_COLUMNS]
    rows = action_plan_rows(workshop)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow([guard_cell(h) for h in headers])
        for row in rows:
            writer.writerow([guard_cell(str(row[field])) for field in ACTION_PLAN_COLUMNS])
        data = buffer.getvalue().encode("utf-8-sig")
    else:
        data = _xlsx_bytes(headers, rows, t("sprint.action_plan.sheet"))
    return write_export(target, data)
