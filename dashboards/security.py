"""Security headers on every answer."""
from __future__ import annotations

from flask import Response, current_app, request

from dashboards.sessions import current_principal
from dashboards.static_assets import is_library_script

CSP = ("default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; "
       "object-src 'none'; img-src 'self' data:")


def _page_csp() -> str:
    """Dash starts itself with small inline scripts, allowed by their hashes only; Plotly
    needs inline styles and compiles some chart code at run time."""
    dash_app = current_app.extensions.get("tracker.dash")
    hashes = " ".join(dash_app.csp_hashes()) if dash_app is not None else ""  # already quoted
    return (f"default-src 'self'; script-src 'self' {hashes} 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
            "base-uri 'self'; form-action 'self'; object-src 'none'")


def add_security_headers(response: Response) -> Response:
    api = request.path.startswith("/api/")
    response.headers.setdefault("Content-Security-Policy", CSP if api else _page_csp())
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers.setdefault("X-Frame-Options", "DENY")  # the evidence preview allows its own origin
    response.headers["Referrer-Policy"] = "same-origin"
    if is_library_script(request.path):
        # Library code, the same for everyone: kept by the browser (a fingerprinted address
        # for a year, as Dash says; the others revalidated by their ETag), not fetched again.
        response.headers.setdefault("Cache-Control", "no-cache")
    elif api or current_principal() is not None:
        # Nothing a signed-in user was shown may stay in a shared cache or the back button.
        response.headers["Cache-Control"] = "no-store"
    if current_app.extensions["tracker.settings"].https:
        response.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    return response
