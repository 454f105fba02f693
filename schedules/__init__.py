"""The scheduler process: runs the daily scan and delivers notifications, as its own process."""
