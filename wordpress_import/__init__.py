"""Importing a WordPress site from its export (WXR): `importer.import_wxr`, used by `manage.py
import_wordpress` and the admin's import page. It depends on articles and comments; they never
import it."""
