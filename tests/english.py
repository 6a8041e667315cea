"""Finding English on a Malay page: the visible text checked against the Malay catalogue.

A text is English if it is a message the catalogue translates differently (a msgid whose msgstr
is not the same words), or if it reads as an English sentence (English function words that
Malay never uses). Page tests and browser tests share it.
"""

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from babel.messages.pofile import read_po

CATALOGUE = (
    Path(__file__).resolve().parent.parent
    / "caseflow"
    / "translations"
    / "ms"
    / "LC_MESSAGES"
    / "messages.po"
)
# Attributes a person reads or hears (a screen reader speaks labels and titles).
READ_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}
HIDDEN_TAGS = {"script", "style", "template"}
SEPARATORS = re.compile(r"\s*(?:[·•|→\u2014\u2013:;,()\[\]]|\s-\s)\s*")
# Words a Malay sentence never holds; a text with two of them is English.
ENGLISH_WORDS = {
    "the",
    "of",
    "and",
    "to",
    "is",
    "are",
    "for",
    "with",
    "this",
    "that",
    "by",
    "from",
    "was",
    "has",
    "not",
    "no",
    "your",
    "you",
    "a",
    "an",
    "in",
    "on",
    "at",
    "or",
    "be",
    "it",
}
# Names that are the same in both languages (brands, the language's own name).
SAME_IN_BOTH = {"English", "Caseflow"}


@cache
def english_messages() -> frozenset[str]:
    """Every msgid the Malay catalogue says differently."""
    found = set()
    for message in read_po(CATALOGUE.open("rb")):
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for msgid in ids:
            if msgid not in strings and "%(" not in msgid and msgid not in SAME_IN_BOTH:
                found.add(_squash(msgid))
    return frozenset(found)


def _squash(text: str) -> str:
    return " ".join(text.split())


class _VisibleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN_TAGS:
            self._hidden += 1
        for name, value in attrs:
            if value and (
                name in READ_ATTRIBUTES
                or (tag == "input" and name == "value" and ("type", "submit") in attrs)
            ):
                self.texts.append(value)

    def handle_endtag(self, tag):
        if tag in HIDDEN_TAGS and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.texts.append(data)


def visible_texts(html: str) -> list[str]:
    parser = _VisibleText()
    parser.feed(html)
    return [_squash(text) for text in parser.texts]


def english_in(texts: list[str]) -> list[str]:
    """The texts (or parts of them) that are English."""
    messages = english_messages()
    found = []
    for text in texts:
        parts = [text, *(p for p in SEPARATORS.split(text) if p)]
        hits = [p for p in parts if p in messages]
        words = re.findall(r"\b[A-Za-z']+\b", text)
        if hits or sum(word.lower() in ENGLISH_WORDS for word in words) >= 2:
            found.append(text)
    return found


def english_on_page(html: str) -> list[str]:
    return english_in(visible_texts(html))
