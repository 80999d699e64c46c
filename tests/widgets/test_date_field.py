"""Dates typed and shown as the page's language writes them, not as the browser's own language does."""

from __future__ import annotations

import datetime as dt

import pytest

from nsc_workshop.i18n import use_language
from nsc_workshop.widgets import NewWorkshopForm
from nsc_workshop.widgets.date_field import DateField


@pytest.mark.parametrize(
    ("language", "typed", "shown"),
    [("fi", "24.12.2026", "24.12.2026"), ("da", "24.12.2026", "24.12.2026"), ("sv", "2026-12-24", "2026-12-24"),
     ("nb", "24/12/2026", "24.12.2026"), ("en", "2026-12-24", "2026-12-24")],
)  # fmt: skip
def test_a_day_typed_in_the_page_s_language_is_read_and_shown_back(language, typed, shown):
    with use_language(language):
        field = DateField("Day")
    assert field.text.placeholder == shown  # the example is the 24th of December in this language
    field.text.value = typed
    assert field.value == dt.date(2026, 12, 24)
    field.value = dt.date(2026, 3, 5)
    assert field.text.value == {"fi": "5.3.2026", "sv": "2026-03-05", "en": "2026-03-05"}.get(language, "05.03.2026")
    field.value = None
    assert field.text.value == ""


def test_text_that_is_not_a_day_says_how_to_write_one_and_keeps_the_day():
    with use_language("fi"):
        field = DateField("Päivä", value=dt.date(2026, 5, 4))
        field.text.value = "31.2.2026"  # no such day
    assert field.value == dt.date(2026, 5, 4)
    assert "24.12.2026" in field.hint.value and "role='alert'" in field.hint.value
    field.text.value = "<b>huomenna</b>"
    assert "<b>" not in field.hint.value and field.value == dt.date(2026, 5, 4)
    field.text.value = "1.6.2026"
    assert field.value == dt.date(2026, 6, 1) and field.hint.value == ""
    field.text.value = ""
    assert field.value is None


def test_a_workshop_made_in_finnish_gets_the_days_typed_in_finnish(nsc_store):
    with use_language("fi"):
        form = NewWorkshopForm(nsc_store)
    form.title.value, form.city.value, form.country.value = "Vihapuhe verkossa", "Koskela", "Suomi"
    form.start_date.text.value = "4.5.2026"
    form.end_date.text.value = "5.5.2026"
    with use_language("fi"):
        form.create.click()
    (summary,) = nsc_store.list_workshops()
    meta = nsc_store.load(summary.id).meta
    assert (meta.start_date, meta.end_date) == (dt.date(2026, 5, 4), dt.date(2026, 5, 5))
