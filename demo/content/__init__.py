"""The demo site's original writing (written for this project, never copied), kept as data files in
this folder: TOML for what has fields, and one HTML file per article and site page for its body."""

import tomllib
from pathlib import Path

FOLDER = Path(__file__).parent


def read_toml(name: str) -> dict:
    with (FOLDER / name).open("rb") as file:
        return tomllib.load(file)


def read_body(folder: str, slug: str) -> str:
    return (FOLDER / folder / f"{slug}.html").read_text(encoding="utf-8").strip()


def load_articles() -> list[dict]:
    references = read_toml("references.toml")
    return [
        {
            **spec,
            "reviewer": spec.get("reviewer"),
            "updated_days_ago": spec.get("updated_days_ago"),
            "references": [
                (references[name]["citation"], references[name]["url"]) for name in spec["references"]
            ],
            "palette": tuple(spec["palette"]),
            "body": read_body("articles", spec["slug"]),
        }
        for spec in read_toml("articles.toml")["article"]
    ]


CATEGORIES = [{"parent": None, **spec} for spec in read_toml("categories.toml")["category"]]
AUTHORS = read_toml("authors.toml")["author"]
ARTICLES = load_articles()
PAGES = [{**spec, "body": read_body("pages", spec["slug"])} for spec in read_toml("pages.toml")["page"]]

_comments = read_toml("comments.toml")
COMMENTERS = _comments["commenters"]
TOP_LEVEL = _comments["top_level"]
REPLIES = _comments["replies"]
STAFF_REPLIES = _comments["staff_replies"]
