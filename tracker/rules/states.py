"""The state machines of applications and projects (DOMAIN.md sections 3 and 4)."""
from __future__ import annotations

from enum import StrEnum

from tracker.catalogue import label, labels, phrase
from tracker.vocab import ApplicationState as A
from tracker.vocab import ProjectState as P

APPLICATION_TRANSITIONS: dict[str, tuple[str, ...]] = {
    A.SUBMITTED: (A.DISTRICT_RECOMMENDED, A.DISTRICT_REJECTED),
    A.DISTRICT_RECOMMENDED: (A.UNDER_EXPERT_REVIEW,),
    A.UNDER_EXPERT_REVIEW: (A.APPROVED, A.NOT_APPROVED),
    A.DISTRICT_REJECTED: (),
    A.APPROVED: (),
    A.NOT_APPROVED: (),
}
PROJECT_TRANSITIONS: dict[str, tuple[str, ...]] = {
    P.IN_PROGRESS: (P.ACCEPTANCE_REQUESTED, P.TERMINATED, P.FUNDS_RECALLED),
    P.ACCEPTANCE_REQUESTED: (P.ACCEPTED, P.ACCEPTANCE_FAILED, P.RECTIFYING),
    P.RECTIFYING: (P.ACCEPTED, P.ACCEPTANCE_FAILED),
    P.ACCEPTANCE_FAILED: (P.FUNDS_RECALLED, P.ACCEPTED),
    P.TERMINATED: (P.FUNDS_RECALLED,),
    P.ACCEPTED: (),
    P.FUNDS_RECALLED: (),
}
# Reached only through an acceptance review (`rectifying`) or a recall decision
# (`funds_recalled`), never by a bare state change (DOMAIN.md sections 9 and 10).
THROUGH_REVIEW_OR_RECALL_ONLY = frozenset({P.RECTIFYING, P.FUNDS_RECALLED})
# What `projects transition` may do: the machine less those two.
BARE_TRANSITIONS: dict[str, tuple[str, ...]] = {
    state: tuple(t for t in targets if t not in THROUGH_REVIEW_OR_RECALL_ONLY)
    for state, targets in PROJECT_TRANSITIONS.items()}


def allowed_next(transitions: dict[str, tuple[str, ...]], current: str) -> tuple[str, ...]:
    return transitions.get(current, ())


def can_move(transitions: dict[str, tuple[str, ...]], current: str, target: str) -> bool:
    return target in allowed_next(transitions, current)


def refusal(subject: str, states: type[StrEnum], transitions: dict[str, tuple[str, ...]], current: str,
            target: str, lang: str = "zh") -> str:
    """Why a move is refused, with the states as words: 当前状态为 实施中，不能变更为 已通过验收；
    允许的下一状态：已申请验收、已终止."""
    allowed = allowed_next(transitions, current)
    return phrase("state.refused", lang).format(
        subject=subject, current=label(current, lang, states), target=label(target, lang, states),
        allowed=labels(allowed, lang, states) if allowed else phrase("state.final", lang))
