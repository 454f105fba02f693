"""The state machines of applications and projects (DOMAIN.md sections 3 and 4)."""
from __future__ import annotations

APPLICATION_STATES = ("submitted", "district_recommended", "district_rejected",
                      "under_expert_review", "approved", "not_approved")
APPLICATION_TRANSITIONS: dict[str, tuple[str, ...]] = {
    "submitted": ("district_recommended", "district_rejected"),
    "district_recommended": ("under_expert_review",),
    "under_expert_review": ("approved", "not_approved"),
    "district_rejected": (),
    "approved": (),
    "not_approved": (),
}
PROJECT_STATES = ("in_progress", "acceptance_requested", "accepted", "acceptance_failed",
                  "terminated", "funds_recalled")
PROJECT_TRANSITIONS: dict[str, tuple[str, ...]] = {
    "in_progress": ("acceptance_requested", "terminated"),
    "acceptance_requested": ("accepted", "acceptance_failed"),
    "acceptance_failed": ("funds_recalled", "accepted"),
    "terminated": ("funds_recalled",),
    "accepted": (),
    "funds_recalled": (),
}
STATE_NAMES_ZH = {
    "submitted": "已提交", "district_recommended": "地区已推荐", "district_rejected": "地区未推荐",
    "under_expert_review": "专家评审中", "approved": "已立项", "not_approved": "未立项",
    "in_progress": "实施中", "acceptance_requested": "已申请验收", "accepted": "已通过验收",
    "acceptance_failed": "验收未通过", "terminated": "已终止", "funds_recalled": "资金已收回",
}


def allowed_next(transitions: dict[str, tuple[str, ...]], current: str) -> tuple[str, ...]:
    return transitions.get(current, ())


def can_move(transitions: dict[str, tuple[str, ...]], current: str, target: str) -> bool:
    return target in allowed_next(transitions, current)
