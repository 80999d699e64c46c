"""Fail when the test run had no browser or hub tests, or skipped any of them.

The browser tests drive Voilà and the room in Chromium (``tests/browser``); the hub tests run a real
JupyterHub, its proxy and PostgreSQL, signed in through Chromium (``tests/hub``). A machine without
Chromium or PostgreSQL would skip them and pass: CI must not.
"""

import sys
import xml.etree.ElementTree as ET

root = ET.parse(sys.argv[1]).getroot()
problems = []
for suite in ("tests.browser", "tests.hub"):
    cases = [case for case in root.iter("testcase") if case.get("classname", "").startswith(suite)]
    skipped = [case.get("name") for case in cases if case.find("skipped") is not None]
    failed = [case.get("name") for case in cases if case.find("failure") is not None or case.find("error") is not None]
    print(f"{suite}: {len(cases)} run, {len(skipped)} skipped, {len(failed)} failed")
    if not cases:
        problems.append(f"no test of {suite} ran")
    if skipped:
        problems.append(f"{suite} tests were skipped: {skipped}")
    if failed:
        problems.append(f"{suite} tests failed: {failed}")
if problems:
    sys.exit("\n".join(problems))
