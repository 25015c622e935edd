"""The page cache's store on one machine without Redis: Django's file cache, whose add() is made
atomic, because the page cache's render lock relies on it and several processes share the files."""

import os
import tempfile

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache


class PageFileCache(FileBasedCache):
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
