"""Portfolio summary: counts and money by state and risk, from computed statuses."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Sequence

from tracker.queries.status import ProjectStatus


@dataclass(frozen=True)
class PortfolioSummary:
    projects: int
    by_state: dict[str, int]
    by_risk: dict[str, int]
    granted: Decimal
    disbursed: Decimal  # gross
    recalled: Decimal
    net_disbursed: Decimal
    at_risk: Decimal
    targets_achieved: int
    targets_total: int
    high_risk: list[ProjectStatus] = field(default_factory=list)
    nearest_deadlines: list[ProjectStatus] = field(default_factory=list)


def summarise(statuses: Sequence[ProjectStatus], top: int = 10) -> PortfolioSummary:
    open_ = [s for s in statuses if s.bundle.state == "in_progress"]
    return PortfolioSummary(
        projects=len(statuses),
        by_state=dict(Counter(s.bundle.state for s in statuses)),
        by_risk=dict(Counter(s.risk.level for s in statuses)),
        granted=sum((s.bundle.grant_wan for s in statuses), Decimal("0.00")),
        disbursed=sum((s.bundle.disbursed for s in statuses), Decimal("0.00")),
        recalled=sum((s.bundle.recalled for s in statuses), Decimal("0.00")),
        net_disbursed=sum((s.bundle.net_disbursed for s in statuses), Decimal("0.00")),
        at_risk=sum((s.funds_at_risk for s in statuses), Decimal("0.00")),
        targets_achieved=sum(s.targets_achieved for s in statuses),
        targets_total=sum(len(s.targets) for s in statuses),
        high_risk=sorted((s for s in statuses if s.risk.level == "high"),
                         key=lambda s: (-s.funds_at_risk, s.bundle.code))[:top],
        nearest_deadlines=sorted((s for s in open_ if s.days_left >= 0),
                                 key=lambda s: (s.days_left, s.bundle.code))[:top],
    )
