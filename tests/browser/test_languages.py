"""In Chromium: switching an app to Finnish changes its labels, and keeps the link's workshop and role."""

from __future__ import annotations

from nsc_workshop.datasets import SAMPLE_WORKSHOP_ID
from nsc_workshop.i18n import t


def test_switching_the_problem_framing_app_to_finnish(served, page, no_traceback):
    page.goto(served.url_for("01_problem_framing.ipynb", workshop=SAMPLE_WORKSHOP_ID, role="participant", name="t-1"))
    english = t("framing.tab.iceberg", lang="en")
    finnish = t("framing.tab.iceberg", lang="fi")
    assert english != finnish
    page.get_by_role("tab", name=english).wait_for()
    page.locator(".nsc-language-picker a", has_text="Suomi").click()
    page.wait_for_url("**lang=fi**")
    page.get_by_role("tab", name=finnish).wait_for()
    assert "role=participant" in page.url and f"workshop={SAMPLE_WORKSHOP_ID}" in page.url
    title = t("app.problem_framing.title", lang="fi")
    page.get_by_text(title).first.wait_for()
    assert page.locator(".nsc-language-picker strong", has_text="Suomi").count() == 1
    # and back to Swedish from there
    page.locator(".nsc-language-picker a", has_text="Svenska").click()
    page.wait_for_url("**lang=sv**")
    page.get_by_role("tab", name=t("framing.tab.iceberg", lang="sv")).wait_for()
