"""SQLAlchemy 2.0 typed models, one module per aggregate. Importing this registers them all."""

from caseflow.models.audit import AuditRecord
from caseflow.models.caseload import CaseloadStandard
from caseflow.models.cases import Case, CaseEvent, Concern, Referral
from caseflow.models.clocks import CalendarException, Clock, ClockPolicy, Notification
from caseflow.models.directory import District, Facility, State
from caseflow.models.jobs import ExportJob
from caseflow.models.statistics import StatisticsCount
from caseflow.models.users import ApiToken, SignInAttempt, User, supervised_facilities

__all__ = [
    "ApiToken",
    "AuditRecord",
    "CalendarException",
    "Case",
    "CaseEvent",
    "CaseloadStandard",
    "Clock",
    "ClockPolicy",
    "Concern",
    "District",
    "ExportJob",
    "Facility",
    "Notification",
    "Referral",
    "SignInAttempt",
    "State",
    "StatisticsCount",
    "User",
    "supervised_facilities",
]
