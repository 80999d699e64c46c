"""The framing as plain data: the one-page summary, and the objective tree proposed from the problem tree."""

from __future__ import annotations

import re
from typing import Any

from nsc_workshop.datasets import labels
from nsc_workshop.i18n import current_language, t
from nsc_workshop.model import ProblemNode, Workshop, in_order
from nsc_workshop.model.vocab import WICKEDNESS_CHARACTERISTICS
from nsc_workshop.summaries.votes import vote_tally

__all__ = ["framing_summary", "objective_tree", "pov_statement", "propose_objective", "tree_order"]

# Negative openings restated as objectives (English; other languages fall back to a template).
_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(?:a |the )?(?:lack of|absence of|no|missing|insufficient|not enough|too little|too few)"
                r"\s+(.+)$", re.I), "{0} in place"),
    (re.compile(r"^(?:rising|increasing|growing|more and more|escalating|spreading)\s+(.+)$", re.I), "Less {0}"),
    (re.compile(r"^(?:too much|too many|excessive)\s+(.+)$", re.I), "Less {0}"),
    (re.compile(r"^(?:a |the )?(?:high|higher)\s+(.+)$", re.I), "Lower {0}"),
    (re.compile(r"^(?:a |the )?(?:low|lower|declining|falling|decreasing)\s+(.+)$", re.I), "Higher {0}"),
    (re.compile(r"^(?:poor|bad|weak|limited|inadequate|fragmented)\s+(.+)$", re.I), "Better {0}"),
    (re.compile(r"^(?:distrust|mistrust)\s+(.+)$", re.I), "Trust {0}"),
    (re.compile(r"^(.+?)\s+(?:is|are)\s+(?:missing|lacking|absent)$", re.I), "{0} in place"),
    (re.compile(r"^(.+?)\s+(?:do not|don't|does not|doesn't|cannot|can't)\s+(.+)$", re.I), "{0} {1}"),
]  # fmt: skip


def propose_objective(text: str, language: str | None = None) -> str:
    """A first wording of a problem restated as an objective (the team edits it).

    >>> propose_objective("Lack of trusted adults online")
    'Trusted adults online in place'
    >>> propose_objective("Rising online hate among young people")
    'Less online hate among young people'
    >>> propose_objective("Young people don't report threats")
    'Young people report threats'
    """
    clean = " ".join(text.split()).rstrip(".!")
    if not clean:
        return ""
    if (language or current_language()) == "en":
        for pattern, template in _RULES:
            match = pattern.match(clean)
            if match:
                parts = [g.strip() for g in match.groups()]
                result = template.format(*parts)
                return result[0].upper() + result[1:]
    return t("framing.objective.fallback", text=clean)


def tree_order(nodes: dict[str, ProblemNode]) -> list[tuple[ProblemNode, int]]:
    """The nodes depth-first from the focal problem: effects first, then causes, with their depth."""
    children: dict[str | None, list[ProblemNode]] = {}
    for node in nodes.values():
        children.setdefault(node.parent, []).append(node)
    for parent, items in children.items():
        children[parent] = in_order(items)
    out: list[tuple[ProblemNode, int]] = []

    def walk(node: ProblemNode, depth: int) -> None:
        out.append((node, depth))
        kids = children.get(node.id, [])
        for kid in [k for k in kids if k.kind == "effect"] + [k for k in kids if k.kind != "effect"]:
            walk(kid, depth + 1)

    for root in children.get(None, []):
        walk(root, 0)
    placed = {n.id for n, _ in out}
    out.extend((n, 0) for n in nodes.values() if n.id not in placed)  # orphans, if any
    return out


def objective_tree(workshop: Workshop) -> list[dict[str, Any]]:
    """Each problem-tree node with its objective: the team's wording, or a proposal to edit."""
    return [
        {
            "id": node.id,
            "kind": node.kind,
            "parent": node.parent,
            "depth": depth,
            "problem": node.text,
            "objective": node.objective or propose_objective(node.text),
            "proposed": not node.objective,
        }
        for node, depth in tree_order(workshop.framing.problem_nodes)
    ]


def pov_statement(group: str, need: str, insight: str) -> str:
    """ "[group] needs [need] because [insight]"."""
    return t("framing.pov.statement", group=group.strip(), need=need.strip(), insight=insight.strip())


def framing_summary(workshop: Workshop, *, top_hmw: int = 5) -> dict[str, Any]:
    """The framing on one page, as JSON-ready data (the app renders it; the report prints it).

    >>> from nsc_workshop.datasets import load_sample
    >>> summary = framing_summary(load_sample())
    >>> summary["wickedness"]["scored"], summary["wickedness"]["maximum"]
    (10, 20)
    """
    framing = workshop.framing
    characteristic_labels = labels("wickedness")
    scores: list[dict[str, Any]] = [
        {"id": cid, "label": characteristic_labels.get(cid, cid), "score": s.score, "note": s.note}
        for cid in WICKEDNESS_CHARACTERISTICS
        if (s := framing.wickedness.get(cid)) is not None
    ]
    total = sum(row["score"] for row in scores)
    iceberg: dict[str, list[str]] = {layer: [] for layer in ("events", "patterns", "structures", "mental_models")}
    for note in in_order(framing.iceberg_notes.values()):
        iceberg[note.layer].append(note.text)
    tree = objective_tree(workshop)
    focal = next((row for row in tree if row["kind"] == "focal"), None)
    tally = vote_tally(workshop, "hmw")
    hmw_notes = framing.hmw_notes
    ranked = [
        {"id": hid, "text": hmw_notes[hid].text, "cluster": hmw_notes[hid].cluster, "votes": dots,
         "voters": tally.voters.get(hid, 0)}
        for hid, dots in tally.ranked()
        if hid in hmw_notes
    ]  # fmt: skip
    clusters: dict[str, list[str]] = {}
    for hmw in hmw_notes.values():
        clusters.setdefault(hmw.cluster, []).append(hmw.text)
    povs = [
        {"id": p.id, "statement": pov_statement(p.group, p.need, p.insight), "selected": p.id == framing.selected_pov}
        for p in framing.povs.values()
    ]
    area_labels = labels("blueprint_areas")
    return {
        "workshop": workshop.id,
        "title": workshop.meta.title,
        "problem_statement": framing.problem_statement,
        "wickedness": {"scores": scores, "scored": len(scores), "total": total, "maximum": 2 * len(scores)},
        "iceberg": iceberg,
        "focal_problem": focal["problem"] if focal else "",
        "causes": [row for row in tree if row["kind"] == "cause"],
        "effects": [row for row in tree if row["kind"] == "effect"],
        "objective_tree": tree,
        "why_chains": [
            {"symptom": c.symptom, "whys": list(c.whys), "root_cause": c.whys[-1] if c.whys else ""}
            for c in framing.why_chains.values()
        ],
        "point_of_view": next((p["statement"] for p in povs if p["selected"]), ""),
        "alternative_framings": [p["statement"] for p in povs if not p["selected"]],
        "hmw_count": len(hmw_notes),
        "hmw_clusters": {name or t("framing.hmw.unclustered"): texts for name, texts in clusters.items()},
        "hmw_ranked": ranked,
        "hmw_top": ranked[:top_hmw],
        "long_term_goal": framing.long_term_goal,
        "sprint_questions": [q.text for q in in_order(framing.sprint_questions.values())],
        "blueprint_areas": [area_labels.get(a, a) for a in workshop.meta.blueprint_areas],
        "prevention_levels": [t(f"framing.prevention.{p}") for p in workshop.meta.prevention_levels],
    }
