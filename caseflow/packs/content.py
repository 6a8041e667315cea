"""Loading the pack texts: one TOML file per version and language, plus the language's phrases.

TOML because a translator can correct a sentence in it without touching Python, and the
standard library reads it. Files are read once per process.
"""

import tomllib
from functools import cache
from pathlib import Path

from caseflow.domain.packs import PackLanguage, PackText, PackVersion, check

CONTENT = Path(__file__).parent / "content"


def _read(name: str) -> dict:
    with (CONTENT / f"{name}.toml").open("rb") as file:
        return tomllib.load(file)


@cache
def pack_text(version: PackVersion, language: PackLanguage) -> PackText:
    body = _read(f"{version.value}.{language.value}")
    text = PackText(
        version=version,
        language=language,
        title=body["title"],
        subtitle=body.get("subtitle", ""),
        sections=body.get("section", []),
        phrases=_read(f"phrases.{language.value}"),
    )
    check(text)
    return text
