"""The page cache's store on one machine without Redis: Django's file cache, whose add() is made
atomic, because the page cache's render lock relies on it and several processes share the files."""

import os
import random
import tempfile

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache

# Django looks whether the folder is full by listing it on every write: up to MAX_ENTRIES names for
# each page or part stored, a few milliseconds at 2,000. Looked at once every CULL_EVERY writes (of
# each thread), the folder holds at most MAX_ENTRIES + CULL_EVERY files for each writer.
CULL_EVERY = 50


class PageFileCache(FileBasedCache):
    _writes = 0

    def _cull(self):
        self._writes += 1
        if self._writes % CULL_EVERY != 1:
            return
        names = self._list_cache_files()
        if len(names) < self._max_entries:
            return
        # As Django's: a random 1/CULL_FREQUENCY of the entries (all of them for 0), and at least
        # enough to be under the limit again.
        share = len(names) // self._cull_frequency if self._cull_frequency else len(names)
        for name in random.sample(names, max(share, len(names) - self._max_entries + 1)):
            self._delete(name)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # Django's add() is has_key() then set(): two processes can both "add". A hard link to a
        # name that exists fails instead, atomically.
        self._createdir()
        name = self._key_to_file(key, version)
        fd, written = tempfile.mkstemp(dir=self._dir)
        try:
            with open(fd, "wb") as file:
                self._write_content(file, timeout, value)
            for _ in range(2):
                try:
                    os.link(written, name)
                    return True
                except FileExistsError:
                    if self.has_key(key, version):  # has_key() removes an expired file: try again
                        return False
            return False
        finally:
            os.remove(written)
