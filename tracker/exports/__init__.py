"""Files the tracker writes for other tools (iCalendar)."""
