"""Compressed responses: brotli where the browser accepts it, gzip otherwise (static files are
compressed ahead of time by WhiteNoise; this is for the pages Django renders)."""

import re

import brotli
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers

ACCEPTS_BROTLI = re.compile(r"\bbr\b")
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
# Quality 5 of 11: about gzip's speed, a smaller result. The highest levels cost tens of
# milliseconds a page, too slow for a response that is being waited for.
BROTLI_QUALITY = 5


def negotiated_encoding(request) -> str:
    """The encoding CompressionMiddleware will use for this request: "br", "gzip" or ""."""
    accepted = request.META.get("HTTP_ACCEPT_ENCODING", "")
    if ACCEPTS_BROTLI.search(accepted):
        return "br"
    if ACCEPTS_GZIP.search(accepted):
        return "gzip"
    return ""


class CompressionMiddleware(GZipMiddleware):
    """Django's GZipMiddleware (its BREACH mitigation included), with brotli first when accepted."""

    def process_response(self, request, response):
        if (
            negotiated_encoding(request) != "br"
            or response.streaming
            or len(response.content) < 200
            or response.has_header("Content-Encoding")
        ):
            return super().process_response(request, response)
        patch_vary_headers(response, ("Accept-Encoding",))
        compressed = brotli.compress(response.content, quality=BROTLI_QUALITY)
        if len(compressed) >= len(response.content):
            return response
        response.content = compressed
        response.headers["Content-Length"] = str(len(compressed))
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag  # RFC 9110 8.8.1, as Django does for gzip
        response.headers["Content-Encoding"] = "br"
        return response
