"""SQLAlchemy 2.0 typed models, one module per aggregate. Importing this registers them all."""

from caseflow.models.audit import AuditedCase, AuditRecord
from caseflow.models.caseload import CaseloadStandard
from caseflow.models.cases import Case, CaseEvent, Concern, Referral
from caseflow.models.clocks import CalendarException, Clock, ClockPolicy, Notification
from caseflow.models.directory import District, Facility, State
from caseflow.models.duplicates import CaseLink, DuplicateSettings
from caseflow.models.jobs import ExportJob
from caseflow.models.searches import SavedSearch
from caseflow.models.sessions import RecoveryCode, SignInLock, UserSession
from caseflow.models.statistics import StatisticsBuild, StatisticsCount
from caseflow.models.users import ApiToken, SignInAttempt, User, supervised_facilities

__all__ = [
    "ApiToken",
    "AuditRecord",
    "AuditedCase",
    "CalendarException",
    "Case",
    "CaseEvent",
    "CaseLink",
    "CaseloadStandard",
    "Clock",
    "ClockPolicy",
    "Concern",
    "District",
    "DuplicateSettings",
    "ExportJob",
    "Facility",
    "Notification",
    "RecoveryCode",
    "Referral",
    "SavedSearch",
    "SignInAttempt",
    "SignInLock",
    "State",
    "StatisticsBuild",
    "StatisticsCount",
    "User",
    "UserSession",
    "supervised_facilities",
]
