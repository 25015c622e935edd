"""The layout shows the architecture: what each app may import (README, "How the code is laid out").

An import of one of our apps by another is allowed only along these arrows; a new arrow fails here,
so it is a decision, not a drift.
"""

import ast
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
APPS = ["healthyback", "articles", "comments", "newsletter", "wordpress_import", "demo"]

# The shared library inside healthyback/: every app uses it, it uses no app.
LIBRARY = [
    "admin.py", "auth.py", "compression.py", "filecache.py", "forms.py", "http.py", "images.py",
    "links.py", "log.py", "mail.py", "pagecache.py", "pagination.py", "recaptcha.py", "revisions.py",
    "richtext.py", "schedule.py", "tasks.py", "worker.py", "templatetags",
]  # fmt: skip
# Which of our apps each app may import. The project part of healthyback (settings, urls, site-wide
# views, the personal-data commands that span apps) wires the apps together and may import any.
MAY_IMPORT = {
    "articles": {"healthyback"},
    "comments": {"healthyback", "articles"},
    # The campaign editor's "Insert article…" picker lists published articles.
    "newsletter": {"healthyback", "articles"},
    "wordpress_import": {"healthyback", "articles", "comments"},
    "demo": {"healthyback", "articles", "comments", "newsletter"},
}


def imports_of(path: Path) -> set[str]:
    """The apps of ours that a file imports."""
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules.add(node.module)
    return {module.split(".")[0] for module in modules} & set(APPS)


def python_files(*parts: str) -> list[Path]:
    path = PROJECT.joinpath(*parts)
    return sorted(path.rglob("*.py")) if path.is_dir() else [path]


def test_the_shared_library_imports_no_app():
    offenders = [
        f"{path.relative_to(PROJECT)} imports {app}"
        for part in LIBRARY
        for path in python_files("healthyback", part)
        for app in sorted(imports_of(path) - {"healthyback"})
    ]
    assert offenders == []


@pytest.mark.parametrize("app", sorted(MAY_IMPORT))
def test_each_app_imports_only_what_it_may(app):
    offenders = [
        f"{path.relative_to(PROJECT)} imports {imported}"
        for path in python_files(app)
        for imported in sorted(imports_of(path) - MAY_IMPORT[app] - {app})
    ]
    assert offenders == []


def test_the_import_and_the_demo_are_imported_by_no_other_app():
    offenders = [
        f"{path.relative_to(PROJECT)} imports {imported}"
        for app in APPS
        for path in python_files(app)
        for imported in sorted(imports_of(path) & ({"wordpress_import", "demo"} - {app}))
    ]
    assert offenders == []


def test_every_app_is_listed():
    ours = {path.parent.name for path in PROJECT.glob("*/apps.py")}
    assert ours == set(APPS)
