"""Pages register themselves here: path, navigation label, order and the action that may open
them. The shell builds each principal's navigation from these registrations, and every page
is guarded by the access policy (tracker.access), so no page tests a role itself.

A path may have several views (`/` is the overview for those who view the portfolio and the
workbench for those who claim); the first view the principal may open is shown."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import dash

from dashboards.sessions import current_principal
from dashboards.ui.parts import forbidden
from tracker.access import Action, can
from tracker.principal import Principal


@dataclass(frozen=True)
class View:
    path: str                 # the path, or a template such as /project/<code>
    action: Action            # what the principal must be allowed to do to open it
    layout: Callable[..., Any]
    label: str | None         # navigation label key; None keeps the view out of the navigation
    order: int
    badge: Callable[[Principal], int] | None = None  # a count shown beside the label (open alerts)
    figures: bool = False     # draws Plotly figures (the page then asks for plotly.js at once)

    def matches(self, path: str) -> bool:
        if "<" not in self.path:
            return path == self.path
        prefix = self.path.split("<", 1)[0]
        return path.startswith(prefix) and len(path) > len(prefix)


_VIEWS: dict[tuple[str, Action], View] = {}  # filled once, when the pages register


def page(path: str, *, action: Action, layout: Callable[..., Any], title: str,
         label: str | None = None, order: int = 100, badge: Callable[[Principal], int] | None = None,
         figures: bool = False) -> None:
    """Register a view of `path`, and the one Dash page serving every view of that path."""
    _VIEWS[(path, action)] = View(path, action, layout, label, order, badge, figures)
    name = "page" + "".join(c if c.isalnum() else "_" for c in path)  # one Dash page per path
    where = {"path_template": path} if "<" in path else {"path": path}
    dash.register_page(name, layout=_dispatcher(path), title=title, **where)


def _dispatcher(path: str) -> Callable[..., Any]:
    def layout(**query: Any) -> Any:
        view = view_for(current_principal(), path)
        return view.layout(**query) if view is not None else forbidden()
    return layout


def view_for(principal: Principal | None, path: str) -> View | None:
    """The view of `path` this principal sees, or None when it may open none."""
    if principal is None:
        return None
    views = sorted((v for v in _VIEWS.values() if v.matches(path)), key=lambda v: v.order)
    return next((v for v in views if can(principal, v.action)), None)


def draws_figures(path: str) -> bool:
    """Whether the page the signed-in principal sees at `path` draws Plotly figures."""
    view = view_for(current_principal(), path)
    return view is not None and view.figures


def may(action: Action, thing: Any = None) -> bool:
    """Whether the signed-in principal may do `action` (to `thing`): the policy decides."""
    principal = current_principal()
    return principal is not None and can(principal, action, thing)


def allowed(path: str) -> bool:
    """Whether the signed-in principal may open `path`."""
    return view_for(current_principal(), path) is not None


def links(principal: Principal) -> list[tuple[str, str]]:
    """(path, label key) of the navigation, in order: one link per path the principal may open."""
    out: dict[str, tuple[int, str]] = {}
    for v in sorted(_VIEWS.values(), key=lambda v: v.order):
        if v.label and v.path not in out and can(principal, v.action):
            out[v.path] = (v.order, v.label)
    return [(path, label) for path, (_order, label) in sorted(out.items(), key=lambda item: item[1][0])]


def badge(principal: Principal, path: str) -> int | None:
    """The count the navigation shows beside `path`'s label, if its view has one."""
    view = view_for(principal, path)
    return view.badge(principal) if view is not None and view.badge is not None else None
