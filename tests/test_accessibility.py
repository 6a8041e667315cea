"""Faults axe-core reports, held by page tests too: one id per element on the case page, and
no link hidden inside an image in a chart."""

from collections import Counter
from html.parser import HTMLParser

from caseflow.web.charts import Bar, bar_chart
from tests.support import register_on_page


class _Ids(HTMLParser):
    """The ids of every element a label or a screen reader can point at (not hidden inputs)."""

    def __init__(self):
        super().__init__()
        self.ids = Counter()

    def handle_starttag(self, tag, attrs):
        named = dict(attrs)
        if named.get("id") and not (tag == "input" and named.get("type") == "hidden"):
            self.ids[named["id"]] += 1


def repeated_ids(html: str) -> list[str]:
    parser = _Ids()
    parser.feed(html)
    return [name for name, count in parser.ids.items() if count > 1]


def test_the_case_page_gives_each_field_its_own_id(as_user):
    protector = as_user("jkm.protector")
    case_id = register_on_page(protector, source_type="jkm")
    html = protector.get(f"/cases/{case_id}").get_data(as_text=True)
    assert 'name="reason"' in html and 'id="step-reason"' in html  # refer and step forms
    assert repeated_ids(html) == []


def test_a_chart_of_links_is_a_group_whose_links_are_named():
    linked = bar_chart("Caseload", [Bar("Pelindung A", 30, "/a"), Bar("Pelindung B", 3)], 25)
    assert 'role="group"' in linked and 'role="img"' not in linked
    assert 'aria-label="Pelindung A: 30"' in linked
    plain = bar_chart("Caseload", [Bar("Pelindung A", 30)], 25)
    assert 'role="img"' in plain
