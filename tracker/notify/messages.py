"""The Chinese subject and body of a notification about one alert (pure); the subject opens with
the alert kind's label from the catalogue."""
from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

from tracker.catalogue import label
from tracker.vocab import AlertKind

WEEKDAYS = "一二三四五六日"


@dataclass(frozen=True)
class AlertFacts:
    kind: str
    key: str | None
    project_code: str
    title: str
    enterprise: str
    district: str
    end_date: dt.date
    deadline: dt.date
    effective_deadline: dt.date
    days_left: int | None
    targets_achieved: int
    pace: float
    elapsed: float
    # the project's own programme: its number of targets, lead time and behind-schedule factor
    targets_total: int
    lead_months: int
    behind_factor: float
    due: dt.date | None = None  # the alert's own due date (the closing stage's deadlines)


@dataclass(frozen=True)
class Message:
    subject: str
    text: str

    @property
    def html(self) -> str:
        paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in self.text.split("\n") if line)
        return f'<html><body style="font-family: sans-serif">{paragraphs}</body></html>'


def _day(d: dt.date) -> str:
    return f"{d.isoformat()}（星期{WEEKDAYS[d.weekday()]}）"


def compose(f: AlertFacts) -> Message:
    project = f"「{f.title}」（项目编号 {f.project_code}，{f.enterprise}）"
    closing = _closing(f, project)
    if closing is not None:
        return closing
    tag = label(f.kind, of=AlertKind)  # the subject opens with the alert kind's label
    if f.kind == "acceptance_request_due":
        later = ("" if f.effective_deadline == f.deadline else
                 f"截止日为休息日，顺延至 {_day(f.effective_deadline)} 提交仍属按时。")
        return Message(
            f"【{tag}】项目 {f.project_code} 距验收申请截止还有 {f.days_left} 天",
            f"{f.enterprise}：\n您单位承担的{project}实施期至 {f.end_date} 结束。"
            f"按申报指南，项目承担单位应在实施期截止日前{f.lead_months}个月提出验收申请，"
            f"截止日为 {_day(f.deadline)}，还有 {f.days_left} 天。{later}\n"
            f"目前已达成绩效目标 {f.targets_achieved}/{f.targets_total}。请及时整理佐证材料并提交验收申请。")
    if f.kind == "acceptance_request_overdue":
        return Message(
            f"【{tag}】项目 {f.project_code} 未按期提出验收申请",
            f"{project}的验收申请截止日为 {_day(f.deadline)}（含顺延至 {f.effective_deadline}），"
            f"至今未提出验收申请。所属地区：{f.district}。已达成绩效目标 {f.targets_achieved}/{f.targets_total}。"
            f"\n请督促项目承担单位尽快提交，必要时按合同约定处理。")
    if f.kind == "window_ended_unmet":
        return Message(
            f"【{tag}】项目 {f.project_code} 仍有绩效目标未完成",
            f"{project}的实施期已于 {f.end_date} 结束，绩效目标仅达成 {f.targets_achieved}/{f.targets_total}。"
            f"所属地区：{f.district}。\n未按期完成合同内容的，可视情况收回项目资金。")
    if f.kind == "behind_schedule":
        return Message(
            f"【{tag}】项目 {f.project_code} 绩效进度落后",
            f"{project}时间已过 {f.elapsed:.0%}，绩效进度仅 {f.pace:.0%}，"
            f"低于时间进度的 {f.behind_factor:.0%}。所属地区：{f.district}。\n请关注并督促项目承担单位加快实施。")
    return Message(
        f"【{tag}】编号 {f.key} 被多个项目申报",
        f"{project}申报的成果编号 {f.key} 同时被其他项目申报。所属地区：{f.district}。"
        f"\n同一成果只能计入一个项目，请核实后驳回不应计入的记录。")


def _closing(f: AlertFacts, project: str) -> Message | None:
    """The closing stage's alerts (DOMAIN.md sections 9, 10 and 12)."""
    due = _day(f.due) if f.due else "（未定）"
    tag = label(f.kind, of=AlertKind)
    texts = {
        "rectification_due": (
            f"【{tag}】项目 {f.project_code} 距整改期限还有 {f.days_left} 天",
            f"{f.enterprise}：\n{project}验收评审结论为限期整改，整改期限为 {due}，还有 {f.days_left} 天。"
            f"整改期限前取得并经核实的成果计入复审。"),
        "rectification_overdue": (
            f"【{tag}】项目 {f.project_code} 整改期限已过，尚未复审",
            f"{project}的整改期限为 {due}，已过有效截止日，尚未进行整改后复审。所属地区：{f.district}。"),
        "recall_response_due": (
            f"【{tag}】项目 {f.project_code} 收到资金收回提议，请在期限内陈述申辩",
            f"{f.enterprise}：\n市局对{project}提出资金收回（提议日期 {f.key}）。"
            f"您单位可在 {due} 前（遇休息日顺延）提交一次陈述申辩，可附佐证材料。"),
        "recall_decision_due": (
            f"【{tag}】项目 {f.project_code} 陈述申辩期限已过",
            f"{project}的资金收回提议（{f.key}）陈述申辩期限 {due} 已过，请作出收回决定。"
            f"所属地区：{f.district}。"),
        "inspection_rectification_due": (
            f"【{tag}】项目 {f.project_code} 检查整改期限将至",
            f"{f.enterprise}：\n{project}检查（记录 {f.key}）要求的整改期限为 {due}，还有 {f.days_left} 天。"),
        "inspection_rectification_overdue": (
            f"【{tag}】项目 {f.project_code} 未按期完成检查整改",
            f"{project}检查（记录 {f.key}）要求的整改期限 {due} 已过，尚未确认整改完成。所属地区：{f.district}。"),
    }
    found = texts.get(f.kind)
    return Message(*found) if found else None
