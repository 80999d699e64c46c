"""The actor map as a networkx graph."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

    from nsc_workshop.model import Workshop

__all__ = ["graph_inputs", "to_networkx"]


def graph_inputs(workshop: Workshop) -> tuple[object, ...]:
    """The parts of a workshop :func:`to_networkx` reads: a view drawn from the graph changes only with them.

    >>> from nsc_workshop.testing import make_workshop
    >>> ws = make_workshop(actors=3)
    >>> graph_inputs(ws) == graph_inputs(ws.model_copy(update={"votes": {}}))
    True
    """
    return (workshop.id, workshop.meta, workshop.actors, workshop.ties)


def to_networkx(workshop: Workshop) -> nx.MultiDiGraph:
    """The actor map as a ``networkx.MultiDiGraph``.

    Nodes are actor ids with the actor's fields as attributes (custom
    attributes under their own names unless they clash with a field). Each tie
    is one edge keyed by its id, from ``source`` to ``target``, with ``type``,
    ``sign``, ``weight``, ``directed`` and its other fields; an undirected tie
    is one edge with ``directed=False`` (analysis treats it as going both ways).
    The graph's attributes hold the workshop id and title.

    >>> from nsc_workshop.testing import make_workshop
    >>> g = to_networkx(make_workshop(actors=4, ties=3))
    >>> g.number_of_nodes(), g.number_of_edges()
    (4, 3)
    """
    import networkx as nx

    graph = nx.MultiDiGraph(workshop_id=workshop.id, title=workshop.meta.title)
    for actor in workshop.actors.values():
        data: dict[str, Any] = actor.model_dump(exclude={"id", "attributes"})
        for key, value in actor.attributes.items():
            data.setdefault(key, value)
        graph.add_node(actor.id, **data)
    for tie in workshop.ties.values():
        data = tie.model_dump(exclude={"id", "source", "target", "attributes"})
        for key, value in tie.attributes.items():
            data.setdefault(key, value)
        graph.add_edge(tie.source, tie.target, key=tie.id, id=tie.id, **data)
    return graph
