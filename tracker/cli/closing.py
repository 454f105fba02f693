"""The closing stage on the command line (INTERFACES.md section 1): `acceptance review`,
`recall propose|respond|decide|list`, `projects amend|history`, `inspections record|resolve`.
What `status` prints of the closing stage is in tracker/cli/closing_lines.py."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import click

from tracker.cli.common import DATE, WAN, db_option, engine_for, handled, json_option, print_json, print_table
from tracker.cli.lazy import LazyGroup
from tracker.cli.registry import SUBCOMMANDS
from tracker.db import read_session, write_session
from tracker.errors import InputError, NotFound, Problem
from tracker.evidence import EvidenceTooLarge, EvidenceTypeRefused
from tracker.importers.values import parse_list
from tracker.principal import Principal
from tracker.queries.closing import case_json, inspection_json, project_history, recall_cases, review_json
from tracker.catalogue import label, labels, money_label
from tracker.vocab import (Finding, HistoryKind, InspectionConclusion, InspectionKind, RecallState,
                          MoneyFigure, ReviewConclusion, Role, codes)
from tracker.services.amendments import amend as amend_project
from tracker.services.inspections import record_inspection, resolve_inspection
from tracker.services.recalls import decide as decide_recall
from tracker.services.recalls import propose as propose_recall
from tracker.services.recalls import respond as respond_recall
from tracker.services.reviews import record_review

on_option = click.option("--on", "on", type=DATE, required=True, help="日期 YYYY-MM-DD")
by_option = click.option("--by", "by", required=True, help="经办人")


def _pairs(values: tuple[str, ...], option: str, what: str) -> list[tuple[str, str]]:
    """KEY=VALUE options; a malformed one is an input error naming the option."""
    out, problems = [], []
    for raw in values:
        key, sep, value = raw.partition("=")
        if not sep or not key.strip() or not value.strip():
            problems.append(Problem(f"应写成 {what}，收到「{raw}」", column=option))
        else:
            out.append((key.strip(), value.strip()))
    if problems:
        raise InputError(problems)
    return out


# --- acceptance review --------------------------------------------------------------------

@click.group(cls=LazyGroup, lazy=SUBCOMMANDS["acceptance"])
def acceptance() -> None:
    """结项验收：专家组评审、限期整改与复审。"""


@acceptance.command("review")
@click.argument("code")
@on_option
@click.option("--panel", required=True, help="专家组名单，用 ; 、 , 分隔（至少 3 人）")
@click.option("--conclusion", required=True, type=click.Choice(codes(ReviewConclusion)),
              help="评审结论")
@by_option
@click.option("--finding", "findings", multiple=True, metavar="TARGET=met|unmet",
              help="改变依台账得出的某个目标的结论（须说明理由）；可重复")
@click.option("--reason", default=None, help="理由（改变目标结论或结论与规则不同时必填）")
@db_option
@json_option
@handled
def review(code: str, on: dt.date, panel: str, conclusion: str, by: str, findings: tuple[str, ...],
           reason: str | None, db_url: str | None, as_json: bool) -> None:
    """记录验收评审（或整改后复审），按结论变更项目状态。"""
    overrides = dict(_pairs(findings, "--finding", "TARGET=met 或 TARGET=unmet"))
    with engine_for(db_url) as engine, write_session(engine) as session:
        saved = record_review(session, Principal.bureau(by), code, on=on, panel=parse_list(panel),
                              conclusion=conclusion, findings=overrides, reason=reason)
        data = review_json(code, saved)
    if as_json:
        print_json(data)
        return
    click.echo(f"项目 {code} {label(HistoryKind.ACCEPTANCE_REVIEW)}（{data['reviewed_on']}）：结论 {label(data['conclusion'], of=ReviewConclusion)}"
               f"（规则结论 {label(data['rule_conclusion'], of=ReviewConclusion)}），达成目标 {data['targets_met']}/"
               f"{len(data['findings'])}")
    click.echo("专家组：" + "、".join(data["panel"]))
    click.echo("目标：" + "  ".join(f"{t} {label(v, of=Finding)}" for t, v in data["findings"].items()))
    if data["rectification_deadline"]:
        later = ("" if data["rectification_effective_deadline"] == data["rectification_deadline"]
                 else f"（顺延至 {data['rectification_effective_deadline']}）")
        click.echo(f"整改期限：{data['rectification_deadline']}{later}")
    if data["flags"]:
        click.echo(f"标记：{labels(data['flags'])}")


# --- recall --------------------------------------------------------------------------------

@click.group(cls=LazyGroup, lazy=SUBCOMMANDS["recall"])
def recall() -> None:
    """资金收回：提议、陈述申辩、决定。"""


def _print_case(data: dict[str, Any]) -> None:
    click.echo(f"项目 {data['project_code']} 资金收回：{label(data['state'], of=RecallState)}；"
               f"提议 {data['proposed_on']}，规则金额 {data['rule_amount_wan']} 万元，"
               f"提议金额 {data['proposed_amount_wan']} 万元")
    later = ("" if data["response_effective_deadline"] == data["response_deadline"]
             else f"（顺延至 {data['response_effective_deadline']}）")
    click.echo(f"陈述申辩期限：{data['response_deadline']}{later}；"
               f"陈述申辩：{data['statement_on'] or '未提交'}")
    if data["decided_on"]:
        click.echo(f"决定：{data['decided_on']}，金额 {data['decided_amount_wan']} 万元")
    if data["flags"]:
        click.echo(f"标记：{labels(data['flags'])}")


@recall.command("propose")
@click.argument("code")
@on_option
@by_option
@click.option("--amount", type=WAN, default=None, help="提议金额（万元；与规则金额不同时须说明理由）")
@click.option("--reason", default=None, help="理由")
@db_option
@json_option
@handled
def propose(code: str, on: dt.date, by: str, amount: Decimal | None, reason: str | None,
            db_url: str | None, as_json: bool) -> None:
    """提出资金收回（默认按计划规定的规则金额）。"""
    with engine_for(db_url) as engine, write_session(engine) as session:
        data = case_json(code, propose_recall(session, Principal.bureau(by), code, on=on, amount=amount,
                                              reason=reason))
    print_json(data) if as_json else _print_case(data)


@recall.command("respond")
@click.argument("code")
@on_option
@click.option("--statement", required=True, help="陈述申辩的内容")
@click.option("--evidence", type=click.Path(path_type=Path), default=None, help="佐证材料文件")
@click.option("--actor", default=label(Role.ENTERPRISE), show_default=True, help="提交人")
@db_option
@handled
def respond(code: str, on: dt.date, statement: str, evidence: Path | None, actor: str,
            db_url: str | None) -> None:
    """项目承担单位的陈述申辩（一次）。"""
    content = None
    if evidence is not None:
        try:
            content = evidence.read_bytes()
        except OSError as exc:
            raise InputError(Problem(f"无法读取文件：{exc.strerror}", file=str(evidence), column="--evidence")) from None
    with engine_for(db_url) as engine, write_session(engine) as session:
        try:
            case = respond_recall(session, Principal.bureau(actor), code, on=on, statement=statement,
                                  evidence=content, filename=evidence.name if evidence else None)
        except (EvidenceTooLarge, EvidenceTypeRefused) as exc:
            raise InputError(Problem(str(exc), file=str(evidence), column="--evidence")) from None
        data = case_json(code, case)
    late = "（逾期提交，已标记）" if "late_statement" in data["flags"] else ""
    click.echo(f"项目 {code} 已记录陈述申辩（{on}）{late}")


@recall.command("decide")
@click.argument("code")
@on_option
@click.option("--amount", type=WAN, required=True, help="决定收回的金额（万元；0 即不收回）")
@by_option
@click.option("--reason", default=None, help="理由（与提议金额不同时必填）")
@db_option
@json_option
@handled
def decide(code: str, on: dt.date, amount: Decimal, by: str, reason: str | None, db_url: str | None,
           as_json: bool) -> None:
    """作出资金收回决定；金额为 0 即不收回。"""
    with engine_for(db_url) as engine, write_session(engine) as session:
        data = case_json(code, decide_recall(session, Principal.bureau(by), code, on=on, amount=amount,
                                             reason=reason))
    print_json(data) if as_json else _print_case(data)


@recall.command("list")
@db_option
@json_option
@handled
def list_(db_url: str | None, as_json: bool) -> None:
    """所有资金收回案件。"""
    with engine_for(db_url) as engine, read_session(engine) as session:
        cases = recall_cases(session, Principal.bureau("cli"))
    if as_json:
        print_json(cases)
        return
    print_table(["项目编号", "状态", "提议日期", "规则金额", "提议金额", "申辩期限", label(HistoryKind.RECALL_STATEMENT), "决定日期", "决定金额", "标记"],
                [[c["project_code"], label(c["state"], of=RecallState), c["proposed_on"], c["rule_amount_wan"],
                  c["proposed_amount_wan"], c["response_effective_deadline"], c["statement_on"] or "",
                  c["decided_on"] or "", c["decided_amount_wan"] or "", labels(c["flags"])] for c in cases])


# --- amendments and history (commands of `tracker projects`) ------------------------------

@click.command("amend")
@click.argument("code")
@on_option
@by_option
@click.option("--reason", required=True, help="变更理由")
@click.option("--end", "end", type=DATE, default=None, help="新的实施结束日期（延期）")
@click.option("--grant", "grant", type=WAN, default=None, help="新的资助金额（万元）")
@click.option("--require", "require", multiple=True, metavar="INDICATOR=N",
              help="提高某个指标的要求；可重复")
@db_option
@handled
def amend(code: str, on: dt.date, by: str, reason: str, end: dt.date | None, grant: Decimal | None,
          require: tuple[str, ...], db_url: str | None) -> None:
    """变更实施中的项目：延期、调整资助金额、提高指标要求。"""
    required: dict[str, int] = {}
    problems = []
    for indicator, value in _pairs(require, "--require", "INDICATOR=N"):
        if not value.isdigit():
            problems.append(Problem(f"指标 {indicator} 的要求应为整数，收到「{value}」", column="--require"))
        else:
            required[indicator] = int(value)
    if problems:
        raise InputError(problems)
    with engine_for(db_url) as engine, write_session(engine) as session:
        saved = amend_project(session, Principal.bureau(by), code, on=on, reason=reason, end=end,
                              grant=grant, required=required)
        changes, flags = saved.changes, list(saved.flags)
    click.echo(f"项目 {code} 已变更（{on}）：" + _changes_text(changes)
               + (f"；标记：{labels(flags)}" if flags else ""))


def _changes_text(changes: dict[str, Any]) -> str:
    parts = []
    if "end_date" in changes:
        parts.append(f"结束日期 {changes['end_date'][0]} → {changes['end_date'][1]}")
    if "grant_wan" in changes:
        parts.append(f"{money_label(MoneyFigure.GRANTED)} {changes['grant_wan'][0]} → {changes['grant_wan'][1]} 万元")
    for indicator, (before, after) in changes.get("required", {}).items():
        parts.append(f"{indicator} 要求 {before} → {after}")
    return "，".join(parts)


def _history_detail(item: dict[str, Any]) -> str:
    kind = item["kind"]
    if kind == "amendment":
        return _changes_text(item["changes"])
    if kind == "acceptance_review":
        return (f"结论 {label(item['conclusion'], of=ReviewConclusion)}（规则 {label(item['rule_conclusion'], of=ReviewConclusion)}），"
                f"达成 {item['targets_met']}/{len(item['findings'])}"
                + (f"，整改期限 {item['rectification_deadline']}" if item["rectification_deadline"] else ""))
    if kind == "inspection":
        due = f"，整改期限 {item['due']}" if item["due"] else ""
        return f"记录 {item['id']}，{label(item['inspection_kind'], of=InspectionKind)}，{label(item['conclusion'], of=InspectionConclusion)}{due}"
    if kind == "inspection_resolved":
        return f"记录 {item['id']}"
    if kind == "recall_proposed":
        return f"规则金额 {item['rule_amount_wan']}，提议金额 {item['proposed_amount_wan']} 万元"
    if kind == "recall_statement":
        return item["statement"] or ""
    return f"{label(item['state'], of=RecallState)}，金额 {item['decided_amount_wan']} 万元"


@click.command("history")
@click.argument("code")
@db_option
@json_option
@handled
def history(code: str, db_url: str | None, as_json: bool) -> None:
    """项目的变更、验收评审、检查和资金收回记录（按时间先后）。"""
    with engine_for(db_url) as engine, read_session(engine) as session:
        items = project_history(session, Principal.bureau("cli"), code)
    if items is None:
        raise NotFound(f"项目 {code} 不存在")
    if as_json:
        print_json(items)
        return
    print_table(["日期", "事项", "经办人", "内容", "理由", "标记"],
                [[i["on"], label(i["kind"], of=HistoryKind), i["by"] or "", _history_detail(i), i["reason"] or "",
                  labels(i["flags"])] for i in items])


# --- inspections ---------------------------------------------------------------------------

@click.group()
def inspections() -> None:
    """中期检查与抽查。"""


@inspections.command("record")
@click.argument("code")
@on_option
@click.option("--kind", required=True, type=click.Choice(codes(InspectionKind)), help="中期检查或抽查")
@click.option("--panel", required=True, help="检查组名单，用 ; 、 , 分隔（至少 3 人）")
@click.option("--conclusion", required=True, type=click.Choice(codes(InspectionConclusion)), help="检查结论")
@click.option("--due", type=DATE, default=None, help="整改期限（结论为 rectify 时必填）")
@by_option
@click.option("--findings", required=True, help="检查发现")
@db_option
@json_option
@handled
def record(code: str, on: dt.date, kind: str, panel: str, conclusion: str, due: dt.date | None, by: str,
           findings: str, db_url: str | None, as_json: bool) -> None:
    """记录一次检查；结论为 rectify 时给出整改期限。"""
    with engine_for(db_url) as engine, write_session(engine) as session:
        saved = record_inspection(session, Principal.bureau(by), code, on=on, kind=kind,
                                  panel=parse_list(panel), conclusion=conclusion, findings=findings, due=due)
        data = inspection_json(code, saved)
    if as_json:
        print_json(data)
        return
    due_text = f"，整改期限 {data['due']}" if data["due"] else ""
    click.echo(f"已记录检查 {data['id']}：项目 {code}，{data['on']}，{label(data['inspection_kind'], of=InspectionKind)}，"
               f"结论 {label(data['conclusion'], of=InspectionConclusion)}{due_text}")


@inspections.command("resolve")
@click.argument("inspection_id", type=int)
@on_option
@by_option
@db_option
@handled
def resolve(inspection_id: int, on: dt.date, by: str, db_url: str | None) -> None:
    """确认检查要求的整改已完成。"""
    with engine_for(db_url) as engine, write_session(engine) as session:
        _, code = resolve_inspection(session, Principal.bureau(by), inspection_id, on=on)
    click.echo(f"检查 {inspection_id}（项目 {code}）的整改已确认完成（{on}）")
