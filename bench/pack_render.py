"""Benchmark: rendering an information pack (issue 5 target: a 4-page pack in under 150 ms
median, under 300 KB in every language).

Renders the caregiver pack, every fact present, in each language, and prints the median render
time and size next to a bare reportlab document of the same blocks measured in the same run
(same fonts, no shaping, no page-numbering canvas, no escaping), as a ratio. The first render
of a process loads the fonts and is printed apart: the server loads them once.

    .venv/bin/python bench/pack_render.py
"""

import time
from datetime import date
from io import BytesIO

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate
from timing import median_ms

from caseflow.domain.packs import (
    Contact,
    CourtDate,
    PackFacts,
    PackLanguage,
    PackVersion,
    compose,
)
from caseflow.packs.content import pack_text
from caseflow.packs.pdf import render, typeface

RUNS = 30
FACTS = PackFacts(
    given_name="Mawar",
    full_name="Mawar binti Contoh",
    reference="CF-2026-000123",
    state="Kedah",
    issued_on=date(2026, 11, 22),
    issued_by=Contact("Demo Protector (Kota Setar)", "Pejabat Kebajikan Masyarakat Daerah"),
    protector=Contact("Demo Protector (Kota Setar)", "Pejabat Kebajikan Masyarakat", "04-000 0000"),
    investigating_officer=Contact("Demo D11 Officer", "IPK Kedah", "04-000 0001"),
    oscc=Contact("OSCC Hospital Sultanah Bahiyah", "OSCC Hospital Sultanah Bahiyah"),
    next_court=CourtDate(date(2027, 1, 12), "Mahkamah Khas Putrajaya", special=True),
    legal_companion=Contact("Demo Legal Companion", "Jabatan Bantuan Guaman Kedah"),
)


def bare(blocks, font: str) -> bytes:
    buffer = BytesIO()
    style = ParagraphStyle("bare", fontName=font, fontSize=10.5, leading=14.5)
    SimpleDocTemplate(buffer, pagesize=A4, initialFontName=font).build(
        [Paragraph(block.text.replace("<", "&lt;"), style) for block in blocks]
    )
    return buffer.getvalue()


def main() -> None:
    started = time.perf_counter()
    typeface(PackLanguage.TA)
    print(f"loading the Tamil fonts once: {(time.perf_counter() - started) * 1000:.0f} ms")
    print(f"{'language':8} {'pages':>5} {'size KB':>8} {'pack ms':>8} {'bare ms':>8} {'ratio':>6}")
    for language in PackLanguage:
        text = pack_text(PackVersion.CAREGIVER, language)
        blocks = compose(text, FACTS)
        font = typeface(language).regular
        pdf = render(text, blocks, FACTS.reference, "Caseflow")
        ours = median_ms(lambda t=text, b=blocks: render(t, b, FACTS.reference, "Caseflow"), RUNS)
        baseline = median_ms(lambda b=blocks, f=font: bare(b, f), RUNS)
        pages = len(PdfReader(BytesIO(pdf)).pages)
        print(
            f"{language.value:8} {pages:5d} {len(pdf) / 1024:8.0f} {ours:8.1f} {baseline:8.1f} "
            f"{ours / baseline:6.2f}"
        )
    print("target: under 150 ms median and under 300 KB")


if __name__ == "__main__":
    main()
