"""The Redis cache fails open: a dead Redis slows nothing down and breaks nothing."""

import time

from django.core.cache import caches
from django.test import override_settings

DEAD_REDIS = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        # Nothing listens on port 1: a real refused connection.
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
    }
}


def test_a_dead_redis_gives_misses_instead_of_errors():
    with override_settings(CACHES=DEAD_REDIS):
        cache = caches["default"]
        started = time.monotonic()
        cache.set("key", "value")
        assert cache.get("key", "fallback") == "fallback"
        assert cache.add("other", 1) is None
        cache.delete("key")
        assert time.monotonic() - started < 5


def test_the_configured_cache_stores_and_returns_values():
    cache = caches["default"]
    cache.set("greeting", {"text": "hello"}, timeout=30)
    assert cache.get("greeting") == {"text": "hello"}


def test_the_page_file_store_adds_once_and_stays_bounded(tmp_path):
    from core.filecache import CULL_EVERY, PageFileCache

    store = PageFileCache(str(tmp_path), {"TIMEOUT": None, "OPTIONS": {"MAX_ENTRIES": 20}})
    assert store.add("lock", 1, timeout=30) is True
    assert store.add("lock", 2, timeout=30) is False  # the render lock: one holder
    assert store.get("lock") == 1
    store.add("brief", 1, timeout=-1)  # expired at once: the next add takes it
    assert store.add("brief", 2, timeout=30) is True

    for number in range(300):
        store.set(f"page-{number}", number)
    assert len(list(tmp_path.glob("*.djcache"))) < 20 + CULL_EVERY
