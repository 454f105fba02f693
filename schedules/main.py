"""`tracker-scheduler`: the daily scan and the notification outbox, as one process per database.

    tracker-scheduler [--db URL] [--at 06:30] [--delivery-interval 60] [--no-wait]
"""
from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import signal
import sys
import threading
from types import FrameType
from zoneinfo import ZoneInfo

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from schedules import jobs
from schedules.lock import SingleInstanceLock
from tracker.db import make_engine
from tracker.notify.outbox import recover_interrupted
from tracker.schema import is_current
from tracker.services.scan import scanned

TIMEZONE = "Asia/Shanghai"
SCAN_JOB, DELIVERY_JOB = "daily-scan", "deliver-notifications"
MISFIRE_GRACE = 6 * 3600  # a scan missed by up to six hours still runs when the process is back
log = logging.getLogger("tracker.scheduler")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="tracker-scheduler", description="每日扫描与通知投递（每个数据库只运行一个）")
    p.add_argument("--db", default=None, help="SQLAlchemy URL（默认同 tracker）")
    p.add_argument("--at", default=os.environ.get("TRACKER_SCAN_TIME", "06:30"),
                   help="每日扫描时间 HH:MM，北京时间（默认 06:30）")
    p.add_argument("--delivery-interval", type=int,
                   default=int(os.environ.get("TRACKER_DELIVERY_INTERVAL", "60")), help="投递间隔秒数")
    p.add_argument("--standby-poll", type=float, default=5.0, help="待命时检查间隔秒数")
    p.add_argument("--no-wait", action="store_true", help="已有调度器在运行时直接退出，而不是待命")
    p.add_argument("--today", type=dt.date.fromisoformat, default=None,
                   help="把某一天当作今天（演练与测试用）")
    args = p.parse_args(argv)
    try:
        hour, minute = (int(x) for x in args.at.split(":"))
        if not (0 <= hour < 24 and 0 <= minute < 60):
            raise ValueError
    except ValueError:
        p.error(f"--at 应为 HH:MM，收到「{args.at}」")
    args.hour, args.minute = hour, minute
    return args


def _wait_for_lock(lock: SingleInstanceLock, args: argparse.Namespace, stop: threading.Event) -> bool:
    if lock.acquire():
        return True
    if args.no_wait:
        print(f"另一个调度器正在运行（{lock.description}），本进程退出。", file=sys.stderr, flush=True)
        return False
    log.info("另一个调度器正在运行（%s），本进程待命", lock.description)
    while not stop.wait(args.standby_poll):
        if lock.acquire():
            log.info("已接替成为活动调度器")
            return True
    return False


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, stream=sys.stdout,
                        format="%(asctime)s %(levelname)s %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)
    args = parse_args(argv)
    engine = make_engine(args.db)
    if not is_current(engine):
        print("数据库结构不是最新：请先运行 tracker init", file=sys.stderr)
        return 2
    stop = threading.Event()

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        # Only note the request: the main thread starts and stops the scheduler, so a signal
        # arriving at any moment (even between building and starting it) cannot be lost.
        log.info("收到信号 %s，正在停止", signal.Signals(signum).name)
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    lock = SingleInstanceLock(engine)
    if not _wait_for_lock(lock, args, stop):
        engine.dispose()
        return 0 if stop.is_set() else 3
    try:
        timezone = ZoneInfo(TIMEZONE)
        jobs.configure(jobs.Runtime(engine=engine, timezone=timezone, fixed_today=args.today))
        log.info("活动调度器已启动（%s）：每日 %02d:%02d（%s）扫描", lock.description, args.hour,
                 args.minute, TIMEZONE)
        interrupted = recover_interrupted(engine)
        if interrupted:
            log.warning("%d 条通知在上次投递中断，已标记为失败以免重复发送", interrupted)
        if not stop.is_set() and not scanned(engine, jobs.runtime.today()):
            log.info("今天（%s）尚未扫描，先补一次", jobs.runtime.today())
            jobs.daily_scan(trigger="catch-up")
        elif not stop.is_set():
            jobs.roll_snapshots(jobs.runtime.today())  # scanned already (say, from the CLI)
        if stop.is_set():
            return 0
        scheduler = BackgroundScheduler(
            jobstores={"default": SQLAlchemyJobStore(engine=engine, tablename="apscheduler_jobs")},
            timezone=timezone,
            job_defaults={"coalesce": True, "misfire_grace_time": MISFIRE_GRACE, "max_instances": 1})
        scheduler.add_job("schedules.jobs:daily_scan", CronTrigger(hour=args.hour, minute=args.minute,
                                                                   timezone=timezone),
                          id=SCAN_JOB, name="每日扫描", replace_existing=True)
        scheduler.add_job("schedules.jobs:deliver_notifications",
                          IntervalTrigger(seconds=args.delivery_interval, timezone=timezone),
                          id=DELIVERY_JOB, name="通知投递", replace_existing=True)
        scheduler.start()
        try:
            while not stop.wait(1.0):
                pass
        finally:
            scheduler.shutdown(wait=True)  # a scan under way finishes first
        return 0
    finally:
        lock.release()
        engine.dispose()
        log.info("调度器已停止")


if __name__ == "__main__":
    sys.exit(main())
