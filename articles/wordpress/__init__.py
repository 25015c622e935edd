"""Importing a WordPress site from its export (WXR): `import_wxr`, used by `manage.py
import_wordpress` and the admin's import page."""

from articles.wordpress.importer import ImportReport, import_wxr
from articles.wordpress.wxr import WXRError

__all__ = ["ImportReport", "WXRError", "import_wxr"]
