"""A decision the queue refuses (no reason to return a claim) changes nothing, so the queue is
not redrawn: a redraw would wipe the reason the message asks the reviewer to type in the row."""
import json

from test_dash_callbacks import dependencies, fire_pattern


def test_a_refused_decision_leaves_the_rows_alone_and_a_taken_one_redraws_them(sqlite_server, sqlite_portfolio):
    claimed = next(r for r in sqlite_portfolio.json("achievements", "list") if r["status"] == "claimed")
    bureau, base = sqlite_server.client("bureau"), sqlite_server.base
    dep = next(d for d in dependencies(bureau, base).values() if "rq-version.data" in d["output"]
               and "rq-act" in json.dumps(d["inputs"]))
    row = {"type": "rq-reason", "id": claimed["id"]}

    def decide(decision, reason):
        answer = fire_pattern(bureau, base, dep, {"type": "rq-act", "id": claimed["id"], "d": decision}, "n_clicks",
                              state=[[reason], [row], 3])
        assert answer.status_code in (200, 204), answer.text
        return answer.json()["response"] if answer.status_code == 200 else {}
    refused = decide("returned", "")
    assert "理由" in refused["rq-message"]["children"] and "rq-version" not in refused
    taken = decide("returned", "请补充盖章页")
    assert taken["rq-version"]["data"] == 4
