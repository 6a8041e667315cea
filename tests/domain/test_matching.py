"""The same child across spellings, and different children kept apart (synthetic names)."""

from datetime import date

import pytest

from caseflow.domain.matching import Child, Thresholds, birth_year_window, identity_number, score
from caseflow.domain.names import name_key, parse_name, same_chinese_surname

DOB = date(2014, 5, 2)
DEFAULT = Thresholds()


def child(given: str, family: str = "", **kw) -> Child:
    base = {"date_of_birth": DOB, "sex": "female", "state_code": "KDH", "district_id": 7}
    return Child(given, family, **{**base, **kw})


def same_child(a: tuple[str, str], b: tuple[str, str], **kw) -> float:
    return score(child(*a, **kw), child(*b, **kw)).score


MALAY_PATRONYMICS = [
    ("Nur Aisyah binti Ahmad", ""),
    ("Nur Aisyah", "binti Ahmad"),
    ("Nur Aisyah bt Ahmad", ""),
    ("Nur Aisyah bte Ahmad", ""),
    ("Nur Aisyah b. Ahmad", ""),
    ("Nur Aisyah", "Ahmad"),
]
MALAY_SPELLINGS = [
    ("Nurul Aishah binti Ahmad", ""),
    ("Nur Aisha binti Ahmad", ""),
    ("Nuraisyah binti Ahmad", ""),
    ("Nurulaishah bt Ahmad", ""),
    ("NUR AISYAH BINTI AHMED", ""),
]
MALAY_BOY = [
    ("Muhammad Faiz bin Ali", ""),
    ("Mohd Faiz bin Ali", ""),
    ("Mohamad Faiz b. Ali", ""),
    ("Muhamad Faiz", "bin Ali"),
    ("Mohdfaiz bin Ali", ""),
    ("Muhammad Faiz", "Ali"),
]
CHINESE = [
    ("Tan Mei Ling", ""),
    ("Mei Ling", "Tan"),
    ("Mei-Ling", "Tan"),
    ("Meiling", "Tan"),
    ("Mei Ling Tan", ""),
    ("Chen Mei Ling", ""),
    ("Chan Meiling", ""),
    ("Mei-Ling Chin", ""),
]
CHINESE_SURNAME_ROMANISATIONS = [
    ("Lim Wei Jie", "Lam Wei Jie"),
    ("Lin Wei Jie", "Lim Weijie"),
    ("Huang Wei Jie", "Ng Wei Jie"),
    ("Wong Wei-Jie", "Oei Wei Jie"),
    ("Zhang Wei Jie", "Teo Wei Jie"),
    ("Liu Wei Jie", "Lau Wei Jie"),
]
INDIAN = [
    ("Kavitha a/p Rajan", ""),
    ("Kavitha d/o Rajan", ""),
    ("Kavitha", "a/p Rajan"),
    ("Kavitha", "Rajan"),
    ("Kavita A/P Rajan", ""),
]
INDIAN_BOY = [("Arjun a/l Muthu", ""), ("Arjun s/o Muthu", ""), ("Arjun S/O Muthu", "")]


@pytest.mark.parametrize(
    "variants",
    [MALAY_PATRONYMICS + MALAY_SPELLINGS, CHINESE, INDIAN],
    ids=["malay", "chinese", "indian"],
)
def test_every_spelling_of_a_girls_name_is_the_same_child(variants):
    for a in variants:
        for b in variants:
            assert same_child(a, b) >= DEFAULT.show_at, (a, b)


@pytest.mark.parametrize("variants", [MALAY_BOY, INDIAN_BOY], ids=["malay", "indian"])
def test_every_spelling_of_a_boys_name_is_the_same_child(variants):
    for a in variants:
        for b in variants:
            assert same_child(a, b, sex="male") >= DEFAULT.show_at, (a, b)


@pytest.mark.parametrize("a, b", CHINESE_SURNAME_ROMANISATIONS)
def test_romanisations_of_one_chinese_surname_match(a, b):
    assert same_child((a, ""), (b, ""), sex="male") >= DEFAULT.notify_at


@pytest.mark.parametrize(
    "variants", [MALAY_PATRONYMICS + MALAY_SPELLINGS, MALAY_BOY, CHINESE, INDIAN, INDIAN_BOY]
)
def test_variants_share_one_index_key(variants):
    """Candidates come from the index on this key: a variant with another key is never found."""
    assert len({name_key(*v) for v in variants}) == 1


def test_patronymic_markers_split_own_name_from_fathers():
    for given in ("Nur Aisyah binti Ahmad", "Nur Aisyah bt Ahmad", "Nur Aisyah b. Ahmad"):
        assert parse_name(given).own == ("nur", "aisyah")
        assert parse_name(given).family == ("ahmad",)
    assert parse_name("Arjun s/o Muthu").own == ("arjun",)
    assert parse_name("Arjun a/l Muthu").family == ("muthu",)


def test_initial_b_without_a_dot_and_al_as_a_name_are_not_markers():
    assert parse_name("Al Amin Hakimi").own == ("al", "amin", "hakimi")
    assert parse_name("Aina B Hassan").family == ()


def test_chinese_family_name_found_first_or_last():
    assert parse_name("Tan Mei Ling").chinese_surname == "tan"
    assert parse_name("Mei Ling Tan").chinese_surname == "tan"
    assert parse_name("Mei Ling Tan").own == ("mei", "ling")


def test_surnames_of_different_characters_do_not_match():
    assert same_chinese_surname("tan", "chen")
    assert same_chinese_surname("wong", "ong")  # Cantonese Wong is also 王
    assert not same_chinese_surname("tan", "lim")
    assert not same_chinese_surname("lee", "ng")


def test_children_sharing_only_a_surname_and_a_birth_year_do_not_match():
    a = child("Tan Mei Ling", date_of_birth=date(2014, 5, 2), district_id=7)
    b = child("Tan Wei Jie", date_of_birth=date(2014, 9, 10), district_id=8)
    assert score(a, b).score < DEFAULT.show_at
    c = child("Nur Aisyah binti Ahmad", date_of_birth=date(2014, 5, 2), district_id=7)
    d = child("Siti Hajar binti Ahmad", date_of_birth=date(2014, 11, 2), district_id=7)
    assert score(c, d).score < DEFAULT.show_at


def test_twins_with_one_caregiver_are_different_children():
    kw = {"caregiver_name": "Ahmad bin Osman", "caregiver_phone": "012-3456789"}
    a = child("Nur Aisyah binti Ahmad", **kw)
    b = child("Nur Hidayah binti Ahmad", **kw)
    assert score(a, b).score < DEFAULT.show_at


def test_same_name_on_another_date_of_birth_elsewhere_is_below_notification():
    a = child("Tan Mei Ling", date_of_birth=date(2014, 5, 2), district_id=7)
    b = child("Tan Mei Ling", date_of_birth=date(2012, 1, 9), district_id=9, state_code="SGR")
    assert score(a, b).score < DEFAULT.show_at


def test_a_different_sex_counts_against():
    assert (
        same_child(("Tan Mei Ling", ""), ("Tan Mei Ling", ""))
        > score(child("Tan Mei Ling"), child("Tan Mei Ling", sex="male")).score + 0.25
    )


def test_identity_number_decides_either_way():
    a = child("Aina", "Contoh", identity_number="140502021234")
    b = child("Nurul Aina", "binti Yusof", identity_number="140502021234", district_id=None)
    assert score(a, b).score >= DEFAULT.notify_at
    assert score(a, b).reasons == ("identity_number",)
    c = child("Aina", "Contoh", identity_number="140502025678")
    assert score(a, c).score < DEFAULT.show_at


def test_identity_number_with_or_without_dashes():
    assert identity_number("140502-02-1234") == identity_number("140502021234") == "140502021234"
    assert identity_number("  ") is None
    for bad in ("14050202123", "140502-021234x", "abcdefghijkl"):
        with pytest.raises(ValueError):
            identity_number(bad)


def test_age_estimate_matches_a_nearby_birth_year():
    a = child("Tan Mei Ling")
    b = child("Meiling Tan", date_of_birth=None, age_estimate=12, reported_on=date(2026, 3, 19))
    found = score(a, b)
    assert found.score >= DEFAULT.show_at
    assert "date_of_birth" in found.reasons
    assert birth_year_window(b) == (2012, 2016)
    assert birth_year_window(a) == (2013, 2015)


def test_caregiver_phone_in_two_formats_agrees():
    a = child("Kavitha a/p Rajan", caregiver_phone="+60 12-345 6789")
    b = child("Kavitha", "Rajan", caregiver_phone="012 3456789")
    assert "caregiver_phone" in score(a, b).reasons


def test_reasons_name_what_agreed():
    found = score(child("Nur Aisyah binti Ahmad"), child("Nurul Aishah bt Ahmad"))
    assert set(found.reasons) >= {"name", "family_name", "date_of_birth", "district"}
