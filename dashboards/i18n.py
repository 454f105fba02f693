"""The pages' own phrases (headings, buttons, column titles) in Chinese (default) and English.
Every code's label (states, risk levels, reasons...) comes from tracker.catalogue instead."""
from __future__ import annotations

from enum import StrEnum

from flask import has_request_context, request

from tracker.catalogue import label, money_label
from tracker.vocab import AchievementStatus, ApplicationState, MoneyFigure, ProjectState, RiskLevel, Verdict

LANGUAGES = ("zh", "en")
COOKIE = "lang"


def _money(lang: str) -> dict[str, str]:
    """Money labels come from the core's one list, so pages, exports and the CLI agree."""
    out = {f"kpi.{k}": money_label(k, lang, unit=True) for k in MoneyFigure}
    out.update({"col.grant": out["kpi.granted"], "col.at_risk": out["kpi.at_risk"],
                "col.disbursed": out["kpi.disbursed"], "col.recalled": out["kpi.recalled"],
                "col.net_disbursed": out["kpi.net_disbursed"]})
    return out


MESSAGES: dict[str, dict[str, str]] = {
    "zh": {
        "app.title": "知识产权和标准融合计划 项目跟踪", "login.title": "登录", "login.username": "用户名",
        "login.password": "密码", "login.submit": "登录", "login.failed": "用户名或密码错误",
        "login.throttled": "登录尝试过多，请稍后再试",
        "nav.password": "修改密码", "password.current": "当前密码", "password.new": "新密码（至少 12 个字符）",
        "password.repeat": "再次输入新密码", "password.submit": "修改", "password.changed": "密码已修改，其他会话已退出",
        "password.mismatch": "两次输入的新密码不一致", "password.wrong": "当前密码错误", "logout.confirm": "确认退出登录",
        "form.expired": "页面已过期，请刷新后重试", "nav.back": "返回", "nav.overview": "总览", "nav.projects": "项目",
        "nav.reviews": "审核", "nav.applications": "申报", "nav.risk": "风险资金", "nav.audit": "审计日志",
        "nav.workbench": "我的项目", "nav.logout": "退出", "nav.language": "English",
        "kpi.projects": "项目", **_money("zh"),
        "snapshots.as_of": "以下数据按 {day} 计算，尚未按今天（{today}）重算；每日例行任务会完成重算。",
        "snapshots.none": "项目快照尚未生成：请运行 tracker snapshots rebuild。", "kpi.targets": "目标达成", "kpi.alerts": "未结提醒",
        "kpi.high": "高风险项目",
        "fig.heatmap": "各地区绩效目标达成率", "fig.pace": "绩效进度与时间进度", "fig.pace_line": "滞后线（{factor}×时间进度）",
        "fig.elapsed": "时间进度", "fig.pace_axis": "绩效进度", "fig.timeline": "即将到期的验收申请",
        "fig.today": "今天", "fig.deadline": "验收申请截止", "fig.effective": "顺延截止", "fig.window": "实施期",
        "fig.by_district": "各地区项目与风险资金", "fig.by_cluster": "各产业集群项目与风险资金",
        "fig.at_risk": "风险资金（万元）", "fig.rate": "达成率", "fig.project_targets": "项目 × 绩效目标（截止日最近者）",
        "col.source_type": "来源", "col.level": "级别",
        "alerts.latest": "最新提醒", "alerts.none": "暂无提醒", "overview.drawing": "图表绘制中……",
        "col.programme": "计划", "programme.all": "全部计划", "programme.pick": "选择计划",
        "programme.unknown": "没有这个计划，以下显示全部计划",
        "col.project_code": "项目编号", "col.enterprise": "企业", "col.district": "地区", "col.cluster": "产业集群",
        "col.state": "状态", "col.start": "开始", "col.end": "结束",
        "col.deadline": "验收申请截止", "col.days_left": "剩余天数", "col.targets": "目标", "col.pace": "进度",
        "col.risk": "风险", "col.kind": "类型", "col.key": "键",
        "col.raised_on": "发出日期", "col.indicator": "指标", "col.date": "日期", "col.title": "名称",
        "col.quantity": "数量", "col.reference": "编号", "col.status": "状态", "col.flags": "标记",
        "col.required": "要求", "col.claimed": "申报", "col.verified": "核实", "col.missing": "还需",
        "col.actor": "操作人", "col.action": "操作", "col.change": "详情", "col.when": "时间", "col.reason": "理由",
        "col.verdict": "结论", "col.rank": "排名", "col.reasons": "原因", "col.notes": "备注",
        "col.uscc": "统一社会信用代码", "col.name": "企业名称", "col.recommendation": "推荐状态",
        "projects.export": "导出 Excel", "projects.title": "项目列表", "project.indicators": "绩效指标",
        "project.ledger": "成果记录", "project.funds": "资金", "project.audit": "审计记录", "project.dossier": "下载项目档案（ZIP）",
        "project.transition": "状态变更", "project.apply": "变更", "project.not_found": "项目不存在，或您无权查看",
        "review.title": "待审核成果", "review.verify": "核实", "review.reject": "驳回", "review.return": "退回修改", "review.reason": "理由",
        "review.done": "已处理", "review.empty": "没有待审核的成果",
        "queue.flagged": "有标记", "queue.clean": "无标记", "queue.programme": "计划", "queue.target_of": "{target}（{programme}）", "queue.age": "已等待天数（至少）",
        "queue.prev": "上一页", "queue.next": "下一页", "queue.bulk_reason": "批量核实的说明（可选）",
        "queue.bulk": "核实所选（仅无标记记录）", "queue.chars": "字", "queue.preview": "预览",
        "queue.days": "{days} 天", "queue.count": "共 {total} 条待审核，第 {page}/{pages} 页", "queue.waiting": "已等待",
        "queue.evidence": "佐证材料", "queue.decision": "审核", "queue.decided": "成果记录 {id}：{decision}",
        "queue.bulk_done": "已批量核实 {n} 条成果记录", "queue.no_preview": "此类文件不能在页面中预览，请下载查看",
        "queue.preview_of": "成果记录 {id} 的佐证材料", "queue.download": "下载",
        "projects.count": "共 {n} 个项目", "apps.decided": "申报 {uscc}：{state}", "overview.overdue": "已过验收申请截止日、尚未申请验收的项目",
        "overview.days_overdue": "已逾期天数", "overview.none_overdue": "没有逾期未申请验收的项目", "nav.menu": "☰ 菜单", "nav.funds": "资金", "funds.title": "资金拨付与收回", "funds.kind": "类型",
        "funds.amount": "金额（万元）", "funds.export": "导出 Excel", "funds.none": "没有资金记录",
        "funds.totals": "共 {n} 笔：拨付 {disbursed} 万元，收回 {recalled} 万元，净拨付 {net} 万元", "funds.first": "（页面显示最近 {n} 笔，导出包含全部）",
        "funds.new": "登记拨付或收回", "funds.record": "登记",
        "funds.confirm_recall": "我确认收回资金（登记后不能撤销）", "funds.need_amount": "请填写金额",
        "funds.need_date": "请填写日期", "funds.need_confirm": "收回资金须先勾选确认",
        "funds.done": "已登记：{code} {kind} {amount} 万元", "funds.of_project": "查看本项目的资金明细", "nav.alerts": "提醒", "alerts.title": "提醒", "alerts.open": "未确认",
        "alerts.acknowledged": "已确认", "alerts.detail": "内容", "alerts.handle": "处理", "alerts.acknowledged_by": "确认人",
        "alerts.note": "处理说明（可选）", "alerts.ack": "确认", "alerts.count": "共 {n} 条提醒", "alerts.first": "，显示最紧急的 {n} 条", "alerts.done": "提醒已确认",
        "audit.key": "对象编号（项目编号、记录号等）", "audit.since": "起始日期", "audit.until": "截止日期",
        "audit.export": "导出 Excel", "audit.when": "时间（北京时间）", "audit.object": "对象",
        "audit.count": "共 {n} 条记录", "audit.first": "，页面显示最近 {n} 条，导出包含全部",
        "apps.title": "申报资格审查", "apps.export": "导出汇总表", "apps.sheet": "汇总表",
        "risk.title": "风险资金", "risk.high_projects": "高风险项目", "audit.title": "审计日志",
        "nav.closing": "结项与收回", "closing.title": "结项验收与资金收回", "closing.cases": "资金收回案件",
        "closing.departures": "与规则结论或规则金额不同的决定", "closing.all_flags": "全部",
        "closing.total_cases": "收回案件数", "closing.total_proposed": "拟收回合计（万元）",
        "closing.total_decided": "决定收回合计（万元）", "closing.total_recalled": "已收回资金（万元）",
        "closing.export_acceptance": "下载验收汇总表（Excel）", "closing.export_recall": "下载资金收回案件（Excel）",
        "closing.none": "没有这样的决定",
        "ec.title": "结项验收与资金收回", "ec.review": "验收评审", "ec.review_line": "{on} 评审结论：{conclusion}（达成 {met}/{total} 项目标）",
        "ec.review_reason": "理由：{reason}", "ec.rectify_by": "整改期限 {date}，还剩 {days} 天",
        "ec.rectify_by_passed": "整改期限 {date} 已过 {days} 天", "ec.inspection": "{kind}（{on}）要求整改：{findings}。",
        "ec.inspection_due": "整改期限 {date}，还剩 {days} 天", "ec.inspection_due_passed": "整改期限 {date} 已过 {days} 天",
        "ec.recall": "资金收回提议", "ec.proposed": "市局于 {on} 提议收回 {amount} 万元（{ground}）。",
        "ec.decided": "决定：{state}，{amount} 万元（{on}）。",
        "ec.respond_by": "请在 {date} 前提交陈述申辩，还剩 {days} 天",
        "ec.respond_by_passed": "陈述申辩期限 {date} 已过 {days} 天；现在提交会被标记为逾期",
        "ec.statement": "陈述申辩的内容（事实、理由和请求）", "ec.evidence": "⬆ 附件（可选）：PDF / JPG / PNG / DOCX / XLSX",
        "ec.submit": "提交陈述申辩", "ec.confirm": "陈述申辩只能提交一次，提交后不能修改或撤回。确认提交吗？",
        "ec.filed": "已于 {on} 提交陈述申辩：", "ec.done": "陈述申辩已提交，市局将在作出决定前审阅；不能再次提交。",
        "ec.bad_file": "附件无法读取，请重新选择文件",
        "bc.review": "记录验收评审", "bc.re_review": "记录整改后复审", "bc.panel": "专家组成员（至少 3 人，用顿号或逗号分隔）",
        "bc.ledger_finding": "依台账", "bc.panel_finding": "专家组认定",
        "bc.rule": "规则结论：{conclusion}（达成 {met}/{total} 项目标）",
        "bc.reason_if_departing": "理由（与规则结论、台账或规则金额不同时必填）",
        "bc.review_submit": "记录评审结论", "bc.review_confirm": "评审结论记录后将改变项目状态，且不能撤销。确认记录吗？",
        "bc.review_done": "评审已记录，项目状态已按结论变更。",
        "bc.inspection": "记录检查", "bc.findings": "检查发现", "bc.due": "整改期限（结论为限期整改时必填）",
        "bc.inspection_submit": "记录检查", "bc.inspection_done": "检查已记录。",
        "bc.amendment": "项目变更", "bc.new_end": "新的实施结束日期", "bc.new_grant": "新的资助金额（万元，当前 {grant}）",
        "bc.indicator": "调整要求的指标（当前要求）", "bc.new_required": "新的要求（不低于计划规定）",
        "bc.amend_submit": "记录变更", "bc.amend_confirm": "变更将重新计算截止日并记入项目历史，不能撤销。确认变更吗？",
        "bc.amend_done": "变更已记录，截止日已重新计算。",
        "bc.proposal": "提出资金收回", "bc.rule_amount": "按规则应收回 {amount} 万元（{ground}；净拨付 {net} 万元）。",
        "bc.propose_submit": "提出收回", "bc.propose_confirm": "提出后将立即通知企业并开始陈述申辩期，不能撤销。确认提出吗？",
        "bc.propose_done": "资金收回已提出，企业已收到通知。",
        "bc.decision": "资金收回决定", "bc.case": "{on} 提议收回 {amount} 万元（规则金额 {rule} 万元）。",
        "bc.statement": "企业于 {on} 提交陈述申辩：{text}", "bc.no_statement": "企业尚未提交陈述申辩；{date} 之后方可作出决定。",
        "bc.decide_submit": "作出决定", "bc.decide_confirm": "决定金额大于 0 时将登记收回并变更项目状态，不能撤销。确认决定吗？",
        "bc.decide_done": "决定已记录。", "bc.bad_date": "日期应为 YYYY-MM-DD", "bc.bad_amount": "金额应为数字（万元）", "closing.filter": "按标记筛选：", "col.decision": "决定",
        "work.countdown": "距验收申请截止", "work.days": "天", "work.effective": "截止日为休息日，顺延至",
        "work.overdue": "已超过验收申请截止日", "work.checklist": "绩效目标清单", "work.claim": "申报成果",
        "work.file": "佐证材料（PDF、图片、Word、Excel，20 MB 以内）", "work.submit": "提交",
        "work.claimed": "已提交，等待审核", "work.request": "提出验收申请", "work.requested": "已提出验收申请",
        "work.calendar": "下载日历（.ics）", "work.none": "没有可显示的项目", "work.achieved": "已达成",
        "work.need": "还需", "work.need_count": "{need} {gap} {unit}{name}", "work.need_text": "{need} {gap} 字",
        "work.need_trend": "{need} {gap} 个年度数值，且逐年递增", "work.need_flag": "{need}：{name}",
        "error.sign_in": "请先登录",
        "error.input": "输入有误", "error.not_found": "不存在，或您无权查看", "error.forbidden": "无权执行此操作",
    },
    "en": {
        "app.title": "IP-and-standards programme tracker", "login.title": "Sign in", "login.username": "Username",
        "login.password": "Password", "login.submit": "Sign in", "login.failed": "Wrong username or password",
        "login.throttled": "Too many attempts; please try again later",
        "nav.password": "Change password", "password.current": "Current password",
        "password.new": "New password (at least 12 characters)", "password.repeat": "New password again",
        "password.submit": "Change", "password.changed": "Password changed; other sessions were signed out",
        "password.mismatch": "The two new passwords differ", "password.wrong": "Wrong current password",
        "logout.confirm": "Sign out now", "form.expired": "This page has expired; reload it and try again",
        "nav.back": "Back", "nav.overview": "Overview",
        "nav.projects": "Projects", "nav.reviews": "Reviews", "nav.applications": "Applications",
        "nav.risk": "Funds at risk", "nav.audit": "Audit trail", "nav.workbench": "My projects",
        "nav.logout": "Sign out", "nav.language": "中文",
        "kpi.projects": "Projects", **_money("en"),
        "snapshots.as_of": "Figures as of {day}, not yet recomputed for today ({today}); the daily job will do so.",
        "snapshots.none": "No project snapshots yet: run tracker snapshots rebuild.", "kpi.targets": "Targets achieved", "kpi.alerts": "Open alerts",
        "kpi.high": "High-risk projects",
        "fig.heatmap": "Targets achieved by district", "fig.pace": "Pace against elapsed time",
        "fig.pace_line": "Behind-schedule line ({factor} × elapsed)", "fig.elapsed": "Elapsed", "fig.pace_axis": "Pace",
        "fig.timeline": "Nearest acceptance-request deadlines", "fig.today": "Today",
        "fig.deadline": "Request deadline", "fig.effective": "Effective deadline", "fig.window": "Window",
        "fig.by_district": "Projects and funds at risk by district",
        "fig.by_cluster": "Projects and funds at risk by cluster", "fig.at_risk": "At risk (10k CNY)",
        "fig.rate": "Rate", "fig.project_targets": "Projects x targets (nearest deadlines)",
        "col.source_type": "Source", "col.level": "Level",
        "alerts.latest": "Latest alerts", "alerts.none": "No alerts", "overview.drawing": "Drawing the charts…",
        "col.programme": "Programme", "programme.all": "All programmes", "programme.pick": "Choose a programme",
        "programme.unknown": "No such programme; showing all programmes",
        "col.project_code": "Project", "col.enterprise": "Enterprise", "col.district": "District",
        "col.cluster": "Cluster", "col.state": "State", "col.start": "Start",
        "col.end": "End", "col.deadline": "Request deadline", "col.days_left": "Days left",
        "col.targets": "Targets", "col.pace": "Pace", "col.risk": "Risk",
        "col.kind": "Kind", "col.key": "Key", "col.raised_on": "Raised on", "col.indicator": "Indicator",
        "col.date": "Date", "col.title": "Title", "col.quantity": "Quantity", "col.reference": "Reference",
        "col.status": "Status", "col.flags": "Flags", "col.required": "Required", "col.claimed": "Claimed",
        "col.verified": "Verified", "col.missing": "Missing", "col.actor": "By", "col.action": "Action", "col.change": "Details",
        "col.when": "When", "col.reason": "Reason", "col.verdict": "Verdict", "col.rank": "Rank",
        "col.reasons": "Reasons", "col.notes": "Notes", "col.uscc": "USCC", "col.name": "Enterprise name",
        "col.recommendation": "Recommendation",
        "projects.export": "Export to Excel", "projects.title": "Projects", "project.indicators": "Indicators",
        "project.ledger": "Evidence ledger", "project.funds": "Funds", "project.audit": "Audit trail", "project.dossier": "Download the project dossier (ZIP)",
        "project.transition": "Change state", "project.apply": "Apply",
        "project.not_found": "No such project, or you may not see it",
        "review.title": "Claims awaiting review", "review.verify": "Verify", "review.reject": "Reject", "review.return": "Return for revision",
        "review.reason": "Reason", "review.done": "Done", "review.empty": "Nothing awaits review",
        "queue.flagged": "Flagged", "queue.clean": "Not flagged", "queue.programme": "Programme", "queue.target_of": "{target} ({programme})",
        "queue.age": "Waiting at least (days)", "queue.prev": "Previous page", "queue.next": "Next page",
        "queue.bulk_reason": "Note for the bulk verification (optional)", "queue.bulk": "Verify selected (unflagged only)",
        "queue.chars": "characters", "queue.preview": "Preview", "queue.days": "{days} days",
        "queue.count": "{total} awaiting review, page {page} of {pages}", "queue.waiting": "Waiting",
        "queue.evidence": "Evidence", "queue.decision": "Decision", "queue.decided": "Record {id}: {decision}",
        "queue.bulk_done": "{n} records verified", "queue.no_preview": "This kind of file cannot be shown in the page; download it",
        "queue.preview_of": "Evidence of record {id}", "queue.download": "Download",
        "projects.count": "{n} projects", "apps.decided": "Application {uscc}: {state}", "overview.overdue": "Past the acceptance-request deadline, not yet requested",
        "overview.days_overdue": "Days overdue", "overview.none_overdue": "No project is past its deadline", "nav.menu": "☰ Menu", "nav.funds": "Funds", "funds.title": "Disbursements and recalls",
        "funds.kind": "Kind", "funds.amount": "Amount (10k CNY)", "funds.export": "Export to Excel",
        "funds.none": "No movements of funds", "funds.totals": "{n} movements: disbursed {disbursed}, recalled {recalled}, net {net} (10k CNY)",
        "funds.first": " (the latest {n} shown here, all of them in the export)",
        "funds.new": "Record a disbursement or a recall", "funds.record": "Record",
        "funds.confirm_recall": "I confirm the recall (it cannot be undone once recorded)",
        "funds.need_amount": "Enter the amount", "funds.need_date": "Enter the date",
        "funds.need_confirm": "Tick the confirmation to record a recall",
        "funds.done": "Recorded: {code} {kind} {amount} (10k CNY)", "funds.of_project": "This project's movements of funds", "nav.alerts": "Alerts", "alerts.title": "Alerts", "alerts.open": "Open",
        "alerts.acknowledged": "Acknowledged", "alerts.detail": "Details", "alerts.handle": "Handle",
        "alerts.acknowledged_by": "Acknowledged by", "alerts.note": "Note (optional)", "alerts.ack": "Acknowledge",
        "alerts.count": "{n} alerts", "alerts.first": "; the {n} most urgent shown", "alerts.done": "Alert acknowledged",
        "audit.key": "Reference (project code, record id...)", "audit.since": "From", "audit.until": "To",
        "audit.export": "Export to Excel", "audit.when": "When (Beijing time)", "audit.object": "Subject",
        "audit.count": "{n} events", "audit.first": "; the latest {n} shown here, all of them in the export",
        "apps.title": "Eligibility screening", "apps.export": "Export summary table", "apps.sheet": "Summary",
        "risk.title": "Funds at risk", "risk.high_projects": "High-risk projects", "audit.title": "Audit trail",
        "nav.closing": "Closing", "closing.title": "Acceptance and recall", "closing.cases": "Recall cases",
        "closing.departures": "Decisions that departed from the rule", "closing.all_flags": "All",
        "closing.total_cases": "Recall cases", "closing.total_proposed": "Proposed in total (10k CNY)",
        "closing.total_decided": "Decided in total (10k CNY)", "closing.total_recalled": "Recalled (10k CNY)",
        "closing.export_acceptance": "Download the acceptance results (Excel)",
        "closing.export_recall": "Download the recall cases (Excel)",
        "closing.none": "No such decision",
        "ec.title": "Acceptance and recall", "ec.review": "Acceptance review",
        "ec.review_line": "Reviewed on {on}: {conclusion} ({met} of {total} targets met)",
        "ec.review_reason": "Reason: {reason}", "ec.rectify_by": "Rectify by {date}: {days} days left",
        "ec.rectify_by_passed": "The rectification deadline {date} passed {days} days ago",
        "ec.inspection": "{kind} on {on} asked for rectification: {findings}.",
        "ec.inspection_due": "Due {date}: {days} days left", "ec.inspection_due_passed": "Due {date}, {days} days ago",
        "ec.recall": "Recall proposal", "ec.proposed": "On {on} the bureau proposed to recall {amount} (10k CNY) ({ground}).",
        "ec.decided": "Decision: {state}, {amount} (10k CNY) on {on}.",
        "ec.respond_by": "File your statement by {date}: {days} days left",
        "ec.respond_by_passed": "The response deadline {date} passed {days} days ago; a statement now is flagged late",
        "ec.statement": "Your statement (facts, reasons and request)",
        "ec.evidence": "⬆ Evidence (optional): PDF / JPG / PNG / DOCX / XLSX", "ec.submit": "File the statement",
        "ec.confirm": "A statement can be filed once and cannot be changed or withdrawn. File it now?",
        "ec.filed": "Statement filed on {on}:", "ec.done": "Statement filed; the bureau reads it before deciding. It cannot be filed again.",
        "ec.bad_file": "The file could not be read; choose it again",
        "bc.review": "Record the acceptance review", "bc.re_review": "Record the re-review after rectification",
        "bc.panel": "Panel members (at least 3, separated by commas)",
        "bc.ledger_finding": "From the ledger", "bc.panel_finding": "Panel's finding",
        "bc.rule": "The rule concludes: {conclusion} ({met} of {total} targets met)",
        "bc.reason_if_departing": "Reason (required when departing from the rule, the ledger or the rule's amount)",
        "bc.review_submit": "Record the review",
        "bc.review_confirm": "The review moves the project and cannot be undone. Record it?",
        "bc.review_done": "Review recorded; the project moved as concluded.",
        "bc.inspection": "Record an inspection", "bc.findings": "Findings", "bc.due": "Due (when rectification is asked)",
        "bc.inspection_submit": "Record the inspection", "bc.inspection_done": "Inspection recorded.",
        "bc.amendment": "Amend the project", "bc.new_end": "New end of the window",
        "bc.new_grant": "New grant (10k CNY, now {grant})", "bc.indicator": "Indicator to raise (current requirement)",
        "bc.new_required": "New requirement (not below the programme's)", "bc.amend_submit": "Amend",
        "bc.amend_confirm": "The amendment recomputes the deadlines and stays in the history. Amend?",
        "bc.amend_done": "Amendment recorded; deadlines recomputed.",
        "bc.proposal": "Propose a recall", "bc.rule_amount": "The rule gives {amount} (10k CNY) ({ground}; net disbursed {net}).",
        "bc.propose_submit": "Propose", "bc.propose_confirm": "The enterprise is notified at once and its response period starts. Propose?",
        "bc.propose_done": "Recall proposed; the enterprise was notified.",
        "bc.decision": "Decide the recall", "bc.case": "Proposed on {on}: {amount} (10k CNY) (the rule's amount {rule}).",
        "bc.statement": "Statement filed on {on}: {text}",
        "bc.no_statement": "No statement yet; a decision is possible after {date}.",
        "bc.decide_submit": "Decide", "bc.decide_confirm": "A positive amount records the recall and closes the project. Decide?",
        "bc.decide_done": "Decision recorded.", "bc.bad_date": "Dates are YYYY-MM-DD", "bc.bad_amount": "The amount is a number (10k CNY)", "closing.filter": "Filter by flag: ", "col.decision": "Decision",
        "work.countdown": "Until the acceptance-request deadline", "work.days": "days",
        "work.effective": "The deadline is a rest day; it moves to", "work.overdue": "The deadline has passed",
        "work.checklist": "Targets checklist", "work.claim": "Claim an achievement",
        "work.file": "Evidence (PDF, image, Word, Excel, up to 20 MB)", "work.submit": "Submit",
        "work.claimed": "Submitted, awaiting review", "work.request": "Request acceptance",
        "work.requested": "Acceptance requested", "work.calendar": "Download calendar (.ics)",
        "work.none": "No project to show", "work.achieved": "Achieved", "work.need": "Still needed", "work.need_count": "{need}: {gap} × {name}",
        "work.need_text": "{need}: {gap} characters", "work.need_trend": "{need}: yearly values rising every year",
        "work.need_flag": "{need}: {name}", "error.sign_in": "Please sign in first", "error.input": "Input error", "error.not_found": "No such record, or you may not see it", "error.forbidden": "Not allowed",
    },
}


def language() -> str:
    if has_request_context():
        chosen = request.cookies.get(COOKIE)
        if chosen in LANGUAGES:
            return chosen
    return "zh"


# "risk.high", "state.in_progress"...: keys that name a code are answered from the catalogue, so
# a code's words live in one place even where a page or figure asks by key.
CODE_KEYS: dict[str, type[StrEnum]] = {"state": ProjectState, "appstate": ApplicationState, "risk": RiskLevel,
                                       "status": AchievementStatus, "verdict": Verdict}


def t(key: str, lang: str | None = None) -> str:
    """The phrase in the request's language; a missing key fails loudly in tests."""
    lang = lang or language()
    prefix, _, code = key.partition(".")
    of = CODE_KEYS.get(prefix)
    if of is not None and code in of.__members__.values():
        return label(code, lang, of)
    return MESSAGES[lang][key]


def _add_claim_words() -> None:
    from dashboards.i18n_claims import WORDS
    for lang in LANGUAGES:
        MESSAGES[lang].update(WORDS[lang])


_add_claim_words()
