"""Printing a composed pack with reportlab: A4, embedded subset fonts, page numbers.

What reportlab needs here, learnt the hard way (see the issue and static/fonts/README.md):
Tamil is shaped only with uharfbuzz and `shaping=1`, and only if a whole word comes from one
font, so each language prints from one font file and weight changes only between paragraphs;
the footer is a shaped Paragraph because `canvas.drawString` does not shape; every style names
its font so no unembedded Helvetica slips in; Chinese wraps with `wordWrap="CJK"`.
"""

from dataclasses import dataclass
from functools import cache
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor, black
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from caseflow.domain.packs import Block, BlockKind, PackLanguage, PackText, PackVersion
from caseflow.packs.pictograms import SIZE, pictogram

FONTS = Path(__file__).resolve().parents[2] / "static" / "fonts"
MARGIN = 18 * mm
FOOTER_HEIGHT = 10 * mm
RULE = HexColor("#555555")


@dataclass(frozen=True)
class Typeface:
    regular: str
    bold: str
    shaping: bool = False
    word_wrap: str | None = None


TYPEFACES = {
    "latin": (
        Typeface("CaseflowSans", "CaseflowSans-Bold"),
        {"CaseflowSans": "NotoSans-Regular.ttf", "CaseflowSans-Bold": "NotoSans-Bold.ttf"},
    ),
    "tamil": (
        Typeface("CaseflowTamil", "CaseflowTamil-Bold", shaping=True),
        {
            "CaseflowTamil": "NotoSansTamil-Caseflow-Regular.ttf",
            "CaseflowTamil-Bold": "NotoSansTamil-Caseflow-Bold.ttf",
        },
    ),
    # WenQuanYi Micro Hei has one weight: headings are larger instead of bolder.
    "cjk": (
        Typeface("CaseflowCJK", "CaseflowCJK", word_wrap="CJK"),
        {"CaseflowCJK": "WenQuanYiMicroHei.ttf"},
    ),
}

SCRIPT_OF = {
    PackLanguage.MS: "latin",
    PackLanguage.EN: "latin",
    PackLanguage.TA: "tamil",
    PackLanguage.ZH: "cjk",
}

#: BCP 47 tags written into the PDF catalogue for screen readers.
LANGUAGE_TAGS = {
    PackLanguage.MS: "ms-MY",
    PackLanguage.EN: "en-MY",
    PackLanguage.ZH: "zh-Hans-MY",
    PackLanguage.TA: "ta-MY",
}

#: Body size and leading by version: the child's pack is in large type.
BODY_SIZES = {
    PackVersion.CHILD: (15, 21),
    PackVersion.TEEN: (11.5, 16),
    PackVersion.CAREGIVER: (10.5, 14.5),
    PackVersion.EASY_READ: (18, 28),  # large type, one idea a line
}


@cache
def typeface(language: PackLanguage) -> Typeface:
    """Register the language's fonts once per process (reading a font takes milliseconds)."""
    face, files = TYPEFACES[SCRIPT_OF[language]]
    for name, file in files.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(FONTS / file)))
    return face


@cache
def styles(version: PackVersion, language: PackLanguage) -> dict[BlockKind, ParagraphStyle]:
    face = typeface(language)
    size, leading = BODY_SIZES[version]
    common = {
        "fontName": face.regular,
        "bulletFontName": face.regular,
        "fontSize": size,
        "leading": leading,
        "textColor": black,
        "shaping": 1 if face.shaping else 0,
        "wordWrap": face.word_wrap,
        "spaceAfter": leading * 0.35,
    }
    body = ParagraphStyle(f"{version}-{language}-body", **common)

    def variant(kind: str, **changes) -> ParagraphStyle:
        return ParagraphStyle(f"{version}-{language}-{kind}", parent=body, **changes)

    return {
        BlockKind.TITLE: variant(
            "title",
            fontName=face.bold,
            fontSize=size * 1.9,
            leading=leading * 1.9,
            spaceAfter=leading * 0.4,
        ),
        BlockKind.SUBTITLE: variant(
            "subtitle", fontSize=size * 1.1, leading=leading * 1.1, spaceAfter=leading * 0.8
        ),
        BlockKind.HEADING: variant(
            "heading",
            fontName=face.bold,
            fontSize=size * 1.3,
            leading=leading * 1.3,
            spaceBefore=leading * 0.6,
            spaceAfter=leading * 0.3,
            keepWithNext=1,
        ),
        BlockKind.PARAGRAPH: body,
        BlockKind.BULLET: variant(
            "bullet", leftIndent=size * 1.4, bulletIndent=size * 0.3, spaceAfter=leading * 0.2
        ),
        BlockKind.FACT: variant(
            "fact",
            leftIndent=size * 0.8,
            borderPadding=(2, 0, 2, 6),
            borderColor=RULE,
            borderWidth=0,
            spaceAfter=leading * 0.25,
        ),
        "footer": variant("footer", fontSize=8.5, leading=11, spaceAfter=0),
    }


PICTURE_ROW = TableStyle(
    [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]
)


def flowables(blocks: list[Block], sheet: dict[BlockKind, ParagraphStyle]) -> list:
    """Every text is escaped: paragraph markup obeys <img src> and <a href>, names must not.
    A pictogram sits beside the heading that follows it."""
    story = []
    picture = None
    for block in blocks:
        text = escape(block.text)
        if block.kind is BlockKind.PICTURE:
            picture = pictogram(block.text)
            continue
        if picture is not None and block.kind is BlockKind.HEADING:
            width = A4[0] - 2 * MARGIN
            row = Table(
                [[picture, Paragraph(text, sheet[block.kind])]],
                colWidths=[SIZE + 12, width - SIZE - 12],
                style=PICTURE_ROW,
            )
            row.keepWithNext = 1
            story.append(row)
            picture = None
        elif block.kind is BlockKind.BULLET:
            story.append(Paragraph(text, sheet[block.kind], bulletText="•"))
        elif block.kind is BlockKind.FACT:
            story.append(Paragraph(text, sheet[block.kind], bulletText="\u2013"))
        else:
            story.append(Paragraph(text, sheet[block.kind]))
    story.append(Spacer(1, 2 * mm))
    return story


def _numbered_canvas(footer: str, reference: str, style: ParagraphStyle) -> type[Canvas]:
    """A canvas that holds its pages until the end, so each footer can say "page 2 of 4"."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._held_pages: list[dict] = []

        def showPage(self):
            self._held_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            pages = len(self._held_pages)
            for number, state in enumerate(self._held_pages, start=1):
                self.__dict__.update(state)
                text = footer.format(reference=reference, page=number, pages=pages)
                width = A4[0] - 2 * MARGIN
                line = Paragraph(escape(text), style)
                line.wrapOn(self, width, FOOTER_HEIGHT)
                self.setStrokeColor(RULE)
                self.setLineWidth(0.5)
                self.line(MARGIN, MARGIN - 2 * mm, A4[0] - MARGIN, MARGIN - 2 * mm)
                line.drawOn(self, MARGIN, MARGIN - 2 * mm - line.height - 1 * mm)
                super().showPage()
            super().save()

    return NumberedCanvas


def a4_document(buffer: BytesIO, **metadata) -> SimpleDocTemplate:
    """An A4 page with the packs' margins and footer room; `metadata` names what it holds."""
    return SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + FOOTER_HEIGHT,
        creator="Caseflow",
        **metadata,
    )


def render(text: PackText, blocks: list[Block], reference: str, author: str) -> bytes:
    """The pack as PDF bytes. Metadata names the pack and the reference, never the child."""
    face = typeface(text.language)
    sheet = styles(text.version, text.language)
    buffer = BytesIO()
    pack_name = text.phrases["pack_names"][text.version.value]
    document = a4_document(
        buffer,
        title=f"{pack_name} · {reference}",
        author=author,
        subject=pack_name,
        lang=LANGUAGE_TAGS[text.language],
        initialFontName=face.regular,
        initialFontSize=BODY_SIZES[text.version][0],
    )
    canvas = _numbered_canvas(text.footer, reference, sheet["footer"])
    document.build(flowables(blocks, sheet), canvasmaker=canvas)
    return buffer.getvalue()
