"""Every `tracker` command: where it lives and the short help `--help` lists, so that listing them
imports none. Each text is the first sentence of the command's own docstring
(tests/unit/test_cli_registry.py keeps the two in step and finds commands missing here)."""
from __future__ import annotations

from tracker.cli.lazy import Lazy

DB_HELP = "SQLAlchemy URL（默认取 TRACKER_DATABASE_URL，否则为 data/ 下的 SQLite 文件）"

COMMANDS: dict[str, Lazy] = {
    "init": Lazy("tracker.cli.setup_cmds:init", "创建或升级数据库结构，并载入 data/programmes/ 中的计划定义（可重复运行）。"),
    "programmes": Lazy("tracker.cli.setup_cmds:programmes", "列出已载入的计划。"),
    "applications": Lazy("tracker.cli.applications:applications", "申报：导入、资格审查、状态流转、立项。"),
    "projects": Lazy("tracker.cli.projects:projects", "项目：导入、状态流转（含验收申请）。"),
    "achievements": Lazy("tracker.cli.achievements:achievements", "成果记录：导入、列表、审核。"),
    "status": Lazy("tracker.cli.status:status", "项目状态：截止日、绩效目标、进度、风险与资金。"),
    "funds": Lazy("tracker.cli.funds:funds", "资金：拨付与收回。"),
    "demo": Lazy("tracker.cli.demo:demo", "生成演示用的项目组合（企业、申报、项目、成果、资金）。"),
    "scan": Lazy("tracker.cli.monitor:scan", "运行一次每日扫描，输出本次新发出的提醒。"),
    "alerts": Lazy("tracker.cli.monitor:alerts", "至今发出的全部提醒。"),
    "scans": Lazy("tracker.cli.monitor:scans", "最近的扫描记录：监控本身是否在正常运行。"),
    "calendar": Lazy("tracker.cli.monitor:calendar", "以 iCalendar 格式输出项目截止日（tracker calendar > deadlines.ics）。"),
    "contacts": Lazy("tracker.cli.notifications:contacts", "联系人：提醒发给谁（邮箱、企业微信/钉钉群机器人）。"),
    "notifications": Lazy("tracker.cli.notifications:notifications", "通知发件箱：查看与投递。"),
    "users": Lazy("tracker.cli.users:users", "账户：市局、地区、企业、审计。"),
    "snapshots": Lazy("tracker.cli.snapshots:snapshots", "项目快照（总览、项目列表和风险页读取的数据）。"),
    "backup": Lazy("tracker.cli.backup:backup", "把数据库、佐证材料和计划定义写入一个备份文件（.tar.gz）；服务可以照常运行。"),
    "restore": Lazy("tracker.cli.backup:restore", "先检查备份文件（清单、校验和、完整性），再恢复数据库、佐证材料和缺少的计划定义。"),
    "acceptance": Lazy("tracker.cli.closing:acceptance", "结项验收：专家组评审、限期整改与复审。"),
    "recall": Lazy("tracker.cli.closing:recall", "资金收回：提议、陈述申辩、决定。"),
    "inspections": Lazy("tracker.cli.closing:inspections", "中期检查与抽查。"),
    "dossier": Lazy("tracker.cli.dossier:dossier", "项目档案：可打印的摘要、成果台账、佐证材料、全部决定和审计记录，打包为一个 ZIP。"),
}

# Commands a group borrows from another module (the closing stage's `projects amend`, the
# spreadsheet exports under `acceptance` and `recall`), loaded only when named too.
SUBCOMMANDS: dict[str, dict[str, Lazy]] = {
    "projects": {
        "amend": Lazy("tracker.cli.closing:amend", "变更实施中的项目：延期、调整资助金额、提高指标要求。"),
        "history": Lazy("tracker.cli.closing:history", "项目的变更、验收评审、检查和资金收回记录（按时间先后）。"),
    },
    "acceptance": {
        "export": Lazy("tracker.cli.dossier:acceptance_export", "验收汇总表（XLSX）：每个已评审项目一行，按其最近一次评审。"),
    },
    "recall": {
        "export": Lazy("tracker.cli.dossier:recall_export", "资金收回案件（XLSX）：每个案件一行。"),
    },
}
