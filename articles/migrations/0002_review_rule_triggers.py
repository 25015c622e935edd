"""Database-level review rules that a CHECK constraint cannot express.

- Reviewers (assigned or completed) must be authors flagged as medical reviewers: another table.
- A completed review cannot be dated in the future: the clock (5 minutes of skew allowed).

Both are checked only when the value is set or changed, so an article keeps its historical review
when its reviewer later stops reviewing.

Careful: on SQLite, a later migration that rebuilds articles_article (adding a NOT NULL field with a
default, for instance) drops these triggers; it must create them again. The constraint tests in
tests/articles/test_models.py fail when that happens.
"""

from django.db import migrations

REVIEWER_MESSAGE = "article reviewers must be medical reviewers"
FUTURE_MESSAGE = "a completed review cannot be dated in the future"

SQLITE_REVIEWER_CHECK = """
    (NEW.reviewed_by_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM articles_author WHERE id = NEW.reviewed_by_id AND is_medical_reviewer))
    OR (NEW.assigned_reviewer_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM articles_author WHERE id = NEW.assigned_reviewer_id AND is_medical_reviewer))
"""
SQLITE_FUTURE_CHECK = "NEW.reviewed_at > strftime('%Y-%m-%d %H:%M:%f', 'now', '+5 minutes')"

SQLITE_FORWARD = [
    f"""CREATE TRIGGER articles_article_reviewer_insert BEFORE INSERT ON articles_article
    WHEN {SQLITE_REVIEWER_CHECK}
    BEGIN SELECT RAISE(ABORT, '{REVIEWER_MESSAGE}'); END""",
    f"""CREATE TRIGGER articles_article_reviewer_update BEFORE UPDATE ON articles_article
    WHEN (NEW.reviewed_by_id IS NOT OLD.reviewed_by_id OR NEW.assigned_reviewer_id IS NOT OLD.assigned_reviewer_id)
        AND ({SQLITE_REVIEWER_CHECK})
    BEGIN SELECT RAISE(ABORT, '{REVIEWER_MESSAGE}'); END""",
    f"""CREATE TRIGGER articles_article_review_date_insert BEFORE INSERT ON articles_article
    WHEN {SQLITE_FUTURE_CHECK}
    BEGIN SELECT RAISE(ABORT, '{FUTURE_MESSAGE}'); END""",
    f"""CREATE TRIGGER articles_article_review_date_update BEFORE UPDATE ON articles_article
    WHEN NEW.reviewed_at IS NOT OLD.reviewed_at AND {SQLITE_FUTURE_CHECK}
    BEGIN SELECT RAISE(ABORT, '{FUTURE_MESSAGE}'); END""",
]
SQLITE_BACKWARD = [
    f"DROP TRIGGER IF EXISTS {name}"
    for name in (
        "articles_article_reviewer_insert",
        "articles_article_reviewer_update",
        "articles_article_review_date_insert",
        "articles_article_review_date_update",
    )
]

POSTGRES_FORWARD = [
    f"""CREATE FUNCTION articles_article_review_rules() RETURNS trigger AS $$
    BEGIN
        IF NEW.reviewed_by_id IS NOT NULL
            AND (TG_OP = 'INSERT' OR NEW.reviewed_by_id IS DISTINCT FROM OLD.reviewed_by_id)
            AND NOT EXISTS (SELECT 1 FROM articles_author WHERE id = NEW.reviewed_by_id AND is_medical_reviewer)
        THEN
            RAISE EXCEPTION '{REVIEWER_MESSAGE}' USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.assigned_reviewer_id IS NOT NULL
            AND (TG_OP = 'INSERT' OR NEW.assigned_reviewer_id IS DISTINCT FROM OLD.assigned_reviewer_id)
            AND NOT EXISTS (
                SELECT 1 FROM articles_author WHERE id = NEW.assigned_reviewer_id AND is_medical_reviewer)
        THEN
            RAISE EXCEPTION '{REVIEWER_MESSAGE}' USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.reviewed_at IS NOT NULL
            AND (TG_OP = 'INSERT' OR NEW.reviewed_at IS DISTINCT FROM OLD.reviewed_at)
            AND NEW.reviewed_at > now() + interval '5 minutes'
        THEN
            RAISE EXCEPTION '{FUTURE_MESSAGE}' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER articles_article_review_rules BEFORE INSERT OR UPDATE ON articles_article
    FOR EACH ROW EXECUTE FUNCTION articles_article_review_rules()""",
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS articles_article_review_rules ON articles_article",
    "DROP FUNCTION IF EXISTS articles_article_review_rules()",
]


def run(statements_by_vendor):
    def operation(apps, schema_editor):
        for statement in statements_by_vendor[schema_editor.connection.vendor]:
            schema_editor.execute(statement, params=None)

    return operation


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
