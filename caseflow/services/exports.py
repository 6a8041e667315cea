"""Every export is audited with the records it held: a breach notice must say whose data left."""

from datetime import datetime

from caseflow.extensions import db
from caseflow.services import audit
from caseflow.services.audit import Actor


def record_export(
    actor: Actor, what: str, now: datetime, filters: dict[str, str], case_ids: list[int]
) -> None:
    audit.record(
        actor, "export", now, what=what, filters=filters, case_ids=case_ids, rows=len(case_ids)
    )
    db.session.commit()
