"""A case search kept on the server, so a child's name never sits in a URL."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from caseflow.models.base import Base, UTCDateTime


class SavedSearch(Base):
    __tablename__ = "saved_searches"
    __table_args__ = (Index("ix_saved_searches_created_at", "created_at"),)

    token: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    criteria: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
