"""Summaries of a workshop's work as plain data: for the apps' summary pages, the CLI and the report."""

from nsc_workshop.summaries.framing import framing_summary, objective_tree, propose_objective
from nsc_workshop.summaries.votes import VoteTally, vote_tally

__all__ = ["VoteTally", "framing_summary", "objective_tree", "propose_objective", "vote_tally"]
