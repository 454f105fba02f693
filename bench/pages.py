"""The bureau pages' first callbacks, each timed alone: the page rendered for its address, then
the callback that fills its body with the filters the page opens with (what a browser fires
right after the page arrives). Through Flask's test client, like bench/probe.py's `web`.

    python -m bench.pages URL --today 2026-11-25 --repeat 5 --bureau NAME:PASSWORD

Prints one line per callback: its name, median wall and CPU in milliseconds, and the runs."""
from __future__ import annotations

import argparse
import datetime as dt
import statistics
from typing import Any

from bench.callbacks import overview_figures, page
from bench.probe import _app, _ok, _signed_in, timed

# (the callback's output prefix, the values of its inputs as the page first sets them)
FIRST_FILLS = {
    "/alerts": ("alerts-body", ["open", None, None, 0]),
    "/reviews": ("rq-body", [None, None, None, None, None, 0, 0]),
    "/funds": ("funds-body", ["", None, 0]),
}
PAGES = ("/", "/alerts", "/reviews", "/funds", "/closing")


def fill(dependencies: dict[str, dict[str, Any]], prefix: str, values: list[Any]) -> dict[str, Any]:
    """The request the browser posts for the callback whose output starts with `prefix`."""
    dep = next(d for out, d in dependencies.items() if out.startswith(f"..{prefix}."))
    outputs = [{"id": o.split(".")[0], "property": o.split(".")[1]} for o in dep["output"].strip(".").split("...")]
    inputs = [{"id": i["id"], "property": i["property"], "value": v} for i, v in zip(dep["inputs"], values)]
    return {"output": dep["output"], "outputs": outputs, "inputs": inputs, "state": [],
            "changedPropIds": [f"{dep['inputs'][0]['id']}.{dep['inputs'][0]['property']}"]}


def main() -> None:
    p = argparse.ArgumentParser(prog="bench.pages")
    p.add_argument("url")
    p.add_argument("--today", type=dt.date.fromisoformat, required=True)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--bureau", required=True, help="NAME:PASSWORD")
    args = p.parse_args()
    client = _signed_in(_app(args.url, args.today), args.bureau)
    post = lambda body: _ok(client.post("/_dash-update-component", json=body))  # noqa: E731
    dependencies = {d["output"]: d for d in client.get("/_dash-dependencies").get_json()}
    for path in PAGES:
        calls = [(path, page(path))]
        if path in FIRST_FILLS:
            prefix, values = FIRST_FILLS[path]
            calls.append((f"{path} {prefix}", fill(dependencies, prefix, values)))
        if path == "/":  # the overview's figures come in a second callback, after its cards
            calls.append(("/ overview-figures", overview_figures()))
        for name, body in calls:
            post(body)  # warm: the first call imports and caches what every later one shares
            times = timed(lambda: post(body), args.repeat)
            wall, cpu = statistics.median(w for w, _ in times), statistics.median(c for _, c in times)
            print(f"{name:24} {wall * 1000:7.0f} ms wall {cpu * 1000:7.0f} ms CPU ({len(times)} runs)", flush=True)


if __name__ == "__main__":
    main()
