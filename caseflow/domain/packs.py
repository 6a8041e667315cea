"""Information packs: which pack a child gets, and the case's facts merged into reviewed text.

The words live in content files a social worker or translator can correct (see
caseflow/packs/content); this module only decides what goes where. A fact the case does not
have yet is never printed as "None": the content says who to ask instead.
"""

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from string import Formatter
from typing import Any


class PackVersion(StrEnum):
    CHILD = "child"  # about 7-12: short sentences, large type
    TEEN = "teen"  # 13-17
    CAREGIVER = "caregiver"
    EASY_READ = "easy_read"  # intellectual disability or low literacy: one idea a line, pictures


#: Versions written in a child's own words: their contact lines come from `phrases.child`.
CHILD_VOICE = frozenset({PackVersion.CHILD, PackVersion.EASY_READ})


class PackLanguage(StrEnum):
    MS = "ms"
    EN = "en"
    ZH = "zh"
    TA = "ta"


TEEN_FROM_AGE = 13
ADULT_FROM_AGE = 18


def default_version(age: int | None) -> PackVersion:
    """The child's own pack by age; an unknown age or an adult gets the caregiver's."""
    if age is None or age >= ADULT_FROM_AGE:
        return PackVersion.CAREGIVER
    return PackVersion.TEEN if age >= TEEN_FROM_AGE else PackVersion.CHILD


def default_language(home_language: str | None) -> PackLanguage:
    try:
        return PackLanguage(home_language or "")
    except ValueError:
        return PackLanguage.MS


@dataclass(frozen=True)
class Contact:
    name: str
    place: str = ""
    phone: str = ""


@dataclass(frozen=True)
class CourtDate:
    on: date
    court: str
    special: bool = False


@dataclass(frozen=True)
class PackFacts:
    """`charged_at_special_court`: the case's charge was registered at a special court; only
    then does a pack say anything about special courts (there are two, Putrajaya and Kuching)."""

    given_name: str
    full_name: str
    reference: str
    state: str
    issued_on: date
    issued_by: Contact
    protector: Contact | None = None
    investigating_officer: Contact | None = None
    oscc: Contact | None = None
    next_court: CourtDate | None = None
    legal_companion: Contact | None = None
    charged_at_special_court: bool = False


#: Facts a content file may ask for in a section's `contacts` list.
CONTACT_FACTS = ("protector", "investigating_officer", "oscc", "legal_companion")
FACT_KEYS = (*CONTACT_FACTS, "next_court", "issued")
#: Placeholders the running text may use; anything else is a mistake in the content file.
TEXT_PLACEHOLDERS = frozenset({"given_name", "full_name", "reference", "state"})


#: Conditions a statement may carry (`when`): the fact of the case that must hold to print it.
CONDITIONS = ("special_court",)
ITEM_KINDS = {"paragraph", "bullet"}
PICTURES = ("heart", "people", "doctor", "talk", "court", "stop", "phone")
HELPLINE_SETS = ("all", "short")


class BlockKind(StrEnum):
    TITLE = "title"
    SUBTITLE = "subtitle"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    BULLET = "bullet"
    FACT = "fact"
    PICTURE = "picture"  # a pictogram name, drawn as vector shapes before its heading


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str


@dataclass(frozen=True)
class PackText:
    """One version in one language: the file's parsed content plus the language's phrases."""

    version: PackVersion
    language: PackLanguage
    title: str
    subtitle: str
    sections: list[dict[str, Any]]
    phrases: dict[str, Any] = field(default_factory=dict)

    @property
    def footer(self) -> str:
        return self.phrases["footer"]

    @property
    def voice(self) -> dict[str, Any]:
        """The contact phrases: a child's own words for the child's and easy-read packs."""
        return self.phrases["child"] if self.version in CHILD_VOICE else self.phrases


class ContentError(ValueError):
    """A content file asks for something this code cannot fill: caught by a test, not a child."""


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name}


def statement_keys(text: PackText) -> list[tuple]:
    """What a version says, language aside: section keys, statement keys and their conditions,
    facts and helplines. The four languages of a version must give the same list."""
    shape = []
    for section in text.sections:
        facts = tuple(section.get("contacts", []))
        shape.append((section.get("key"), section.get("picture"), facts, section.get("helplines")))
        shape += [
            (item.get("key"), item.get("kind"), item.get("when"))
            for item in section.get("items", [])
        ]
    return shape


def _check_section(text: PackText, section: dict[str, Any]) -> list[str]:
    where = f"{text.version}.{text.language}"
    unknown = set(section.get("contacts", [])) - set(FACT_KEYS)
    if unknown:
        raise ContentError(f"{where}: unknown facts {unknown}")
    if section.get("picture") not in (None, *PICTURES):
        raise ContentError(f"{where}: unknown picture {section['picture']!r}")
    if section.get("helplines") not in (None, *HELPLINE_SETS):
        raise ContentError(f"{where}: helplines is 'all' or 'short'")
    strings = [section.get("heading", "")]
    for item in section.get("items", []):
        if item.get("kind") not in ITEM_KINDS or not item.get("key"):
            raise ContentError(f"{where}: each item needs a key and a kind {sorted(ITEM_KINDS)}")
        if item.get("when") not in (None, *CONDITIONS):
            raise ContentError(f"{where}: unknown condition {item['when']!r}")
        strings.append(item["text"])
    return strings


def check(text: PackText) -> None:
    """Refuse a content file with an unknown placeholder, fact, condition or missing phrase."""
    strings = [text.title, text.subtitle]
    for section in text.sections:
        strings += _check_section(text, section)
    for string in strings:
        extra = placeholders(string) - TEXT_PLACEHOLDERS
        if extra:
            raise ContentError(f"{text.version}.{text.language}: unknown placeholders {extra}")
    for voice in (text.phrases, text.phrases.get("child", {})):
        for key in FACT_KEYS:
            if key not in voice.get("facts", {}):
                raise ContentError(f"{text.language}: no phrases for the fact {key!r}")
        for key in ("phone", "phone_fallback"):
            if key not in voice:
                raise ContentError(f"{text.language}: no phrase {key!r}")
    for key in ("footer", "months", "date", "helplines", "helplines_short"):
        if key not in text.phrases:
            raise ContentError(f"{text.language}: no phrase {key!r}")


def format_date(text: PackText, day: date) -> str:
    months = text.phrases["months"]
    return text.phrases["date"].format(day=day.day, month=months[day.month - 1], year=day.year)


def _contact_lines(text: PackText, key: str, contact: Contact | None) -> tuple[list[str], bool]:
    """The contact's lines, and whether a number is missing. A missing number is never printed
    as a gap in our records: the pack falls back to Talian Kasih once, after the contacts."""
    phrases = text.voice["facts"][key]
    if contact is None:
        return [phrases["missing"]], False
    lines = [phrases["present"].format(name=contact.name, place=contact.place)]
    if contact.phone:
        lines.append(text.voice["phone"].format(phone=contact.phone))
    return lines, not contact.phone


def fact_lines(text: PackText, facts: PackFacts, key: str) -> tuple[list[str], bool]:
    if key in CONTACT_FACTS:
        return _contact_lines(text, key, getattr(facts, key))
    phrases = text.voice["facts"][key]
    if key == "issued":
        by = facts.issued_by
        when = format_date(text, facts.issued_on)
        return [phrases["present"].format(date=when, name=by.name, place=by.place)], False
    court = facts.next_court
    if court is None:
        return [phrases["missing"]], False
    lines = [phrases["present"].format(date=format_date(text, court.on), court=court.court)]
    if court.special:
        lines.append(phrases["special"])
    return lines, False


def _holds(condition: str | None, facts: PackFacts) -> bool:
    return condition is None or (condition == "special_court" and facts.charged_at_special_court)


def _helplines(text: PackText, which: str) -> list[str]:
    lines = text.phrases["helplines"]
    if which == "short":
        wanted = set(text.phrases["helplines_short"])
        lines = [line for line in lines if line["key"] in wanted]
    return [line["text"] for line in lines]


def compose(text: PackText, facts: PackFacts) -> list[Block]:
    """The pack as a flat list of blocks, in reading order, every fact already in words."""
    values = {
        "given_name": facts.given_name,
        "full_name": facts.full_name,
        "reference": facts.reference,
        "state": facts.state,
    }
    blocks = [
        Block(BlockKind.TITLE, text.title.format_map(values)),
        Block(BlockKind.SUBTITLE, text.subtitle.format_map(values)),
    ]
    for section in text.sections:
        if section.get("picture"):
            blocks.append(Block(BlockKind.PICTURE, section["picture"]))
        if section.get("heading"):
            blocks.append(Block(BlockKind.HEADING, section["heading"].format_map(values)))
        for item in section.get("items", []):
            if _holds(item.get("when"), facts):
                blocks.append(Block(BlockKind(item["kind"]), item["text"].format_map(values)))
        no_number = False
        for key in section.get("contacts", []):
            lines, missing = fact_lines(text, facts, key)
            blocks += [Block(BlockKind.FACT, line) for line in lines]
            no_number = no_number or missing
        if no_number:
            blocks.append(Block(BlockKind.FACT, text.voice["phone_fallback"]))
        if section.get("helplines"):
            lines = _helplines(text, section["helplines"])
            blocks += [Block(BlockKind.BULLET, line) for line in lines]
    return blocks
