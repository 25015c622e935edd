import os

import pytest

from tests.factories import make_user

# Playwright's sync API runs an event loop in the test thread; the ORM calls that tests make
# alongside it (live_server data set-up) are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _fresh_cache():
    # With REDIS_URL set the cache outlives a test; start every test from an empty one.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads and renditions go to a throwaway folder, never the developer's var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def outsider(db):
    """A signed-in account with no staff rights."""
    return make_user("outsider")
