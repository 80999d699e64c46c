"""Fail when the test run had no browser tests, or skipped any of them."""

import sys
import xml.etree.ElementTree as ET

root = ET.parse(sys.argv[1]).getroot()
browser = [case for case in root.iter("testcase") if case.get("classname", "").startswith("tests.browser")]
skipped = [case.get("name") for case in browser if case.find("skipped") is not None]
failed = [case.get("name") for case in browser if case.find("failure") is not None or case.find("error") is not None]
print(f"browser tests: {len(browser)} run, {len(skipped)} skipped, {len(failed)} failed")
if not browser:
    sys.exit("no browser test ran")
if skipped:
    sys.exit(f"browser tests were skipped: {skipped}")
if failed:
    sys.exit(f"browser tests failed: {failed}")
