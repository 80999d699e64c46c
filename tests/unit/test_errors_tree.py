"""One error tree: every error the kit raises on purpose is an NscWorkshopError, documented and exported."""

from __future__ import annotations

import inspect

import pytest

import nsc_workshop
from nsc_workshop import errors


def _kit_errors():
    import nsc_workshop.io
    import nsc_workshop.room.devices

    found = set()
    for module in (errors, nsc_workshop.io, nsc_workshop.room.devices):
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, errors.NscWorkshopError):
                found.add(value)
    return found


def test_every_error_is_in_the_tree_and_exported():
    doc = errors.__doc__ or ""
    for cls in _kit_errors():
        assert cls.__module__ == "nsc_workshop.errors", cls  # defined in one place
        assert cls.__name__ in doc, cls  # drawn in the documented tree
        assert cls.__name__ in errors.__all__ and getattr(nsc_workshop, cls.__name__) is cls, cls


def test_a_bad_chart_option_is_a_message_the_apps_show():
    from nsc_workshop.datasets import load_sample
    from nsc_workshop.plots.towers import influence_towers

    with pytest.raises(errors.NscWorkshopError) as caught:  # Panel.run shows these instead of a traceback
        influence_towers(load_sample(), top=-1)
    assert isinstance(caught.value, ValueError)  # still what Python's own functions raise for a bad argument
    assert "top" in str(caught.value)
