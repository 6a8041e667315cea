"""A child's whole record as PDF, for a subject-access request, in the packs' embedded fonts."""

from io import BytesIO

from caseflow.domain.packs import Block, BlockKind, PackLanguage, PackVersion
from caseflow.i18n import gettext as _
from caseflow.packs.pdf import _numbered_canvas, a4_document, flowables, styles, typeface
from caseflow.web.labels import EVENT_LABELS


def _fact(name: str, value) -> Block:
    shown = "—" if value in (None, "", []) else value
    if isinstance(shown, list):
        shown = ", ".join(str(v) for v in shown)
    return Block(BlockKind.FACT, f"{name}: {shown}")


def blocks_of(record: dict) -> list[Block]:
    """The record's sections in order; every value printed as stored, nothing left out."""
    case, child, caregiver = record["case"], record["child"], record["caregiver"]
    blocks = [
        Block(BlockKind.TITLE, _("Subject access record")),
        Block(BlockKind.SUBTITLE, f"{case['reference']} · {record['exported_at']}"),
        Block(BlockKind.HEADING, _("The child")),
    ]
    blocks += [_fact(k, v) for k, v in child.items()]
    blocks.append(Block(BlockKind.HEADING, _("Caregiver")))
    blocks += [_fact(k, v) for k, v in caregiver.items()]
    blocks.append(Block(BlockKind.HEADING, _("The case")))
    blocks += [_fact(k, v) for k, v in case.items()]
    blocks.append(_fact("soca_sections", record["soca_sections"]))
    blocks.append(_fact("narrative", record["narrative"]))
    blocks.append(Block(BlockKind.HEADING, _("Concerns")))
    for concern in record["concerns"]:
        blocks.append(_fact(concern["form"], concern["platforms"] if concern["online"] else ""))
    blocks.append(Block(BlockKind.HEADING, _("Referrals")))
    for referral in record["referrals"]:
        blocks.append(
            Block(
                BlockKind.BULLET,
                " · ".join(
                    str(referral[k]) for k in ("sent_at", "from", "to", "status") if referral[k]
                ),
            )
        )
        blocks += [_fact(k, referral[k]) for k in ("reason", "decline_reason") if referral[k]]
    blocks.append(Block(BlockKind.HEADING, _("Timeline")))
    for event in record["timeline"]:
        kind = str(EVENT_LABELS.get(event["type"], event["type"]))
        blocks.append(
            Block(BlockKind.BULLET, f"{event['at']} · {kind} · {event['by']}, {event['facility']}")
        )
        blocks += [_fact(k, v) for k, v in event["data"].items()]
    return blocks


def render_record(record: dict, author: str) -> bytes:
    """A4 PDF; the metadata names the case reference, never the child."""
    face = typeface(PackLanguage.EN)
    sheet = styles(PackVersion.CAREGIVER, PackLanguage.EN)
    buffer = BytesIO()
    reference = record["case"]["reference"]
    document = a4_document(
        buffer,
        title=f"{_('Subject access record')} · {reference}",
        author=author,
        initialFontName=face.regular,
    )
    footer = _(
        "%(reference)s · page %(page)s of %(pages)s",
        reference="{reference}",
        page="{page}",
        pages="{pages}",
    )
    canvas = _numbered_canvas(footer, reference, sheet["footer"])
    document.build(flowables(blocks_of(record), sheet), canvasmaker=canvas)
    return buffer.getvalue()
