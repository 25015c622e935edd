"""The page cache: public pages, for visitors whose requests carry no per-visitor state, stored
whole (already compressed) in Redis, or in this process's memory without REDIS_URL; and the HTTP
caching headers that let a CDN or a browser keep them too.

Which pages: the views wrapped in @public_page. Which visitors: every request without a session
or a flash message; staff, and commenters whose session lists their held comments, always get a
page rendered for them (private, no-store). A stored page holds nothing of one visitor: forms on
public pages carry an empty CSRF token and no start time, which static/js/forms.js fetches from
/form-token/ once a visitor starts using a form. As a safety net, a response that sets a cookie or
varies on Cookie (something read the session or made a CSRF token) is never stored.

Freshness is one number, the content generation, kept in the cache itself so that every process
and machine sharing the Redis agrees on it. A stored page is fresh while it was stored under the
current generation and is younger than PAGE_CACHE_SECONDS. Saving or deleting a row of a model that
pages show (see `watch`) moves the generation on, which makes every stored page stale at once. That
is coarser than purging the addresses an edit touches, and deliberately so: an article shows on its
own page, the home page, its category's and its section's, its author's, search results, feeds, the
sitemap and beside related articles, and keeping such a list right for every kind of change is
where per-address schemes go wrong. Edits are rare next to reads; rendering the popular pages once
more after one costs little.

Changes that come with the clock instead of a save (a scheduled article going live, comments
closing after N days) are announced by clocks that the apps register: the moment of the next one is
stored beside the generation, and the first request after it moves the generation on.

The same generation keeps the pieces that renders share (`memo`: an article's comment thread, the
navigation, the settings rows every page reads), so a page rendered for one reader, or after an edit
elsewhere, costs a fraction of a full render.
"""

import hashlib
import logging
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from datetime import datetime
from functools import cache, wraps
from pathlib import Path

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.template.utils import get_app_template_dirs
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag

from core.compression import negotiated_encoding

logger = logging.getLogger(__name__)

GENERATION = "generation"
NEXT_CHANGE = "next-change"
# A stale page may be served this long past its freshness, but only to requests that arrive while
# another one renders its replacement (so a popular page going stale under load is rendered once,
# not once per waiting reader), or while rendering fails (the database is down).
STALE_SECONDS = 60
RENDER_LOCK_SECONDS = 30
# After an error from the store (Redis down or too slow), this process leaves it alone for this
# long and renders pages, so nobody waits for a socket timeout on every request.
PAUSE_AFTER_ERROR_SECONDS = 5.0
# How long a shared piece of a render (see memo) is kept; the generation decides whether it is used.
MEMO_SECONDS = 60 * 60
# Browsers keep a public page this long without asking again; shared caches (a CDN) up to
# PAGE_CACHE_SECONDS. Either may then serve it for STALE_SECONDS more while they revalidate it.
BROWSER_SECONDS = 60

_clocks: list[Callable[[], datetime | None]] = []
_paused_until = 0.0
# An invalidation this process could not write (Redis was unreachable): written as soon as the
# store answers again, so pages stored before the outage do not outlive a change made during it.
_owed_invalidation = False
_batch = threading.local()


# The store ------------------------------------------------------------------------------------


def _attempt(operation, default=None, *, even_if_paused=False):
    """`operation(store)`, or `default` when the store fails: the page cache only ever saves work,
    so a Redis that is down, slow or confused must never turn into an error page."""
    global _paused_until
    if time.monotonic() < _paused_until and not even_if_paused:
        return default
    try:
        return operation(caches["pages"])
    except Exception as error:  # whatever the store raises (Redis down, slow, confused): render
        _paused_until = time.monotonic() + PAUSE_AFTER_ERROR_SECONDS
        logger.warning(
            "Page cache unavailable (%s: %s); rendering pages without it for %s s",
            type(error).__name__,
            error,
            PAUSE_AFTER_ERROR_SECONDS,
        )
        return default


def _start_generation(store) -> int:
    # From the clock rather than 1: a generation lost with Redis's memory is never reused while
    # pages stored under the old one might still be around.
    store.add(GENERATION, time.time_ns(), timeout=None)
    return store.get(GENERATION)


def _next_generation(store) -> bool:
    try:
        store.incr(GENERATION)
    except ValueError:  # not there: never started, or lost
        _start_generation(store)
    return True


def _write_invalidation() -> None:
    global _owed_invalidation
    # Tried even while reads leave the store alone: saves are rare, and a lost one is stale pages.
    _owed_invalidation = not _attempt(_next_generation, default=False, even_if_paused=True)


# Invalidation -----------------------------------------------------------------------------------


def invalidate() -> None:
    """Make every stored page stale: at once, and again when the current transaction commits (a
    page rendered in between, from data not yet committed, would otherwise be kept as fresh)."""
    if getattr(_batch, "depth", 0):
        _batch.changed = True
        return
    _write_invalidation()
    transaction.on_commit(_write_invalidation)


@contextmanager
def one_invalidation():
    """Within the block, changes invalidate pages once, at its end, instead of once each: an import
    or the demo loader writes thousands of rows in one transaction."""
    depth = getattr(_batch, "depth", 0)
    _batch.depth = depth + 1
    try:
        yield
    finally:
        _batch.depth = depth
        if depth == 0 and getattr(_batch, "changed", False):
            _batch.changed = False
            invalidate()


def watch(model, *, when: Callable[[object, bool], bool] | None = None) -> None:
    """Invalidate pages whenever a row of `model` is deleted or saved (saves only when
    `when(instance, created)` says readers can see the change). Bulk updates send no signal: code
    that uses QuerySet.update() on a watched model calls invalidate() itself."""

    def saved(sender, instance, created, **kwargs):
        if when is None or when(instance, created):
            invalidate()

    def deleted(sender, instance, **kwargs):
        invalidate()

    label = model._meta.label
    post_save.connect(saved, sender=model, weak=False, dispatch_uid=f"pagecache-saved-{label}")
    post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=f"pagecache-deleted-{label}")


def register_clock(next_change: Callable[[], datetime | None]) -> None:
    """`next_change()` tells when pages next change by themselves (None: not foreseen)."""
    if next_change not in _clocks:
        _clocks.append(next_change)


def _next_change() -> float | None:
    moments = [moment for clock in _clocks if (moment := clock()) is not None]
    return min(moments).timestamp() if moments else None


# Which requests and responses -------------------------------------------------------------------


def carries_visitor_state(request) -> bool:
    """A session (staff, a commenter's held comments) or a flash message: pages for this request
    are rendered for it alone."""
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME in cookies or CookieStorage.cookie_name in cookies


def public_page(view):
    """Mark a view's pages as the same for everyone without per-visitor state: they may be stored
    here and by shared caches, and their forms carry no CSRF token (see the csrf_field tag)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        request.public_view = True
        request.shared_page = getattr(request, "page_cache_eligible", False)
        response = view(request, *args, **kwargs)
        if request.shared_page:
            # From the page itself, before compression, so a page rendered again unchanged keeps
            # its ETag and a browser's conditional request gets a 304.
            if getattr(response, "is_rendered", True):
                set_response_etag(response)
            else:
                response.add_post_render_callback(set_response_etag)
        return response

    return wrapper


def public_cache_control() -> dict:
    seconds = settings.PAGE_CACHE_SECONDS
    if not seconds:
        return {"public": True, "no_cache": True}
    return {
        "public": True,
        "max_age": min(BROWSER_SECONDS, seconds),
        "s_maxage": seconds,
        "stale_while_revalidate": STALE_SECONDS,
    }


def _shareable(request, response) -> bool:
    if response.status_code != 200 or response.streaming:
        return False
    if response.cookies or "cookie" in response.get("Vary", "").lower():
        # Something in the page read the session or made a CSRF token: it is not the same for
        # everyone, and it stays out of every cache.
        logger.warning("Public page %s was rendered for one visitor; not cached", request.path)
        return False
    cache_control = response.get("Cache-Control", "")
    return not any(word in cache_control for word in ("private", "no-store", "no-cache"))


def _finish(request, response):
    """Caching headers on the pages of public views: public when shared, private otherwise. Sets
    `request.page_storable` when the response may be stored."""
    request.page_storable = False
    if not getattr(request, "public_view", False):
        return response
    if not getattr(request, "shared_page", False):
        patch_cache_control(response, private=True, no_store=True)
    elif _shareable(request, response):
        request.page_storable = True
        if not response.has_header("Cache-Control"):  # feeds and the sitemap set their own
            patch_cache_control(response, **public_cache_control())
    return response


def _templates() -> list[Path]:
    """The project's templates: the templates folder and those of its own apps (not installed packages)."""
    folders = [Path(folder) for folder in settings.TEMPLATES[0]["DIRS"]]
    folders += [
        folder for folder in get_app_template_dirs("templates") if folder.is_relative_to(settings.BASE_DIR)
    ]
    return sorted(path for folder in folders for path in folder.rglob("*.html"))


def release() -> str:
    """What this process serves, in a few characters: its templates and the names of its static
    files. Pages stored by an older release (naming CSS and JS files that a deploy replaced) are
    never served by a newer one, though Redis keeps them across the restart. In debug mode a
    template edited under `make run` counts as a new release at once (the server does not restart
    for templates)."""
    edited = max((path.stat().st_mtime_ns for path in _templates()), default=0) if settings.DEBUG else 0
    return _release(edited)


@cache
def _release(edited: int) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    read_manifest = getattr(staticfiles_storage, "read_manifest", None)
    digest.update(((read_manifest() if read_manifest else None) or "").encode())
    for path in _templates():
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def memo(name: str, compute: Callable[[], object]):
    """A value that many renders share (an article's comment thread, the navigation, a settings
    row), kept under the current content generation, so that the very changes that refresh pages
    refresh it too. Used whether or not whole pages are cached: it is what makes a page rendered
    for a signed-in reader, or after an edit elsewhere, cheap. `name` must say everything the value
    depends on besides the content; the value must be picklable and the same for every visitor."""
    # Hashed: a name may be long and hold any character (the file store warns of spaces).
    key = f"memo:{release()}:" + hashlib.md5(name.encode(), usedforsecurity=False).hexdigest()
    values = _attempt(lambda store: store.get_many([GENERATION, NEXT_CHANGE, key]))
    generation = _current_generation(values) if values is not None else None
    if generation is None:  # the store is unavailable
        return compute()
    stored = values.get(key)
    if stored is not None and stored[0] == generation:
        return stored[1]
    value = compute()

    def write(store):
        store.set(key, (generation, value), timeout=MEMO_SECONDS)
        _foresee_next_change(store, generation)

    _attempt(write)
    return value


def _page_key(request) -> str:
    # Not the host: pages build every absolute link from SITE_URL, never from the Host header, so
    # each machine behind a load balancer (whatever name it was reached by) shares one copy.
    address = f"{request.get_full_path()} {negotiated_encoding(request)}"
    return f"page:{release()}:" + hashlib.md5(address.encode(), usedforsecurity=False).hexdigest()


# Stored pages -----------------------------------------------------------------------------------
# An entry is a plain tuple, (generation, fresh until, status, headers, content), so that nothing
# stored depends on a class of ours.


def _entry(response, generation: int) -> tuple:
    headers = [(name, value) for name, value in response.items() if name.lower() != "x-page-cache"]
    fresh_until = time.time() + settings.PAGE_CACHE_SECONDS
    return (generation, fresh_until, response.status_code, headers, response.content)


def _is_fresh(entry, generation) -> bool:
    return entry[0] == generation and time.time() < entry[1]


def _response_from(request, entry, how: str):
    _, _, status, headers, content = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response.headers[name] = value
    return _conditional(request, response, how)


def _conditional(request, response, how: str):
    """A 304 when the browser's copy is still the page (the ETag matches), else the page."""
    response = get_conditional_response(request, etag=response.get("ETag"), response=response)
    response.headers["X-Page-Cache"] = how
    return response


def _foresee_next_change(store, generation) -> None:
    """Whatever is stored under `generation` is valid until the next foreseen change: note it."""
    next_change = store.get(NEXT_CHANGE)
    if next_change is None or next_change[0] != generation:
        store.set(NEXT_CHANGE, (generation, _next_change()), timeout=None)


def _store(key: str, response, generation: int) -> None:
    def write(store):
        store.set(key, _entry(response, generation), timeout=settings.PAGE_CACHE_SECONDS + STALE_SECONDS)
        _foresee_next_change(store, generation)

    _attempt(write)


def _current_generation(values: dict):
    generation = values.get(GENERATION) or _attempt(_start_generation)
    next_change = values.get(NEXT_CHANGE)
    if next_change and next_change[0] == generation and next_change[1] and time.time() >= next_change[1]:
        # Past the moment of a foreseen change: the first request to see it moves the generation
        # on, once for every process.
        if _attempt(lambda store: store.add(f"{NEXT_CHANGE}:{next_change[1]}", 1, timeout=3600)):
            _attempt(_next_generation)
        generation = _attempt(lambda store: store.get(GENERATION))
    return generation


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.page_cache_eligible = request.method in ("GET", "HEAD") and not carries_visitor_state(request)
        if not (request.page_cache_eligible and request.method == "GET" and settings.PAGE_CACHE_SECONDS):
            return _finish(request, self.get_response(request))

        key = _page_key(request)
        lock = f"{key}:rendering"
        values = _attempt(lambda store: store.get_many([GENERATION, NEXT_CHANGE, key]))
        if values is not None and _owed_invalidation:
            _write_invalidation()
            values = _attempt(lambda store: store.get_many([GENERATION, NEXT_CHANGE, key]))
        generation = _current_generation(values) if values is not None else None
        if generation is None:  # the store is unavailable
            return _finish(request, self.get_response(request))

        entry = values.get(key)
        if entry and _is_fresh(entry, generation):
            return _response_from(request, entry, "hit")
        # Only a page stored before takes the lock: while one request renders it again, the others
        # get the stale copy. An address never stored (not public, or not yet asked for) is simply
        # rendered: waiting on it would make every request to it queue behind the one before.
        if entry and not _attempt(
            lambda store: store.add(lock, 1, timeout=RENDER_LOCK_SECONDS), default=True
        ):
            return _response_from(request, entry, "stale")
        try:
            response = _finish(request, self.get_response(request))
            if response.status_code >= 500 and entry:
                return _response_from(request, entry, "stale")
            if request.page_storable:
                _store(key, response, generation)
            elif entry:
                _attempt(lambda store: store.delete(key))  # gone, moved or no longer public
        finally:
            if entry:
                _attempt(lambda store: store.delete(lock))
        return _conditional(request, response, "miss")
