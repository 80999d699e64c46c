"""Counting votes: each vote once, with its weight, per item and per participant."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from nsc_workshop.model import Workshop, select_votes

__all__ = ["VoteTally", "vote_tally"]


@dataclass(frozen=True)
class VoteTally:
    """The dots of one round: per item, per participant, and who gave the supervote where.

    ``by_item`` counts dots (weights summed); ``voters`` the distinct
    participants who put at least one dot on an item; ``used`` each
    participant's dots in the round; ``supervotes`` item → participants.
    """

    round: str
    by_item: dict[str, int] = field(default_factory=dict)
    voters: dict[str, int] = field(default_factory=dict)
    used: dict[str | None, int] = field(default_factory=dict)
    supervotes: dict[str, list[str | None]] = field(default_factory=dict)
    heatmap: dict[str, list[tuple[float, float]]] = field(default_factory=dict)

    def ranked(self) -> list[tuple[str, int]]:
        """Items by dots, most first (ties broken by id, so the order is stable)."""
        return sorted(self.by_item.items(), key=lambda item: (-item[1], item[0]))


def vote_tally(workshop: Workshop, round: str) -> VoteTally:  # noqa: A002
    """Count the votes of one round (``hmw``, ``ideas``...).

    >>> from nsc_workshop.datasets import load_sample
    >>> tally = vote_tally(load_sample(), "hmw")
    >>> sum(tally.by_item.values()) == sum(tally.used.values())
    True
    """
    dots: Counter[str] = Counter()
    voters: defaultdict[str, set[str | None]] = defaultdict(set)
    used: Counter[str | None] = Counter()
    supervotes: defaultdict[str, list[str | None]] = defaultdict(list)
    heatmap: defaultdict[str, list[tuple[float, float]]] = defaultdict(list)
    for vote in select_votes(workshop.votes.values(), round=round):
        if vote.kind == "dot":
            dots[vote.target] += vote.weight
            voters[vote.target].add(vote.participant)
            used[vote.participant] += vote.weight
        elif vote.kind == "supervote":
            supervotes[vote.target].append(vote.participant)
        elif vote.x is not None and vote.y is not None:
            heatmap[vote.target].append((vote.x, vote.y))
    return VoteTally(
        round=round,
        by_item=dict(dots),
        voters={target: len(people) for target, people in voters.items()},
        used=dict(used),
        supervotes=dict(supervotes),
        heatmap=dict(heatmap),
    )
