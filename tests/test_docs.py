"""The documentation keeps up with the code it describes."""

from pathlib import Path

from caseflow.domain.policies import DEFAULT_POLICIES
from tests.browser.test_guide_screenshots import ROLES, referenced_images

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_the_clocks_page_lists_every_default_policy():
    text = (DOCS / "clocks.md").read_text(encoding="utf-8")
    missing = [
        spec.name
        for spec in DEFAULT_POLICIES
        if spec.name not in text and spec.series is None  # aftercare: one row for the three
    ]
    assert missing == []
    assert "Aftercare follow-up (1 months)" in text


def test_every_role_has_a_guide_in_both_languages_with_screenshots():
    index = (DOCS / "guides" / "README.md").read_text(encoding="utf-8")
    for role in ROLES:
        for lang in ("en", "ms"):
            assert f"({role}.{lang}.md)" in index
            assert referenced_images(role, lang), f"{role}.{lang}.md shows no screenshot"


def test_a_guide_shows_the_same_steps_in_both_languages():
    for role in ROLES:
        english = {name.removesuffix("-en.png") for name in referenced_images(role, "en")}
        malay = {name.removesuffix("-ms.png") for name in referenced_images(role, "ms")}
        assert english == malay, role
