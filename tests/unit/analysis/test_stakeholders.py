"""Power/interest quadrants and Mitchell, Agle & Wood salience classes."""

from __future__ import annotations

import itertools

import pytest

from nsc_workshop.analysis import QUADRANTS, SALIENCE_CLASSES, quadrant, quadrants, salience, salience_class

EXPECTED_SALIENCE = {
    # (power, legitimacy, urgency): class (Mitchell, Agle & Wood 1997, figure 2)
    (False, False, False): "non_stakeholder",
    (True, False, False): "dormant",
    (False, True, False): "discretionary",
    (False, False, True): "demanding",
    (True, True, False): "dominant",
    (True, False, True): "dangerous",
    (False, True, True): "dependent",
    (True, True, True): "definitive",
}


@pytest.mark.parametrize(("attributes", "expected"), EXPECTED_SALIENCE.items())
def test_all_eight_salience_classes(attributes, expected):
    assert salience_class(*attributes) == expected


def test_unassessed_attributes_count_as_absent():
    assert salience_class(None, None, None) == "non_stakeholder"
    assert salience_class(True, None, True) == "dangerous"
    assert set(SALIENCE_CLASSES) == set(EXPECTED_SALIENCE.values())


@pytest.mark.parametrize(
    ("influence", "interest", "expected"),
    [
        (9, 9, "manage_closely"),
        (9, 1, "keep_satisfied"),
        (1, 9, "keep_informed"),
        (1, 1, "monitor"),
        (5, 5, "manage_closely"),  # the threshold itself is high
        (4, 5, "keep_informed"),
        (5, 4, "keep_satisfied"),
        (0, 0, "monitor"),
        (10, 10, "manage_closely"),
        (None, 5, None),
        (5, None, None),
    ],
)
def test_quadrant_thresholds(influence, interest, expected):
    assert quadrant(influence, interest) == expected


def test_quadrant_with_another_threshold():
    assert quadrant(6, 6, threshold=7) == "monitor"
    assert quadrant(7, 6, threshold=7) == "keep_satisfied"
    assert all(quadrant(a, b) in QUADRANTS for a, b in itertools.product(range(11), repeat=2))


def test_sample_quadrants_and_salience(sample_graph):
    q = quadrants(sample_graph)
    s = salience(sample_graph)
    assert q["act_mayor_office"] == "manage_closely"  # influence 9, interest 6
    assert q["act_city_council"] == "keep_satisfied"  # 8, 4
    assert q["act_gaming_cafe"] == "monitor"  # 1, 4
    assert s["act_police_district"] == "definitive"
    assert s["act_uncensored_page"] == "dangerous"
    assert s["act_gaming_cafe"] == "non_stakeholder"
    assert set(q) == set(s) == set(sample_graph)
