"""The real scheduler process (tracker-scheduler), with each scan held open for N seconds once
its alerts are written and before they are committed, so a test can kill it mid-scan.
Usage: python held_scan_scheduler.py SECONDS [tracker-scheduler arguments...]"""
import functools
import sys
import time

from schedules import jobs
from schedules.main import main
from tracker.services.scan import run_scan

if __name__ == "__main__":
    seconds = float(sys.argv[1])
    # The daily job calls `jobs.run_scan`: bind the scan's own seam, nothing else changes.
    jobs.run_scan = functools.partial(run_scan, before_commit=lambda: time.sleep(seconds))
    sys.exit(main(sys.argv[2:]))
