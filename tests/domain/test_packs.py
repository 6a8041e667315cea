"""Which pack a child gets, and how the case's facts are merged into the reviewed texts."""

from dataclasses import replace
from datetime import date

import pytest

from caseflow.domain.packs import (
    BlockKind,
    Contact,
    ContentError,
    CourtDate,
    PackFacts,
    PackLanguage,
    PackText,
    PackVersion,
    check,
    compose,
    default_language,
    default_version,
    statement_keys,
)
from caseflow.packs.content import pack_text

FACTS = PackFacts(
    given_name="Aina",
    full_name="Aina Contoh",
    reference="KDH-2026-000001",
    state="Kedah",
    issued_on=date(2026, 11, 22),
    issued_by=Contact("Demo Protector", "JKM Kota Setar"),
)


@pytest.mark.parametrize(
    ("age", "version"),
    [
        (None, "caregiver"),
        (4, "child"),
        (12, "child"),
        (13, "teen"),
        (17, "teen"),
        (18, "caregiver"),
    ],
)
def test_version_follows_the_childs_age(age, version):
    assert default_version(age) == version


def test_language_follows_the_home_language_and_falls_back_to_malay():
    assert default_language("ta") == "ta"
    assert default_language("zh") == "zh"
    assert default_language("other") == "ms"
    assert default_language(None) == "ms"


@pytest.mark.parametrize("version", list(PackVersion))
@pytest.mark.parametrize("language", list(PackLanguage))
def test_every_content_file_loads_and_names_only_known_facts(version, language):
    text = pack_text(version, language)
    blocks = compose(text, FACTS)
    assert blocks[0].kind is BlockKind.TITLE
    assert "Aina" in blocks[0].text + blocks[1].text  # the child's name opens every pack
    assert not any("None" in block.text or "{" in block.text for block in blocks)


def test_missing_facts_say_who_to_ask_instead_of_printing_none():
    text = pack_text(PackVersion.CAREGIVER, PackLanguage.EN)
    words = " ".join(block.text for block in compose(text, FACTS))
    assert "A child protector has not been named yet" in words
    assert "There is no court date yet" in words
    assert "Legal Aid Department" in words


def test_present_facts_are_merged_with_their_phone_or_where_to_ask_for_it():
    facts = replace(
        FACTS,
        protector=Contact("Demo Protector", "JKM Kota Setar", "04-000 0000"),
        investigating_officer=Contact("Demo Officer", "D11 Kedah"),
        next_court=CourtDate(date(2027, 1, 12), "Special Court Putrajaya", special=True),
    )
    text = pack_text(PackVersion.CAREGIVER, PackLanguage.MS)
    words = [block.text for block in compose(text, facts)]
    assert (
        "Pelindung kanak-kanak (Jabatan Kebajikan Masyarakat): Demo Protector, JKM Kota Setar."
        in words
    )
    assert "Telefon: 04-000 0000" in words
    # no number on record for the officer: one fallback line, never a gap in our records
    fallback = "Jika anda tidak dapat menghubungi mereka, hubungi Talian Kasih 15999 (24 jam)."
    assert words.count(fallback) == 1
    assert not any("rekod" in w for w in words)
    assert "Tarikh mahkamah seterusnya: 12 Januari 2027, di Special Court Putrajaya." in words
    assert any(w.startswith("Ini ialah mahkamah khas") for w in words)


@pytest.mark.parametrize("version", list(PackVersion))
def test_the_four_languages_of_each_pack_carry_the_same_statement_keys(version):
    """Same sections, statements, conditions, facts and helplines: a translation says the same."""
    shapes = {language: statement_keys(pack_text(version, language)) for language in PackLanguage}
    english = shapes.pop(PackLanguage.EN)
    assert english and all(shape == english for shape in shapes.values()), version
    helplines = {
        lang: [h["key"] for h in pack_text(version, lang).phrases["helplines"]]
        for lang in PackLanguage
    }
    assert len({tuple(keys) for keys in helplines.values()}) == 1


DATA_GAP = ("not in our records", "belum ada dalam rekod", "记录里还没有", "பதிவுகளில் இல்லை")


@pytest.mark.parametrize("version", [PackVersion.CHILD, PackVersion.EASY_READ])
@pytest.mark.parametrize("language", list(PackLanguage))
def test_the_childs_pack_never_prints_a_data_gap_and_speaks_to_the_child(version, language):
    facts = replace(
        FACTS,
        protector=Contact("Demo Protector", "JKM Kota Setar"),  # no telephone on record
        investigating_officer=Contact("Demo Officer", "D11 Kedah"),
    )
    text = pack_text(version, language)
    words = " ".join(block.text for block in compose(text, facts))
    assert not any(gap in words for gap in DATA_GAP)
    assert "15999" in words and text.phrases["child"]["phone_fallback"] in words
    # the child's own words, not the caregiver's "Child protector (Social Welfare ...): name"
    assert text.phrases["facts"]["protector"]["present"].split("{")[0] not in words
    for phrases in (text.phrases, text.phrases["child"]):
        assert "phone_missing" not in phrases


@pytest.mark.parametrize("version", list(PackVersion))
def test_special_court_lines_only_for_a_case_charged_at_a_special_court(version):
    for language in PackLanguage:
        text = pack_text(version, language)
        special = [
            item["text"]
            for section in text.sections
            for item in section.get("items", [])
            if item.get("when") == "special_court"
        ]
        ordinary = [b.text for b in compose(text, FACTS)]
        there = [b.text for b in compose(text, replace(FACTS, charged_at_special_court=True))]
        assert not set(special) & set(ordinary)
        assert set(special) <= set(there)
    english = " ".join(b.text for b in compose(pack_text(version, PackLanguage.EN), FACTS))
    assert "special court" not in english


def test_easy_read_has_a_picture_for_each_part_and_one_short_idea_a_line():
    text = pack_text(PackVersion.EASY_READ, PackLanguage.EN)
    assert all(section.get("picture") for section in text.sections)
    blocks = compose(text, FACTS)
    lines = [b.text for b in blocks if b.kind is BlockKind.PARAGRAPH]
    assert lines and all(len(line.split()) <= 10 and line.count(".") <= 1 for line in lines)
    assert [b.kind for b in blocks].count(BlockKind.PICTURE) == len(text.sections)


def test_full_name_appears_once_and_only_at_the_top():
    text = pack_text(PackVersion.CAREGIVER, PackLanguage.EN)
    blocks = compose(text, FACTS)
    with_full_name = [i for i, block in enumerate(blocks) if "Aina Contoh" in block.text]
    assert with_full_name == [0]


def test_merged_values_are_not_read_as_placeholders():
    facts = replace(FACTS, given_name="{reference}")
    text = pack_text(PackVersion.CHILD, PackLanguage.EN)
    assert compose(text, facts)[0].text == "Hello, {reference}"


def test_a_content_file_with_an_unknown_placeholder_is_refused():
    text = pack_text(PackVersion.CHILD, PackLanguage.EN)
    broken = replace(text, sections=[{"heading": "Hi {date_of_birth}"}])
    with pytest.raises(ContentError, match="date_of_birth"):
        check(broken)
    with pytest.raises(ContentError, match="narrative"):
        check(replace(text, sections=[{"contacts": ["narrative"]}]))


FACT_PHRASES = {
    **{
        key: {"present": "{name} at {place}", "missing": f"no {key} yet"}
        for key in ("protector", "investigating_officer", "oscc", "legal_companion")
    },
    "next_court": {
        "present": "court {date} at {court}",
        "missing": "no court date yet",
        "special": "a special court",
    },
    "issued": {"present": "given {date} by {name}, {place}", "missing": "-"},
}
VOICE = {
    "facts": FACT_PHRASES,
    "phone": "phone {phone}",
    "phone_fallback": "no number: call Talian Kasih 15999",
}
PHRASES = {
    **VOICE,
    "child": VOICE,
    "footer": "Synthetic footer",
    "months": [f"M{n}" for n in range(1, 13)],
    "date": "{day} {month} {year}",
    "helplines": [
        {"key": "talian_kasih", "text": "Talian Kasih 15999"},
        {"key": "cyber999", "text": "Cyber999"},
    ],
    "helplines_short": ["talian_kasih"],
}


def small_text(sections: list[dict]) -> PackText:
    return PackText(
        PackVersion.CHILD,
        PackLanguage.EN,
        "For {given_name}",
        "{reference} in {state}",
        sections,
        PHRASES,
    )


def test_a_pack_reads_title_then_each_section_in_order():
    text = small_text(
        [
            {
                "key": "about",
                "heading": "About {given_name}",
                "items": [
                    {"key": "p1", "kind": "paragraph", "text": "P1 {full_name}"},
                    {"key": "p2", "kind": "paragraph", "text": "P2"},
                    {"key": "b1", "kind": "bullet", "text": "B1"},
                    {"key": "b2", "kind": "bullet", "text": "B2 {state}"},
                ],
                "contacts": ["protector", "issued"],
            },
            {
                "key": "help",
                "items": [{"key": "p3", "kind": "paragraph", "text": "No heading here"}],
                "helplines": "short",
            },
        ]
    )
    check(text)
    facts = replace(FACTS, protector=Contact("Demo Protector", "JKM Kota Setar", "04-1"))
    assert [(block.kind, block.text) for block in compose(text, facts)] == [
        (BlockKind.TITLE, "For Aina"),
        (BlockKind.SUBTITLE, "KDH-2026-000001 in Kedah"),
        (BlockKind.HEADING, "About Aina"),
        (BlockKind.PARAGRAPH, "P1 Aina Contoh"),
        (BlockKind.PARAGRAPH, "P2"),
        (BlockKind.BULLET, "B1"),
        (BlockKind.BULLET, "B2 Kedah"),
        (BlockKind.FACT, "Demo Protector at JKM Kota Setar"),
        (BlockKind.FACT, "phone 04-1"),
        (BlockKind.FACT, "given 22 M11 2026 by Demo Protector, JKM Kota Setar"),
        (BlockKind.PARAGRAPH, "No heading here"),
        (BlockKind.BULLET, "Talian Kasih 15999"),
    ]
    assert text.footer == "Synthetic footer"


@pytest.mark.parametrize(
    "section",
    [
        {"heading": "Hi {age}"},
        {
            "items": [
                {"key": "a", "kind": "paragraph", "text": "fine"},
                {"key": "b", "kind": "paragraph", "text": "{age}"},
            ]
        },
        {"items": [{"key": "c", "kind": "bullet", "text": "{age}"}]},
    ],
)
def test_an_unknown_placeholder_anywhere_in_a_section_is_refused(section):
    with pytest.raises(ContentError, match=r"child\.en: unknown placeholders \{'age'\}"):
        check(small_text([{"heading": "First"}, section]))


def test_an_unknown_placeholder_in_the_title_is_refused_even_with_sections():
    text = replace(small_text([{"heading": "First"}]), title="Hello {nickname}")
    with pytest.raises(ContentError, match="nickname"):
        check(text)


@pytest.mark.parametrize(
    "missing", ["footer", "months", "date", "helplines", "helplines_short", "phone_fallback"]
)
def test_a_language_without_a_phrase_the_pack_needs_is_refused(missing):
    phrases = {key: value for key, value in PHRASES.items() if key != missing}
    with pytest.raises(ContentError, match=f"en: no phrase '{missing}'"):
        check(replace(small_text([]), phrases=phrases))


def test_a_language_without_the_words_for_a_fact_is_refused():
    facts = {key: value for key, value in FACT_PHRASES.items() if key != "oscc"}
    with pytest.raises(ContentError, match="en: no phrases for the fact 'oscc'"):
        check(replace(small_text([]), phrases={**PHRASES, "facts": facts}))
    with pytest.raises(ContentError, match="no phrases for the fact"):
        check(replace(small_text([]), phrases={k: v for k, v in PHRASES.items() if k != "facts"}))


def test_an_empty_home_language_gets_malay():
    assert default_language("") == "ms"
