"""The layers point one way. The imports of every module of tracker/, dashboards/ and schedules/
are read with `ast` (imports inside functions count too; `if TYPE_CHECKING:` blocks do not),
and the test fails on an import circle, on queries importing services, on services importing
importers, and on anything in tracker importing web or scheduler code."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("tracker", "dashboards", "schedules")
WEB_OR_SCHEDULER = ("dash", "dash_ag_grid", "plotly", "flask", "flask_login", "werkzeug", "apscheduler",
                    "dashboards", "schedules")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST, module: str, is_package: bool) -> set[str]:
    """Every module name imported, resolved (relative imports, `from package import module`)."""
    found: set[str] = set()
    pending: list[ast.AST] = [tree]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.If) and _is_type_checking(node):
            pending.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base[:len(base) - node.level + (1 if is_package else 0)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            found.add(source)
            found.update(f"{source}.{alias.name}" for alias in node.names)
        pending.extend(ast.iter_child_nodes(node))
    return found


def import_graph() -> dict[str, set[str]]:
    """Module -> the modules of these packages it imports (names that are not modules dropped),
    plus, under the key '<external>:module', every top-level external package it imports."""
    files = {module_name(p): p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        names = _imports(ast.parse(path.read_text(encoding="utf-8")), name, path.name == "__init__.py")
        graph[name] = {n for n in names if n in files and n != name}
        graph[f"<external>:{name}"] = {n.split(".")[0] for n in names if n.split(".")[0] not in PACKAGES}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def visit(v: str) -> None:
        nonlocal counter
        index[v] = low[v] = counter
        counter += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def internal(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    return {k: v for k, v in graph.items() if not k.startswith("<external>:")}


def arrows(graph: dict[str, set[str]], source: str, target: str) -> list[tuple[str, str]]:
    def under(name: str, package: str) -> bool:
        return name == package or name.startswith(package + ".")
    return sorted((a, b) for a, bs in internal(graph).items() for b in bs if under(a, source) and under(b, target))


def test_the_import_reader_sees_real_imports_relative_ones_and_lazy_ones():
    graph = import_graph()
    assert "tracker.access" in graph["tracker.services.claims"]
    assert "tracker.models.project" in graph["tracker.models"]  # `from tracker.models.project import ...`
    assert "sqlalchemy" in graph["<external>:tracker.access"]
    tree = ast.parse("from . import b\nfrom .c import d\ndef f():\n    import x.y\n"
                     "if TYPE_CHECKING:\n    import hidden\n")
    assert _imports(tree, "p.q.a", False) == {"p.q", "p.q.b", "p.q.c", "p.q.c.d", "x.y"}


def test_the_circle_finder_finds_a_circle_and_nothing_in_a_tree():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b", "c"}, "b": {"c"}, "c": set()}) == []


def test_no_module_imports_itself_back_through_others():
    assert cycles(internal(import_graph())) == []


def test_queries_do_not_import_services():
    assert arrows(import_graph(), "tracker.queries", "tracker.services") == []


def test_services_do_not_import_importers():
    assert arrows(import_graph(), "tracker.services", "tracker.importers") == []


def test_commands_use_no_importer_but_the_value_parsers():
    """Importers build commands; commands must not need a file, a row or a reader."""
    graph = import_graph()
    assert [b for _, b in arrows(graph, "tracker.commands", "tracker.importers")] == ["tracker.importers.values"]


def test_nothing_in_tracker_imports_web_or_scheduler_code():
    graph = import_graph()
    offending = sorted((name.split(":", 1)[1], ext) for name, externals in graph.items()
                       if name.startswith("<external>:tracker") for ext in externals if ext in WEB_OR_SCHEDULER)
    offending += arrows(graph, "tracker", "dashboards") + arrows(graph, "tracker", "schedules")
    assert offending == []


def test_pages_and_the_shell_do_not_import_each_other_back():
    graph = internal(import_graph())
    pages = {m for m in graph if m.startswith("dashboards.ui.pages")}
    assert not any("dashboards.ui.shell" in graph[p] for p in pages)
