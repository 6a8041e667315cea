"""Exports run as background jobs: the request that asks only queues one, the page polls it.

The finished file is kept in the database, not on one machine's disk, so any app server can
hand it to its owner whichever worker machine wrote it; it is dropped once downloaded or after
24 hours.
"""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, LargeBinary, String
from sqlalchemy.orm import Mapped, deferred, mapped_column

from caseflow.models.base import Base, UTCDateTime


class ExportJob(Base):
    __tablename__ = "export_jobs"
    __table_args__ = (Index("ix_export_jobs_user_created", "user_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(40))  # cases | dashboard_cases
    format: Mapped[str] = mapped_column(String(4))  # csv | xlsx
    params: Mapped[dict] = mapped_column(JSON)  # the list's filters, re-checked by the worker
    header: Mapped[list] = mapped_column(JSON)  # [label, value] pairs written above the table
    locale: Mapped[str] = mapped_column(String(10))
    address: Mapped[str | None] = mapped_column(String(45))  # the requester's, for the audit
    status: Mapped[str] = mapped_column(String(10), default="queued")  # queued|running|done|failed
    progress: Mapped[int] = mapped_column(default=0)  # 0-100
    rows: Mapped[int | None]
    filename: Mapped[str] = mapped_column(String(120))
    content: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    downloaded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
