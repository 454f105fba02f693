"""`tracker demo` creates one account per role; each password is shown once and works."""
import re

from support.web import Server


def test_demo_accounts_are_printed_once_and_sign_in(sqlite_tracker, tmp_path):
    out = sqlite_tracker("demo", "--projects", "20", "--seed", "3").stdout
    accounts = dict(re.findall(r"^(demo-\w+)\s+\w+\s+\S*\s+(\S{16})$", out, re.M))
    assert set(accounts) == {"demo-bureau", "demo-district", "demo-enterprise", "demo-auditor"}
    assert len(set(accounts.values())) == 4
    server = Server(sqlite_tracker.url, tmp_path / "evidence")
    try:
        seen = {}
        for username, password in accounts.items():
            client = server.client(username, password)
            seen[username] = len(client.get(f"{server.base}/api/projects").json())
        assert seen["demo-bureau"] == seen["demo-auditor"] == 20
        assert 1 <= seen["demo-enterprise"] <= seen["demo-district"] < 20
    finally:
        server.close()
    again = sqlite_tracker("demo", "--if-empty").stdout
    assert not any(p in again for p in accounts.values())
