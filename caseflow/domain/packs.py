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


#: Facts a content file may ask for in a section's `contacts` list.
CONTACT_FACTS = ("protector", "investigating_officer", "oscc", "legal_companion")
FACT_KEYS = (*CONTACT_FACTS, "next_court", "issued")
#: Placeholders the running text may use; anything else is a mistake in the content file.
TEXT_PLACEHOLDERS = frozenset({"given_name", "full_name", "reference", "state"})


class BlockKind(StrEnum):
    TITLE = "title"
    SUBTITLE = "subtitle"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    BULLET = "bullet"
    FACT = "fact"


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


class ContentError(ValueError):
    """A content file asks for something this code cannot fill: caught by a test, not a child."""


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name}


def check(text: PackText) -> None:
    """Refuse a content file with an unknown placeholder, fact or missing phrase."""
    strings = [text.title, text.subtitle]
    for section in text.sections:
        strings += [section.get("heading", ""), *section.get("paragraphs", [])]
        strings += section.get("bullets", [])
        unknown = set(section.get("contacts", [])) - set(FACT_KEYS)
        if unknown:
            raise ContentError(f"{text.version}.{text.language}: unknown facts {unknown}")
    for string in strings:
        extra = placeholders(string) - TEXT_PLACEHOLDERS
        if extra:
            raise ContentError(f"{text.version}.{text.language}: unknown placeholders {extra}")
    for key in FACT_KEYS:
        if key not in text.phrases.get("facts", {}):
            raise ContentError(f"{text.language}: no phrases for the fact {key!r}")
    for key in ("footer", "months", "date", "helplines", "phone", "phone_missing"):
        if key not in text.phrases:
            raise ContentError(f"{text.language}: no phrase {key!r}")


def format_date(text: PackText, day: date) -> str:
    months = text.phrases["months"]
    return text.phrases["date"].format(day=day.day, month=months[day.month - 1], year=day.year)


def _contact_lines(text: PackText, key: str, contact: Contact | None) -> list[str]:
    phrases = text.phrases["facts"][key]
    if contact is None:
        return [phrases["missing"]]
    lines = [phrases["present"].format(name=contact.name, place=contact.place)]
    if contact.phone:
        lines.append(text.phrases["phone"].format(phone=contact.phone))
    else:
        lines.append(text.phrases["phone_missing"].format(place=contact.place or contact.name))
    return lines


def fact_lines(text: PackText, facts: PackFacts, key: str) -> list[str]:
    if key in CONTACT_FACTS:
        return _contact_lines(text, key, getattr(facts, key))
    phrases = text.phrases["facts"][key]
    if key == "issued":
        by = facts.issued_by
        when = format_date(text, facts.issued_on)
        return [phrases["present"].format(date=when, name=by.name, place=by.place)]
    court = facts.next_court
    if court is None:
        return [phrases["missing"]]
    lines = [phrases["present"].format(date=format_date(text, court.on), court=court.court)]
    if court.special:
        lines.append(phrases["special"])
    return lines


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
        if section.get("heading"):
            blocks.append(Block(BlockKind.HEADING, section["heading"].format_map(values)))
        for paragraph in section.get("paragraphs", []):
            blocks.append(Block(BlockKind.PARAGRAPH, paragraph.format_map(values)))
        for bullet in section.get("bullets", []):
            blocks.append(Block(BlockKind.BULLET, bullet.format_map(values)))
        for key in section.get("contacts", []):
            blocks += [Block(BlockKind.FACT, line) for line in fact_lines(text, facts, key)]
        if section.get("helplines"):
            blocks += [Block(BlockKind.BULLET, line) for line in text.phrases["helplines"]]
    return blocks
