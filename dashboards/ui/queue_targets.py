"""The review queue's target filter: a target is named by its programme and its id together,
since two programmes may both have a T3. With a programme picked, only its targets are offered;
with none, each target says which programme it belongs to."""
from __future__ import annotations

import json
from typing import Mapping, Sequence


def target_value(programme: str, target: str) -> str:
    """The dropdown value of one programme's target (JSON: codes may hold any character)."""
    return json.dumps([programme, target], ensure_ascii=False)


def parse_target(value: object) -> tuple[str, str] | None:
    """(programme code, target id) from a dropdown value, or None when it is not one."""
    if not isinstance(value, str):
        return None
    try:
        pair = json.loads(value)
    except ValueError:
        return None
    if isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) and p for p in pair):
        return pair[0], pair[1]
    return None


def target_options(targets: Mapping[str, Sequence[tuple[str, str]]], programme_names: Mapping[str, str],
                   picked: str | None, with_programme: str) -> list[dict[str, str]]:
    """Options of the target filter: the picked programme's targets, or every programme's, each
    labelled by `with_programme` ("{target}（{programme}）") so that equal ids stay apart."""
    out = []
    for code, own in targets.items():
        if picked and code != picked:
            continue
        for tid, name in own:
            shown = f"{tid} {name}"
            if not picked:
                shown = with_programme.format(target=shown, programme=programme_names.get(code, code))
            out.append({"label": shown, "value": target_value(code, tid)})
    return out
