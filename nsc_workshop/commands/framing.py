"""Session commands of the problem-framing app, one per kind of change.

They are thin, named wrappers over the session's generic commands (``add``,
``update``, ``upsert``, ``remove``, ``update_section``), so each change is one
event, checked against the latest state and undoable like any other.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from nsc_workshop.commands._core import CommandNamespace
from nsc_workshop.commands._roles import facilitator_only
from nsc_workshop.errors import InvalidCommand, ItemNotFound
from nsc_workshop.i18n import t
from nsc_workshop.model import HmwNote, IcebergNote, PointOfView, ProblemNode, SprintQuestion, WhyChain, next_order
from nsc_workshop.model.framing import WickednessScore

if TYPE_CHECKING:
    pass

__all__ = ["FramingCommands"]


class FramingCommands(CommandNamespace):
    """Problem-framing commands, over a session (``session.framing``)."""

    def set_problem_statement(self, text: str) -> None:
        """What worries us, in the team's own words."""
        self._session.update_section("framing", problem_statement=text)

    def score_wickedness(self, characteristic: str, score: int, note: str | None = None) -> WickednessScore:
        """Score one of Rittel & Webber's ten characteristics: 0 (not at all), 1 (partly), 2 (clearly)."""
        fields: dict[str, Any] = {"score": score}
        if note is not None:
            fields["note"] = note
        item = self._session.upsert("wickedness", characteristic, **fields)
        assert isinstance(item, WickednessScore)
        return item

    def add_iceberg_note(self, /, layer: str, text: str, **fields: Any) -> IcebergNote:
        """A note on a layer of the iceberg: events, patterns, structures or mental models."""
        fields.setdefault("order", next_order(n for n in self.workshop.framing.iceberg_notes.values()))
        item = self._session.add("iceberg_note", layer=layer, text=text, **fields)
        assert isinstance(item, IcebergNote)
        return item

    def add_problem_node(self, /, kind: str, text: str, parent: str | None = None, **fields: Any) -> ProblemNode:
        """Add the focal problem, a cause (below the focal problem or a cause) or an effect (above).

        Without ``parent``, a cause or an effect hangs from the focal problem.
        """
        nodes = self.workshop.framing.problem_nodes
        if kind != "focal" and parent is None:
            parent = next((n.id for n in nodes.values() if n.kind == "focal"), None)
        siblings = [n for n in nodes.values() if n.parent == parent]
        fields.setdefault("order", next_order(siblings))
        item = self._session.add("problem_node", kind=kind, text=text, parent=parent, **fields)
        assert isinstance(item, ProblemNode)
        return item

    def add_why_chain(self, /, symptom: str, whys: Iterable[str] = (), **fields: Any) -> WhyChain:
        """Start a 5-whys chain from a symptom."""
        item = self._session.add("why_chain", symptom=symptom, whys=list(whys), **fields)
        assert isinstance(item, WhyChain)
        return item

    def add_why(self, chain_id: str, text: str) -> WhyChain:
        """Answer the next "why?" of a chain."""
        chain = self.workshop.framing.why_chains.get(chain_id)
        if chain is None:
            raise ItemNotFound(kind=t("kind.why_chain"), id=chain_id)
        item = self._session.update("why_chain", chain_id, whys=[*chain.whys, text])
        assert isinstance(item, WhyChain)
        return item

    def send_why_to_tree(self, chain_id: str, index: int | None = None, parent: str | None = None) -> ProblemNode:
        """Put an answer of a chain (the last one, the root cause, by default) in the problem tree as a cause."""
        chain = self.workshop.framing.why_chains.get(chain_id)
        if chain is None:
            raise ItemNotFound(kind=t("kind.why_chain"), id=chain_id)
        if not chain.whys:
            raise InvalidCommand("error.why.empty")
        text = chain.whys[-1 if index is None else index]
        if not any(n.kind == "focal" for n in self.workshop.framing.problem_nodes.values()) and parent is None:
            raise InvalidCommand("error.problem_tree.no_focal")
        return self.add_problem_node("cause", text, parent=parent)

    def add_pov(self, /, group: str, need: str, insight: str, **fields: Any) -> PointOfView:
        """A point-of-view statement: "[group] needs [need] because [insight]"."""
        item = self._session.add("pov", group=group, need=need, insight=insight, **fields)
        assert isinstance(item, PointOfView)
        return item

    @facilitator_only
    def select_pov(self, pov_id: str | None) -> None:
        """Choose the framing the team goes on with (the others are kept beside it)."""
        self._session.update_section("framing", selected_pov=pov_id)

    def add_hmw(self, /, text: str, cluster: str = "", **fields: Any) -> HmwNote:
        """A "How might we...?" note: one idea per note."""
        item = self._session.add("hmw", text=text, cluster=cluster, **fields)
        assert isinstance(item, HmwNote)
        return item

    def cluster_hmw(self, hmw_id: str, cluster: str) -> HmwNote:
        """Put a HMW note in a cluster (an empty name takes it out)."""
        item = self._session.update("hmw", hmw_id, cluster=cluster)
        assert isinstance(item, HmwNote)
        return item

    def set_long_term_goal(self, text: str) -> None:
        """The optimistic goal two years out."""
        self._session.update_section("framing", long_term_goal=text)

    def add_sprint_question(self, text: str) -> SprintQuestion:
        """A question the sprint should answer, phrased "Can we...?"."""
        order = next_order(self.workshop.framing.sprint_questions.values())
        item = self._session.add("sprint_question", text=text, order=order)
        assert isinstance(item, SprintQuestion)
        return item

    @facilitator_only
    def set_tags(
        self,
        blueprint_areas: Iterable[str] | None = None,
        prevention_levels: Iterable[str] | None = None,
    ) -> None:
        """Tag the workshop with Blueprint areas and prevention levels."""
        changes: dict[str, Any] = {}
        if blueprint_areas is not None:
            changes["blueprint_areas"] = list(blueprint_areas)
        if prevention_levels is not None:
            changes["prevention_levels"] = list(prevention_levels)
        if changes:
            self._session.update_meta(**changes)
