"""The layout shows the architecture: what each app may import (README, "How the code is laid out").

An import of one of our apps by another is allowed only along these arrows; a new arrow fails here,
so it is a decision, not a drift.
"""

import ast
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
APPS = ["core", "healthyback", "articles", "comments", "newsletter", "wordpress_import", "demo"]

# Which of our apps each app may import. `core` is the shared library: every app may use it, it uses
# none. The project (healthyback: settings, urls, site-wide views) wires the apps together and may
# import any; its one model, Page, is what the demo fills in.
MAY_IMPORT = {
    "core": set(),
    "articles": {"core"},
    "comments": {"core", "articles"},
    # The campaign editor's "Insert article…" picker lists published articles.
    "newsletter": {"core", "articles"},
    "wordpress_import": {"core", "articles", "comments"},
    "demo": {"core", "healthyback", "articles", "comments", "newsletter"},
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


def test_the_check_sees_every_form_of_import(tmp_path):
    module = tmp_path / "module.py"
    module.write_text(
        "import articles.models\nfrom comments import services\nfrom newsletter.models import Subscriber\n"
        "from . import sibling\nimport json\n"
        "def later():\n    from wordpress_import.tasks import run_wordpress_import\n"
    )
    assert imports_of(module) == {"articles", "comments", "newsletter", "wordpress_import"}
