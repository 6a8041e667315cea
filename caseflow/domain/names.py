"""Malaysian children's names, reduced to what stays the same across spellings.

Two registrants seldom spell a child's name alike: "Nur Aisyah binti Ahmad" at the school is
"Nurul Aishah bt Ahmad" at the clinic; "Tan Mei Ling" is "Meiling Tan" or "Chen Mei-Ling".
`parse_name` splits a name into the child's own name and the family part (a Malay or Indian
father's name after its patronymic marker, or a Chinese family name first or last), and
`name_key` reduces the child's own name to a phonetic key that these variants share, so that
candidates can be found through an index on it.
"""

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

#: Words that end the child's own name and start the father's: Malay "bin"/"binti" (son or
#: daughter of) and their abbreviations, Indian "a/l"/"a/p" (anak lelaki / anak perempuan)
#: and "s/o"/"d/o", and "anak" of Sarawak's Iban and Bidayuh names.
#: The short markers ("a/l", "s/o", "b.") become the token "/" in `words`, because "Al", "So"
#: and "B" alone are also names or initials.
PATRONYMIC_MARKERS = frozenset({"bin", "binti", "bint", "bt", "bte", "anak", "/"})
_MARKER_SPELLINGS = re.compile(r"\b(?:a\s*/\s*[lp]|[sd]\s*/\s*o|b\s*\.)(?=\s|$)")

#: Spellings of the same Malay (Arabic-derived) name element, reduced to one. Each of these is
#: also recognised at the start of a joined word ("Nurulaisyah", "Mohdfaiz").
MALAY_VARIANTS: dict[str, str] = {
    **dict.fromkeys(
        (
            "muhammad",
            "mohammad",
            "mohamad",
            "muhamad",
            "mohamed",
            "muhammed",
            "mohammed",
            "mohd",
            "muhd",
            "mhd",
            "md",
            "mohamat",
        ),
        "muhammad",
    ),
    **dict.fromkeys(("nurul", "nur", "noor", "nor", "nurull", "noorul", "norul"), "nur"),
    **dict.fromkeys(("siti", "sitti", "st"), "siti"),
    **dict.fromkeys(("abdul", "abd", "abdol", "abdull"), "abdul"),
    **dict.fromkeys(("ahmad", "ahmed", "ahmat"), "ahmad"),
    **dict.fromkeys(("nurin", "nureen"), "nurin"),
}
#: Prefixes of a joined word, longest first, so "nurul" wins over "nur".
_JOINED_PREFIXES = sorted(
    (k for k in MALAY_VARIANTS if len(k) >= 4 and k not in {"nurin", "nureen"}),
    key=len,
    reverse=True,
)


@dataclass(frozen=True, slots=True)
class ParsedName:
    """A child's own name and their family part, each as lower-case ASCII words."""

    own: tuple[str, ...]
    family: tuple[str, ...]
    chinese_surname: str | None = None


@cache
def surname_groups() -> dict[str, frozenset[str]]:
    """Spelling -> the Chinese characters it romanises (see reference/chinese_surnames.toml)."""
    text = resources.files("caseflow.reference").joinpath("chinese_surnames.toml").read_text()
    groups: dict[str, set[str]] = {}
    for character, spellings in tomllib.loads(text)["groups"].items():
        for spelling in spellings:
            groups.setdefault(spelling, set()).add(character)
    return {k: frozenset(v) for k, v in groups.items()}


def same_chinese_surname(a: str, b: str) -> bool:
    groups = surname_groups()
    return bool(groups.get(a, frozenset()) & groups.get(b, frozenset())) or a == b


def words(text: str) -> list[str]:
    """Lower-case ASCII words: accents dropped, hyphens and apostrophes join ("Mei-Ling")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    ascii_text = _MARKER_SPELLINGS.sub(" / ", ascii_text)
    ascii_text = re.sub(r"['`-]", "", ascii_text)
    return re.findall(r"[a-z]+|/", ascii_text)


@lru_cache(maxsize=65536)
def parse_name(given: str, family: str = "") -> ParsedName:
    """Split a name however the registrant typed it into the two fields.

    A patronymic marker splits the words wherever it is; without one, a Chinese family name is
    looked for first, then last; otherwise the family field, if given, is the family part.
    """
    given_words, family_words = words(given), words(family)
    every = given_words + family_words
    for n, word in enumerate(every):
        if word in PATRONYMIC_MARKERS and 0 < n < len(every) - 1:
            return ParsedName(tuple(every[:n]), tuple(every[n + 1 :]))
    groups = surname_groups()
    if family_words and len(family_words) == 1 and family_words[0] in groups:
        return ParsedName(tuple(given_words), tuple(family_words), family_words[0])
    if len(every) >= 2 and every[0] in groups:
        return ParsedName(tuple(every[1:]), (every[0],), every[0])
    if len(every) >= 2 and every[-1] in groups:
        return ParsedName(tuple(every[:-1]), (every[-1],), every[-1])
    if given_words:
        return ParsedName(tuple(given_words), tuple(family_words))
    return ParsedName(tuple(family_words), ())


@lru_cache(maxsize=65536)
def canonical_words(own: tuple[str, ...]) -> tuple[str, ...]:
    """Malay spelling variants reduced to one spelling, joined prefixes split off."""
    out: list[str] = []
    for word in own:
        if word in MALAY_VARIANTS:
            out.append(MALAY_VARIANTS[word])
            continue
        for prefix in _JOINED_PREFIXES:
            if word.startswith(prefix) and len(word) - len(prefix) >= 3:
                out += [MALAY_VARIANTS[prefix], word[len(prefix) :]]
                break
        else:
            out.append(word)
    return tuple(out)


_DIGRAPHS = (
    ("sy", "s"),
    ("sh", "s"),
    ("kh", "k"),
    ("gh", "g"),
    ("dh", "d"),
    ("th", "t"),
    ("ph", "f"),
    ("ch", "c"),
    ("ck", "k"),
    ("q", "k"),
    ("z", "s"),
    ("v", "w"),
    ("x", "s"),
    ("j", "c"),
)


@lru_cache(maxsize=65536)
def phonetic(text: str) -> str:
    """A key for one run of letters, fitted to Malaysian romanisation.

    Digraphs of Malay's Arabic loans and of Chinese romanisations collapse (sy/sh, kh, ch/j);
    an 'h' after a vowel is dropped (Aisyah/Aisha); every vowel after the first letter becomes
    one vowel and doubled letters collapse (Muhamad/Muhammad, Mei/May). Spaces are ignored, so
    joined and split words share a key.
    """
    s = re.sub(r"[^a-z]", "", text.lower())
    if not s:
        return ""
    for old, new in _DIGRAPHS:
        s = s.replace(old, new)
    s = re.sub(r"(?<=[aeiouy])h", "", s)
    head, tail = s[0], re.sub(r"[aeiouy]", "a", s[1:])
    if head in "aeiouy":
        head = "a"
    return re.sub(r"(.)\1+", r"\1", head + tail)


def name_key(given: str, family: str = "") -> str:
    """The index key of a child's own name: phonetic over its canonical words, joined."""
    return phonetic("".join(canonical_words(parse_name(given, family).own)))[:40]
