"""Rebuild the fonts in static/fonts from the Debian font packages (needs fontTools, a dev extra).

Run once after changing a font, then commit the results: a fresh machine renders packs from
the committed files and needs nothing from the system.

    apt-get install fonts-noto-core fonts-wqy-microhei
    python -m caseflow.packs.build_fonts

Why a merged Tamil font: reportlab shapes a word with its first font and looks the glyphs up
in the next, so "தொலைபேசி." breaks if the full stop comes from Noto Sans. Noto Sans Tamil has
no Latin letters; giving it a Latin subset of Noto Sans makes one font print the whole pack.
"""

import sys
from pathlib import Path

from fontTools.merge import Merger
from fontTools.subset import Options, Subsetter
from fontTools.ttLib import TTCollection, TTFont

NOTO = Path("/usr/share/fonts/truetype/noto")
WQY = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
OUT = Path(__file__).resolve().parents[2] / "static" / "fonts"

#: Basic Latin, Latin-1, Latin Extended-A, general punctuation and the ringgit's neighbours.
LATIN = [*range(0x20, 0x7F), *range(0xA0, 0x180), *range(0x2010, 0x2027), 0x2030, 0x20AC, 0x2122]


def latin_subset(weight: str, already: set[int]) -> Path:
    """Only the characters the Tamil font lacks: a character in both fonts ends up with two
    glyphs and cmap subtables that disagree, and HarfBuzz and reportlab then pick different
    ones (digits next to a hyphen extracted as private-use characters)."""
    font = TTFont(NOTO / f"NotoSans-{weight}.ttf")
    options = Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    subsetter = Subsetter(options)
    subsetter.populate(unicodes=[c for c in LATIN if c not in already])
    subsetter.subset(font)
    path = OUT / f".latin-{weight}.ttf"
    font.save(path)
    return path


def merged_tamil(weight: str) -> None:
    tamil = NOTO / f"NotoSansTamil-{weight}.ttf"
    latin = latin_subset(weight, set(TTFont(tamil).getBestCmap()))
    font = Merger().merge([str(tamil), str(latin)])
    font.save(OUT / f"NotoSansTamil-Caseflow-{weight}.ttf")
    latin.unlink()


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for weight in ("Regular", "Bold"):
        TTFont(NOTO / f"NotoSans-{weight}.ttf").save(OUT / f"NotoSans-{weight}.ttf")
        merged_tamil(weight)
    # reportlab reads TrueType outlines only; WenQuanYi Micro Hei's first face has them.
    TTCollection(WQY).fonts[0].save(OUT / "WenQuanYiMicroHei.ttf")
    print(f"fonts written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
