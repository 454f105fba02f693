"""The project dossier (DOMAIN.md section 13): one ZIP per project for the acceptance panel and
auditors. `gather` reads everything once, scoped to the principal; `archive` writes the file."""
from tracker.dossier.archive import build_dossier, dossier_name

__all__ = ["build_dossier", "dossier_name"]
