"""Summaries of a workshop's work as plain data: for the apps' summary pages, the CLI and the report."""

from nsc_workshop.summaries.framing import framing_summary, objective_tree, propose_objective
from nsc_workshop.summaries.sprint import (
    action_plan_rows,
    decision,
    schedule,
    sprint_summary,
    sprint_templates,
    timer_state,
    visible_ideas,
    write_action_plan,
)
from nsc_workshop.summaries.votes import VoteTally, vote_tally

__all__ = [
    "VoteTally",
    "action_plan_rows",
    "decision",
    "framing_summary",
    "objective_tree",
    "propose_objective",
    "schedule",
    "sprint_summary",
    "sprint_templates",
    "timer_state",
    "visible_ideas",
    "vote_tally",
    "write_action_plan",
]
