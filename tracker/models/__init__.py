"""SQLAlchemy models of the tracker."""
from tracker.models.achievement import Achievement, ClaimKey
from tracker.models.alert import Alert, ScanRun
from tracker.models.application import Application
from tracker.models.audit import AuditEvent
from tracker.models.base import Base
from tracker.models.closing import AcceptanceReview, Amendment, Inspection, RecallCase
from tracker.models.enterprise import Enterprise
from tracker.models.funds import FundMovement
from tracker.models.notification import Contact, Notification
from tracker.models.programme import ProgrammeRow
from tracker.models.project import Project, ProjectIndicator
from tracker.models.snapshot import ProjectEvaluation, ProjectSnapshot, ProjectTargetSnapshot, SnapshotState
from tracker.models.user import SignInCounter, User, WebSession

__all__ = ["AcceptanceReview", "Achievement", "Amendment", "ClaimKey", "Inspection", "RecallCase", "Alert",
           "Application", "AuditEvent", "Base", "Contact", "Enterprise",
           "FundMovement", "Notification", "ProgrammeRow", "Project", "ProjectEvaluation", "ProjectIndicator", "ProjectSnapshot", "ProjectTargetSnapshot", "ScanRun",
           "SignInCounter", "SnapshotState", "User",
           "WebSession"]
