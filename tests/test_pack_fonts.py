"""Tamil in the packs is shaped as HarfBuzz shapes it, from one font that also holds Latin."""

import pytest
import uharfbuzz as hb
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import shapeStr

from caseflow.domain.packs import PackLanguage
from caseflow.packs.pdf import FONTS, TYPEFACES, typeface

TAMIL_FILE = FONTS / TYPEFACES["tamil"][1]["CaseflowTamil"]

# Pre-base vowel signs (தொ, லை, பே), the conjunct க்ஷ, a full stop and digits after Tamil.
WORDS = ["தொலைபேசி", "தொலைபேசி.", "பக்ஷி", "பெற்றோர்", "கொடுக்கப்பட்டது", "15999:", "(OSCC)"]


def harfbuzz_glyphs(word: str) -> list[int]:
    font = hb.Font(hb.Face(hb.Blob.from_file_path(str(TAMIL_FILE))))
    buffer = hb.Buffer()
    buffer.add_str(word)
    buffer.guess_segment_properties()
    hb.shape(font, buffer, {"kern": True, "liga": True, "dlig": True})
    return [info.codepoint for info in buffer.glyph_infos]


def reportlab_glyphs(word: str) -> list[int]:
    name = typeface(PackLanguage.TA).regular
    face = pdfmetrics.getFont(name).face
    return [face.charToGlyph[ord(char)] for char in shapeStr(word, name, 12)]


@pytest.mark.parametrize("word", WORDS)
def test_reportlab_prints_the_glyphs_harfbuzz_chooses(word):
    assert reportlab_glyphs(word) == harfbuzz_glyphs(word)


def test_shaping_reorders_pre_base_vowels_rather_than_printing_characters_in_order():
    name = typeface(PackLanguage.TA).regular
    face = pdfmetrics.getFont(name).face
    in_order = [face.charToGlyph[ord(char)] for char in "தொலைபேசி"]
    shaped = reportlab_glyphs("தொலைபேசி")
    assert shaped != in_order
    assert shaped[0] == face.charToGlyph[ord("\u0bc6")]  # the e-sign is drawn before த


def test_the_tamil_font_holds_the_latin_the_packs_print():
    face = pdfmetrics.getFont(typeface(PackLanguage.TA).regular).face
    for char in "ABCZabcz0123456789.,:;()-@/\u2013\u2022\u00b7":
        assert ord(char) in face.charToGlyph, char
