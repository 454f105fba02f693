"""The library scripts Dash serves (React, the renderer, the components, Plotly's 4.8 MB): they
hold nothing of the user's, so the browser may keep them, and they travel gzip-compressed
(Dash compresses nothing by itself without flask-compress). Each file is compressed once per
process and kept in memory: a few MB for every bundle together."""
from __future__ import annotations

import gzip

from flask import Response, request

LIBRARY_PREFIX = "/_dash-component-suites/"
MIN_BYTES = 1024  # smaller answers gain nothing from compression
_compressed: dict[tuple[str, str], bytes] = {}  # (path, version tag) -> gzip bytes


def is_library_script(path: str) -> bool:
    return path.startswith(LIBRARY_PREFIX)


def _version_tag(response: Response) -> str:
    """What changes when the file does: Dash's ETag, or the length for a fingerprinted path
    (whose address already names the version)."""
    tag, _weak = response.get_etag()
    return tag or str(response.content_length)


def compress_library_scripts(response: Response) -> Response:
    """Gzip a library script for a browser that accepts it; anything else passes untouched."""
    if (not is_library_script(request.path) or response.status_code != 200 or response.direct_passthrough
            or "Content-Encoding" in response.headers or not request.accept_encodings.quality("gzip")):
        return response
    body = response.get_data()
    if len(body) < MIN_BYTES:
        return response
    key = (request.path, _version_tag(response))
    packed = _compressed.get(key)
    if packed is None:
        packed = _compressed[key] = gzip.compress(body, compresslevel=6, mtime=0)
    response.set_data(packed)
    response.headers["Content-Encoding"] = "gzip"
    response.vary.add("Accept-Encoding")
    return response
