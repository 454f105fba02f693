"""The library scripts Dash serves travel gzip-compressed to a browser that accepts it, and the
browser may keep them (they hold nothing of the user's), while the pages stay uncached."""
import re

PLOTLY = "/_dash-component-suites/plotly/package_data/plotly.min.js"


def test_library_scripts_are_compressed_and_cacheable_and_pages_are_not(sqlite_server):
    c = sqlite_server.client("bureau")
    index = c.get(sqlite_server.base + "/")
    assert index.headers["Cache-Control"] == "no-store"
    bundles = re.findall(r'src="(/_dash-component-suites/[^"]+)"', index.text)
    assert bundles
    for path in bundles + [PLOTLY]:
        plain = c.get(sqlite_server.base + path, headers={"Accept-Encoding": "identity"})
        packed = c.get(sqlite_server.base + path, headers={"Accept-Encoding": "gzip"})
        assert plain.status_code == packed.status_code == 200, path
        assert "Content-Encoding" not in plain.headers
        assert packed.headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed.headers["Vary"], path
        assert packed.content == plain.content, path  # the same script once unpacked
        assert int(packed.headers["Content-Length"]) < len(plain.content) / 2, path
        assert "no-store" not in packed.headers["Cache-Control"], path
    fingerprinted = c.get(sqlite_server.base + bundles[0])
    assert "max-age=31536000" in fingerprinted.headers["Cache-Control"]
    plotly = c.get(sqlite_server.base + PLOTLY)
    again = c.get(sqlite_server.base + PLOTLY, headers={"If-None-Match": plotly.headers["ETag"]})
    assert plotly.headers["Cache-Control"] == "no-cache" and again.status_code == 304 and not again.content


def preloads(client, url: str) -> list[str]:
    return re.findall(r'<link rel="preload" href="([^"]+)" as="script">', client.get(url).text)


def test_a_page_that_draws_figures_asks_for_plotly_with_the_page_and_others_do_not(sqlite_server):
    s = sqlite_server
    bureau, enterprise = s.client("bureau"), s.client("ent1")
    assert preloads(bureau, s.base + "/") == preloads(bureau, s.base + "/risk") == [PLOTLY]
    assert bureau.get(s.base + preloads(bureau, s.base + "/")[0]).status_code == 200  # the very script
    assert preloads(bureau, s.base + "/projects") == []
    assert preloads(enterprise, s.base + "/") == []  # an enterprise's / is its workbench: no figures
