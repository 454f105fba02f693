"""A programme (one call for applications) as validated data."""
from tracker.programme.definition import (
    Cluster,
    Condition,
    District,
    Honour,
    Indicator,
    Programme,
    ProgrammeError,
    Target,
    bundled_programme_files,
    load_programme_file,
    parse_programme,
)

__all__ = [
    "Cluster", "Condition", "District", "Honour", "Indicator", "Programme", "ProgrammeError",
    "Target", "bundled_programme_files", "load_programme_file", "parse_programme",
]
