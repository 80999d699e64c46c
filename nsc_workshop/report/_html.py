"""The workshop report as one self-contained HTML page (figures inline), ready to print."""

from __future__ import annotations

import base64
import collections
import datetime as dt
import gc
import hashlib
import io
import logging
import os
import re
import threading
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

import jinja2
import markupsafe

from nsc_workshop.i18n import available_languages, current_language, t, use_language
from nsc_workshop.model import Workshop

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "DPI",
    "FIGURE_CACHE_SIZE",
    "SECTIONS",
    "can_fork",
    "clear_figure_cache",
    "default_workers",
    "figure_src",
    "report_language",
    "workshop_digest",
    "workshop_report_html",
]

log = logging.getLogger(__name__)

DPI = 150
"""Resolution of the figures when the report embeds PNG (``fmt="png"``; A4 landscape figures: 1754 × 1240 pixels)."""
FORMAT = "svg"
"""The figures' default format: ``svg`` (vector) or ``png``."""

SECTIONS: tuple[str, ...] = ("framing", "actors", "sprint", "toc", "indicators", "action_plan")
"""The report's sections after the cover, in order (``report.section.<key>`` is each one's heading)."""

_ICEBERG_LAYERS = ("events", "patterns", "structures", "mental_models")
_MAP_FIGURES = (
    ("actors", "{:d}"),
    ("ties", "{:d}"),
    ("negative_ties", "{:d}"),
    ("density", "{:.3f}"),
    ("reciprocity", "{:.2f}"),
    ("components", "{:d}"),
    ("largest_component", "{:d}"),
    ("isolated", "{:d}"),
    ("communities", "{:d}"),
    ("modularity", "{:.2f}"),
    ("average_path_length", "{:.2f}"),
    ("bridges", "{:d}"),
)
_WIDE = frozenset(
    {"network", "problem_tree", "towers", "grid", "sector_matrix", "impact_effort", "storyboard", "theory_of_change"}
)
"""Figures printed on a landscape page of their own (their text is too small at the width of a portrait page)."""
_LONG_WORD = re.compile(r"\S{40,}")
_TOP_ACTORS = 10
_TOP_TARGETS = 12


def _soften(value: Any) -> Any:
    """Text with a break opportunity (a zero-width space) every 20 characters of a very long word.

    A pasted link or a run of characters could otherwise push a table past the
    page's edge. Figures (``data:`` URLs) are left whole.
    """
    if isinstance(value, markupsafe.Markup):  # a macro's output: escaped and softened already
        return value
    if isinstance(value, str) and not value.startswith("data:") and _LONG_WORD.search(value):
        return _LONG_WORD.sub(lambda m: "\u200b".join(re.findall(r".{1,20}", m.group(0))), value)
    return value


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        finalize=_soften,
        loader=jinja2.PackageLoader("nsc_workshop.report", "templates"),
        autoescape=True,  # every value is escaped, whatever the template's name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def report_language(workshop: Workshop, language: str | None = None) -> str:
    """The language the report is written in: ``language``, else the workshop's own (English if unknown)."""
    wanted = language or workshop.meta.language
    return wanted if wanted in available_languages() else "en"


def figure_src(fig: Figure, fmt: str = "svg", dpi: int = DPI) -> str:
    """A figure as a ``data:`` URL: SVG (vector, text kept as text) or PNG at ``dpi``.

    SVG is the report's default: it is three to four times quicker to make than
    a sharp PNG (no glyph is rasterised), prints sharp at any size and is a
    tenth of the size. Its texts are ``<text>`` elements that matplotlib
    escapes; shown through ``<img>``, nothing in it can run.
    """
    import matplotlib

    buffer = io.BytesIO()
    if fmt == "svg":
        with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "nsc-report"}):
            fig.savefig(buffer, format="svg", metadata={"Date": None})
        return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
    if fmt != "png":
        raise ValueError(f"unknown figure format {fmt!r}: 'svg' or 'png'")
    fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


FIGURE_CACHE_SIZE = 48
"""Drawn figures kept in memory (four reports' worth): the same workshop's figures are never drawn twice."""

_cache: collections.OrderedDict[tuple[Any, ...], str] = collections.OrderedDict()
_cache_lock = threading.Lock()


def clear_figure_cache() -> None:
    """Forget every figure drawn so far (the next report draws them all again)."""
    with _cache_lock:
        _cache.clear()


def workshop_digest(workshop: Workshop) -> str:
    """A digest of the whole workshop: equal digests, equal figures."""
    return hashlib.blake2b(workshop.model_dump_json().encode("utf-8"), digest_size=16).hexdigest()


Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` after each figure of a report is drawn (or found drawn already)."""


class _Figures:
    """The report's figures: asked for while the page's context is built, drawn afterwards, each once.

    A figure is drawn only if it was not drawn before for the same workshop
    (digest), language, format and resolution: a second report of an unchanged
    workshop, or its PDF after its HTML, draws nothing. A figure that fails is
    left out (and logged), the report goes on.
    """

    def __init__(self, digest: str, language: str, fmt: str, dpi: int) -> None:
        self.stamp = (digest, language, fmt, dpi if fmt == "png" else 0)
        self.fmt = fmt
        self.dpi = dpi
        self.jobs: list[tuple[dict[str, Any], Callable[[], Figure]]] = []
        self.drawn = 0

    def __call__(self, key: str, draw: Callable[[], Figure]) -> dict[str, Any] | None:
        entry = {"key": key, "src": "", "alt": t(f"report.figure.{key}"), "wide": key in _WIDE}
        self.jobs.append((entry, draw))
        return entry

    def draw_all(self, progress: Progress | None = None, workers: int = 1) -> None:
        """Draw the figures not drawn before, in this process or in ``workers`` forked ones."""
        total = len(self.jobs)
        pending: list[tuple[dict[str, Any], Callable[[], Figure]]] = []
        for entry, draw in self.jobs:
            with _cache_lock:
                src = _cache.get((*self.stamp, entry["key"]))
            if src is None:
                pending.append((entry, draw))
            else:
                entry["src"] = src
        done = total - len(pending)
        if progress is not None and done:
            progress(done, total)
        if workers > 1 and len(pending) > 1 and can_fork():
            pending = self._draw_forked(pending, workers, progress, done, total)
            done = total - len(pending)
        for entry, draw in pending:
            try:
                src = figure_src(draw(), self.fmt, self.dpi)
            except Exception:
                log.exception("the report's figure %s failed", entry["key"])
                src = ""
            self._keep(entry, src)
            done += 1
            if progress is not None:
                progress(done, total)

    def _keep(self, entry: dict[str, Any], src: str) -> None:
        entry["src"] = src
        if not src:
            return
        self.drawn += 1
        with _cache_lock:
            _cache[(*self.stamp, entry["key"])] = src
            while len(_cache) > FIGURE_CACHE_SIZE:
                _cache.popitem(last=False)

    def _draw_forked(
        self,
        pending: list[tuple[dict[str, Any], Callable[[], Figure]]],
        workers: int,
        progress: Progress | None,
        done: int,
        total: int,
    ) -> list[tuple[dict[str, Any], Callable[[], Figure]]]:
        """Draw ``pending`` in forked processes, the heaviest first; returns what is left to draw here."""
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor, as_completed

        global _forked_jobs
        order = sorted(pending, key=lambda job: -_WEIGHT.get(job[0]["key"], 1))
        _forked_jobs = [(draw, self.fmt, self.dpi, current_language()) for _, draw in order]
        left = list(order)
        gc.freeze()  # the children's collections leave the inherited heap alone: fewer pages copied
        try:
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                futures = {pool.submit(_draw_in_child, k): k for k in range(len(order))}
                for future in as_completed(futures):
                    entry, draw = order[futures[future]]
                    error = future.exception()
                    if error is not None:
                        log.error("the report's figure %s failed", entry["key"], exc_info=error)
                    self._keep(entry, "" if error is not None else future.result())
                    left.remove((entry, draw))
                    done += 1
                    if progress is not None:
                        progress(done, total)
        except Exception:  # no processes here (a sandbox, a broken pool): the rest are drawn in this one
            log.warning("drawing the report's figures in %d processes failed; drawing them here", workers)
        finally:
            _forked_jobs = []
            gc.unfreeze()
        return left


_WEIGHT = {"network": 5, "sector_matrix": 4, "grid": 4, "towers": 3, "theory_of_change": 2}
"""Roughly how long each figure takes, to start the heaviest first when several processes draw."""
_forked_jobs: list[tuple[Callable[[], Figure], str, int, str]] = []


def _draw_in_child(index: int) -> str:
    """In a forked process: draw the ``index``-th figure of :data:`_forked_jobs` (inherited, never pickled)."""
    draw, fmt, dpi, language = _forked_jobs[index]
    with use_language(language):
        return figure_src(draw(), fmt, dpi)


def can_fork() -> bool:
    """Whether the figures may be drawn in forked processes: fork exists and this process runs one thread only.

    A kernel (ZeroMQ threads) or a server never forks; the command line does.
    """
    import multiprocessing
    import threading

    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def default_workers() -> int:
    """Processes for the figures of a report made on the command line: two when the machine has two cores."""
    return min(2, os.cpu_count() or 1) if can_fork() else 1


def _date(value: dt.date | None, language: str) -> str:
    if value is None:
        return ""
    from babel.dates import format_date

    try:
        return str(format_date(value, format="long", locale=language))
    except Exception:  # an unknown locale: the ISO date reads everywhere
        return value.isoformat()


def _dates(workshop: Workshop, language: str) -> str:
    start, end = workshop.meta.start_date, workshop.meta.end_date
    if start and end and start != end:
        return f"{_date(start, language)} – {_date(end, language)}"
    return _date(start or end, language)


def _cover(workshop: Workshop, language: str, framing: dict[str, Any]) -> dict[str, Any]:
    meta = workshop.meta
    return {
        "title": meta.title,
        "city": meta.city,
        "country": meta.country,
        "dates": _dates(workshop, language),
        "areas": framing["blueprint_areas"],
        "prevention": framing["prevention_levels"],
        "sensitivity": meta.sensitivity,
        "sensitivity_label": t(f"report.sensitivity.{meta.sensitivity}"),
        "summary": meta.summary,
        "printed": _date(dt.date.today(), language),
    }


def _framing(workshop: Workshop, summary: dict[str, Any], figure: _Figures) -> dict[str, Any]:
    from nsc_workshop import plots

    framing = workshop.framing
    wickedness = summary["wickedness"]
    ranked = [(row["text"], row["votes"]) for row in summary["hmw_ranked"]]
    voted = {row["id"] for row in summary["hmw_ranked"]}
    ranked += [(note.text, 0) for key, note in framing.hmw_notes.items() if key not in voted]  # counted on the chart
    out: dict[str, Any] = {
        "problem_statement": summary["problem_statement"],
        "wickedness": wickedness if wickedness["scores"] else None,
        "wickedness_chart": figure("wickedness", lambda: plots.wickedness_chart(workshop))
        if wickedness["scores"]
        else None,
        "iceberg": [
            {"label": t(f"iceberg.{layer}"), "notes": summary["iceberg"][layer]}
            for layer in _ICEBERG_LAYERS
            if summary["iceberg"][layer]
        ],
        "focal_problem": summary["focal_problem"],
        "tree_chart": figure("problem_tree", lambda: plots.problem_tree_figure(workshop))
        if framing.problem_nodes
        else None,
        "why_chains": summary["why_chains"],
        "point_of_view": summary["point_of_view"],
        "alternative_framings": summary["alternative_framings"],
        "hmw_count": summary["hmw_count"],
        "hmw_top": summary["hmw_top"],
        "hmw_chart": figure("hmw_votes", lambda: plots.vote_chart(ranked, title=t("report.framing.hmw_votes")))
        if ranked
        else None,
        "long_term_goal": summary["long_term_goal"],
        "sprint_questions": summary["sprint_questions"],
    }
    out["empty"] = not (
        out["problem_statement"]
        or out["wickedness"]
        or out["iceberg"]
        or framing.problem_nodes
        or out["why_chains"]
        or out["point_of_view"]
        or out["alternative_framings"]
        or out["hmw_count"]
        or out["long_term_goal"]
        or out["sprint_questions"]
    )
    return out


def _number(value: Any, pattern: str) -> str:
    try:
        return pattern.format(int(value) if pattern == "{:d}" else float(value))
    except (TypeError, ValueError):
        return ""


def _actors(workshop: Workshop, language: str, figure: _Figures) -> dict[str, Any]:
    from nsc_workshop import plots
    from nsc_workshop.analysis import insights

    if not workshop.actors:
        return {"empty": True}
    report = insights(workshop, language=language)
    key_figures = [
        {"label": t(f"report.map.{key}"), "value": text}
        for key, pattern in _MAP_FIGURES
        if key in report.map and (text := _number(report.map[key], pattern))
    ]
    findings = [
        {"title": f.title, "text": f.text, "attention": f.severity == "attention", "key": f.key}
        for f in report.findings
    ]
    ranked = sorted(report.actors.values(), key=lambda row: -float(row.get("betweenness") or 0))[:_TOP_ACTORS]
    central = [
        {
            "name": row.get("name", ""),
            "sector": row.get("sector_label", ""),
            "ties": row.get("degree", 0),
            "betweenness": _number(row.get("betweenness") or 0, "{:.3f}"),
            "quadrant": t(f"insight.quadrant.{row['quadrant']}") if row.get("quadrant") else "",
            "salience": t(f"insight.salience_class.{row['salience']}") if row.get("salience") else "",
        }
        for row in ranked
    ]
    actors = workshop.actors.values()
    has_influence = any(a.influence is not None for a in actors)
    has_grid = any(a.influence is not None and a.interest is not None for a in actors)
    return {
        "empty": False,
        "network": figure("network", lambda: plots.network_map(workshop)),
        "key_figures": key_figures,
        "findings": findings,
        "central": central,
        "towers": figure("towers", lambda: plots.influence_towers(workshop)) if has_influence else None,
        "grid": figure("grid", lambda: plots.power_interest_grid(workshop)) if has_grid else None,
        "sector_matrix": figure("sector_matrix", lambda: plots.sector_matrix_figure(workshop))
        if workshop.ties
        else None,
    }


def _sprint(workshop: Workshop, summary: dict[str, Any], figure: _Figures) -> dict[str, Any]:
    from nsc_workshop import plots

    decision = summary["decision"]
    targets = [
        {
            "label": row["label"],
            "dots": row["dots"],
            "supervotes": row["supervotes"],
            "impact": _number(row["impact"], "{:.1f}") if row["impact"] is not None else "",
            "effort": _number(row["effort"], "{:.1f}") if row["effort"] is not None else "",
            "quadrant": t(f"sprint.quadrant.{row['quadrant']}") if row["quadrant"] else "",
            "chosen": row["chosen"],
        }
        for row in decision["targets"][:_TOP_TARGETS]
    ]
    bars = [(row["label"], row["dots"]) for row in decision["tally"]]
    tallied = {row["id"] for row in decision["tally"]}
    bars += [(row["label"], 0) for row in decision["targets"] if row["id"] not in tallied]
    findings = [
        {
            "interview": group["interview"],
            "findings": [
                {
                    "text": f["text"],
                    "valence": t(f"report.valence.{f['valence']}"),
                    "pattern": f["pattern"],
                }
                for f in group["findings"]
            ],
        }
        for group in summary["findings"]["by_interview"]
    ]
    plan = summary["test_plan"]
    out: dict[str, Any] = {
        "challenge": summary["challenge"]["hmw"],
        "ideas": summary["ideas"]["count"],
        "hidden": summary["ideas"]["hidden"],
        "sketches": len(summary["sketches"]),
        "chosen": decision["chosen_concept"],
        "rationale": decision["rationale"],
        "targets": targets,
        "vote_chart": figure("votes", lambda: plots.vote_chart(bars, title=t("report.sprint.votes")))
        if any(d for _, d in bars)
        else None,
        "impact_effort": figure("impact_effort", lambda: plots.impact_effort_chart(workshop))
        if decision["quadrants"]
        else None,
        "dfv": figure("dfv", lambda: plots.dfv_chart(workshop)) if decision["dfv"] else None,
        "storyboard": summary["storyboard"],
        "storyboard_chart": figure("storyboard", lambda: plots.storyboard_strip(workshop))
        if summary["storyboard"]
        else None,
        "prototype": summary["prototype"]["description"],
        "roles": summary["prototype"]["roles"],
        "test_plan": {
            "target_group": plan.get("target_group", ""),
            "assumptions": plan.get("assumptions", []),
            "questions": plan.get("questions", []),
        },
        "findings": findings,
        "patterns": summary["findings"]["patterns"],
    }
    out["has_test_plan"] = any(out["test_plan"].values())
    out["empty"] = not (
        out["challenge"]
        or out["ideas"]
        or out["sketches"]
        or out["chosen"]
        or targets
        or out["storyboard"]
        or out["prototype"]
        or out["roles"]
        or out["has_test_plan"]
        or findings
    )
    return out


def _toc(workshop: Workshop, summary: dict[str, Any], figure: _Figures) -> dict[str, Any]:
    from nsc_workshop import plots
    from nsc_workshop.summaries.sprint import TOC_COLUMNS

    toc = summary["theory_of_change"]
    levels = [
        {"label": t(f"plot.toc.level.{level}"), "entries": toc.get(level, [])}
        for level in TOC_COLUMNS
        if toc.get(level)
    ]
    empty = not levels and not toc.get("assumption")
    return {
        "empty": empty,
        "chart": None if empty else figure("theory_of_change", lambda: plots.theory_of_change_figure(workshop)),
        "levels": levels,
        "assumptions": toc.get("assumption", []),
    }


def _indicators(summary: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            **row,
            "level": t(f"plot.toc.level.{row['outcome_level']}") if row["outcome_level"] else "",
        }
        for row in summary["indicators"]
    ]


def _context(workshop: Workshop, language: str, figure: _Figures) -> dict[str, Any]:
    from nsc_workshop.summaries import framing_summary, sprint_summary
    from nsc_workshop.summaries.sprint import ACTION_PLAN_COLUMNS

    framing = framing_summary(workshop)
    sprint = sprint_summary(workshop)
    return {
        "lang": language,
        "cover": _cover(workshop, language, framing),
        "framing": _framing(workshop, framing, figure),
        "actors": _actors(workshop, language, figure),
        "sprint": _sprint(workshop, sprint, figure),
        "toc": _toc(workshop, sprint, figure),
        "indicators": _indicators(sprint),
        "action_plan": sprint["action_plan"],
        "action_columns": [(c, t(f"sprint.action_plan.column.{c}")) for c in ACTION_PLAN_COLUMNS],
        "sections": [(key, t(f"report.section.{key}")) for key in SECTIONS],
    }


def workshop_report_html(
    workshop: Workshop,
    *,
    language: str | None = None,
    dpi: int = DPI,
    fmt: str = FORMAT,
    progress: Progress | None = None,
    workers: int = 1,
) -> str:
    """The workshop's report: one HTML page with every figure inline, to print or save as PDF.

    The cover (title, place, dates, Blueprint areas, prevention levels,
    sensitivity), then one section per part of the work: the framing, the actor
    map, the sprint's outcome, the theory of change, the indicators and the
    action plan. A section with nothing in it says so. Everything participants
    typed is escaped. ``language`` is the workshop's own by default.

    The figures are SVG by default (``fmt="png"``: PNG at ``dpi``), each drawn
    once per state of the workshop and language (see :class:`_Figures`);
    ``progress(done, total)`` is called as they are drawn. ``workers`` above 1
    draws them in that many forked processes where this process may fork
    (:func:`can_fork`: the command line, not a kernel).

    >>> from nsc_workshop.datasets import load_sample
    >>> page = workshop_report_html(load_sample(), dpi=30)
    >>> page.startswith("<!DOCTYPE html>"), "Varnholm" in page, 'src="http' in page
    (True, True, False)
    """
    if fmt not in ("svg", "png"):
        raise ValueError(f"unknown figure format {fmt!r}: 'svg' or 'png'")
    lang = report_language(workshop, language)
    with use_language(lang):
        figures = _Figures(workshop_digest(workshop), lang, fmt, dpi)
        context = _context(workshop, lang, figures)
        figures.draw_all(progress, workers)
        return _environment().get_template("report.html.j2").render(t=t, **context)
