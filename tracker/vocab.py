"""The closed sets of codes, each defined once. Values are the codes stored in the database and
sent in JSON, so a member compares equal to its code; people see the catalogue's labels."""
from __future__ import annotations

from enum import StrEnum


class ProjectState(StrEnum):
    IN_PROGRESS = "in_progress"
    ACCEPTANCE_REQUESTED = "acceptance_requested"
    ACCEPTED = "accepted"
    ACCEPTANCE_FAILED = "acceptance_failed"
    RECTIFYING = "rectifying"
    TERMINATED = "terminated"
    FUNDS_RECALLED = "funds_recalled"


class ApplicationState(StrEnum):
    SUBMITTED = "submitted"
    DISTRICT_RECOMMENDED = "district_recommended"
    DISTRICT_REJECTED = "district_rejected"
    UNDER_EXPERT_REVIEW = "under_expert_review"
    APPROVED = "approved"
    NOT_APPROVED = "not_approved"


class Verdict(StrEnum):
    ELIGIBLE = "eligible"
    NEEDS_REVIEW = "needs_review"
    INELIGIBLE = "ineligible"


class RiskLevel(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CLOSED = "closed"


class RiskReason(StrEnum):
    ACCEPTANCE_REQUEST_OVERDUE = "acceptance_request_overdue"
    WINDOW_ENDED_UNMET = "window_ended_unmet"
    ACCEPTANCE_FAILED = "acceptance_failed"
    BEHIND_SCHEDULE = "behind_schedule"
    IN_RECTIFICATION = "in_rectification"
    RECTIFICATION_OVERDUE = "rectification_overdue"


class Role(StrEnum):
    BUREAU = "bureau"
    DISTRICT = "district"
    ENTERPRISE = "enterprise"
    AUDITOR = "auditor"


class IndicatorKind(StrEnum):
    COUNT = "count"
    FLAG = "flag"
    TREND = "trend"
    TEXT = "text"


class ConditionKind(StrEnum):
    HARD = "hard"
    SOFT = "soft"


class AchievementStatus(StrEnum):
    CLAIMED = "claimed"
    VERIFIED = "verified"
    REJECTED = "rejected"
    RETURNED = "returned"
    WITHDRAWN = "withdrawn"


class ReviewDecision(StrEnum):
    VERIFIED = "verified"
    REJECTED = "rejected"
    RETURNED = "returned"


class AlertKind(StrEnum):
    ACCEPTANCE_REQUEST_DUE = "acceptance_request_due"
    ACCEPTANCE_REQUEST_OVERDUE = "acceptance_request_overdue"
    WINDOW_ENDED_UNMET = "window_ended_unmet"
    BEHIND_SCHEDULE = "behind_schedule"
    CLAIMED_BY_OTHER_PROJECT = "claimed_by_other_project"
    RECTIFICATION_DUE = "rectification_due"
    RECTIFICATION_OVERDUE = "rectification_overdue"
    RECALL_RESPONSE_DUE = "recall_response_due"
    RECALL_DECISION_DUE = "recall_decision_due"
    INSPECTION_RECTIFICATION_DUE = "inspection_rectification_due"
    INSPECTION_RECTIFICATION_OVERDUE = "inspection_rectification_overdue"


class AuditAction(StrEnum):
    USER_ADDED = "user.added"
    USER_ENABLED = "user.enabled"
    USER_DISABLED = "user.disabled"
    PROGRAMME_LOADED = "programme.loaded"
    PROGRAMME_UPDATED = "programme.updated"
    APPLICATION_IMPORTED = "application.imported"
    APPLICATION_REIMPORTED = "application.reimported"
    APPLICATION_TRANSITION = "application.transition"
    PROJECT_CREATED = "project.created"
    PROJECT_TRANSITION = "project.transition"
    ACHIEVEMENT_CLAIMED = "achievement.claimed"
    ACHIEVEMENT_REVIEWED = "achievement.reviewed"
    ACHIEVEMENT_EDITED = "achievement.edited"
    ACHIEVEMENT_WITHDRAWN = "achievement.withdrawn"
    ACHIEVEMENT_RESUBMITTED = "achievement.resubmitted"
    FUNDS_DISBURSEMENT = "funds.disbursement"
    FUNDS_RECALL = "funds.recall"
    CONTACT_ADDED = "contact.added"
    ENTERPRISE_UPDATED = "enterprise.updated"
    DEMO_GENERATED = "demo.generated"
    ACCEPTANCE_REVIEW = "project.acceptance_review"
    PROJECT_AMENDED = "project.amended"
    RECALL_PROPOSED = "recall.proposed"
    RECALL_STATEMENT = "recall.statement"
    RECALL_DECIDED = "recall.decided"
    INSPECTION_RECORDED = "inspection.recorded"
    INSPECTION_RESOLVED = "inspection.resolved"
    ALERT_ACKNOWLEDGED = "alert.acknowledged"


class AuditEntity(StrEnum):
    USER = "user"
    PROGRAMME = "programme"
    APPLICATION = "application"
    PROJECT = "project"
    ACHIEVEMENT = "achievement"
    CONTACT = "contact"
    ENTERPRISE = "enterprise"
    ALERT = "alert"


class EligibilityReason(StrEnum):
    NOT_REGISTERED_IN_SUZHOU = "not_registered_in_suzhou"
    NOT_INDEPENDENT_LEGAL_PERSON = "not_independent_legal_person"
    NO_GROWTH_OR_PROFIT_3Y = "no_growth_or_profit_3y"
    NO_IP_MANAGEMENT_SYSTEM = "no_ip_management_system"
    NO_IP_DEPARTMENT = "no_ip_department"
    NO_IP_STAFF = "no_ip_staff"
    VALID_PATENTS_BELOW_50 = "valid_patents_below_50"
    INVENTION_PATENTS_BELOW_20 = "invention_patents_below_20"
    NO_ENTERPRISE_STANDARD_SYSTEM = "no_enterprise_standard_system"
    STANDARD_COVERAGE_BELOW_80 = "standard_coverage_below_80"
    NO_STANDARDIZATION_BODY = "no_standardization_body"
    NO_STANDARDIZATION_STAFF = "no_standardization_staff"
    STANDARDS_5Y_BELOW_2 = "standards_5y_below_2"
    NO_QMS_CERTIFICATION = "no_qms_certification"
    NO_REGISTERED_TRADEMARK = "no_registered_trademark"
    SERIOUS_DISHONESTY = "serious_dishonesty"
    ABNORMAL_PATENT_APPLICATIONS = "abnormal_patent_applications"


class NoteCode(StrEnum):
    """Screening notes. `priority:<honour>` notes are open-ended (honours are programme data):
    see PRIORITY_PREFIX; the catalogue labels them with the honour's name."""
    NOT_IN_FOCUS_CLUSTER = "not_in_focus_cluster"
    PRIORITY = "priority"


PRIORITY_PREFIX = f"{NoteCode.PRIORITY}:"


def priority_note(honour_code: str) -> str:
    return f"{PRIORITY_PREFIX}{honour_code}"


class RecordFlag(StrEnum):
    """Flags on one achievement record."""
    OUTSIDE_WINDOW = "outside_window"
    NOT_QUALIFYING = "not_qualifying"
    DUPLICATE_IN_PROJECT = "duplicate_in_project"
    CLAIMED_BY_OTHER_PROJECT = "claimed_by_other_project"
    IN_RECTIFICATION = "in_rectification"  # counts only thanks to the rectification period


class ProjectFlag(StrEnum):
    """Flags on a project's status (in the order they are listed)."""
    EXTENDED_WINDOW = "extended_window"
    HOLIDAY_CALENDAR_INCOMPLETE = "holiday_calendar_incomplete"
    LATE_ACCEPTANCE_REQUEST = "late_acceptance_request"
    CLAIMED_BY_OTHER_PROJECT = "claimed_by_other_project"
    AMENDED_AFTER_DEADLINE = "amended_after_deadline"


class ApplicationFlag(StrEnum):
    LATE_DISTRICT_RECOMMENDATION = "late_district_recommendation"


class StandardLevel(StrEnum):
    INTERNATIONAL = "international"
    NATIONAL = "national"
    INDUSTRY = "industry"
    LOCAL = "local"
    GROUP = "group"
    ENTERPRISE = "enterprise"


class SourceType(StrEnum):
    UNIVERSITY = "university"
    RESEARCH_INSTITUTE = "research_institute"
    ENTERPRISE = "enterprise"


class FundKind(StrEnum):
    DISBURSEMENT = "disbursement"
    RECALL = "recall"


class MoneyFigure(StrEnum):
    """The money of a project or a portfolio: disbursed is gross, net is what remains after recalls."""
    GRANTED = "granted"
    DISBURSED = "disbursed"
    RECALLED = "recalled"
    NET_DISBURSED = "net_disbursed"
    AT_RISK = "at_risk"


class NotificationStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


class NotificationChannel(StrEnum):
    EMAIL = "email"
    WEBHOOK = "webhook"


class ScanState(StrEnum):
    FINISHED = "finished"
    FAILED = "failed"
    RUNNING_OR_INTERRUPTED = "running_or_interrupted"


class ScanTrigger(StrEnum):
    MANUAL = "manual"
    COMMAND = "command"
    SCHEDULE = "schedule"
    CATCH_UP = "catch-up"


class ReviewConclusion(StrEnum):
    """An acceptance review's conclusion (DOMAIN.md section 9); also the rule's."""
    PASSED = "passed"
    RECTIFY = "rectify"
    FAILED = "failed"


class Finding(StrEnum):
    MET = "met"
    UNMET = "unmet"


class ReviewFlag(StrEnum):
    FINDING_OVERRIDDEN = "finding_overridden"
    CONCLUSION_DIFFERS_FROM_RULE = "conclusion_differs_from_rule"
    NO_PANEL_RECORD = "no_panel_record"


class RecallState(StrEnum):
    PROPOSED = "proposed"
    DECIDED = "decided"
    WAIVED = "waived"


class RecallGround(StrEnum):
    ACCEPTANCE_FAILED = "acceptance_failed"
    TERMINATED = "terminated"
    OVERDUE = "overdue"


class RecallFlag(StrEnum):
    AMOUNT_DIFFERS_FROM_RULE = "amount_differs_from_rule"
    LATE_STATEMENT = "late_statement"


class InspectionKind(StrEnum):
    MIDTERM = "midterm"
    SPOT = "spot"


class InspectionConclusion(StrEnum):
    SATISFACTORY = "satisfactory"
    RECTIFY = "rectify"


class HistoryKind(StrEnum):
    """The entries of `projects history` (INTERFACES.md 3.5a)."""
    AMENDMENT = "amendment"
    ACCEPTANCE_REVIEW = "acceptance_review"
    INSPECTION = "inspection"
    INSPECTION_RESOLVED = "inspection_resolved"
    RECALL_PROPOSED = "recall_proposed"
    RECALL_STATEMENT = "recall_statement"
    RECALL_DECIDED = "recall_decided"


# Every closed set, for the catalogue's completeness test, the page scan and the OpenAPI enums.
CLOSED_SETS: tuple[type[StrEnum], ...] = (
    ProjectState, ApplicationState, Verdict, RiskLevel, RiskReason, Role, IndicatorKind, ConditionKind,
    AchievementStatus, ReviewDecision, AlertKind, AuditAction, AuditEntity, EligibilityReason, NoteCode,
    RecordFlag, ProjectFlag, ApplicationFlag, StandardLevel, SourceType, FundKind, MoneyFigure, NotificationStatus,
    NotificationChannel, ScanState, ScanTrigger, ReviewConclusion, Finding, ReviewFlag, RecallState, RecallGround,
    RecallFlag, InspectionKind, InspectionConclusion, HistoryKind)


def codes(enum: type[StrEnum]) -> tuple[str, ...]:
    """The plain codes of a set, in definition order (for click choices, SQL checks, JSON schemas)."""
    return tuple(m.value for m in enum)
