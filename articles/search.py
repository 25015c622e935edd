"""Searching published articles: /search/?q=.

One interface, two engines. On PostgreSQL, full-text search over the stored, weighted vector of
migration 0007 (title > summary > body), ranked by ts_rank, with ts_headline snippets. On SQLite, a
simpler fallback: every word must appear somewhere (LIKE), title matches rank first, and the
snippet is cut in Python. Either way `search_page()` finds one page of the matches, best first,
and loads its articles, each with its category and a `.snippet`: HTML, escaped but for <mark>.
"""

import html
import re
import unicodedata
from functools import reduce
from operator import add

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVectorField
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Case, FloatField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article
from core.pagination import PER_PAGE

MAX_QUERY_LENGTH = 200
# SQLite fallback: a LIKE per word and field, so a handful of words is plenty.
MAX_FALLBACK_TERMS = 8
SNIPPET_LENGTH = 240
# PostgreSQL: the characters of a body's text its snippet is cut from (see _with_headlines).
SNIPPET_SOURCE_LENGTH = 1500

# ts_headline marks matches with these private-use characters; the snippet is escaped, then they
# become <mark> tags. Any already in the text are removed first, so every mark is ours.
START, STOP = "\ue000", "\ue001"
# Control, format, surrogate and private-use characters: never part of a word someone searches for.
CONTROL_CATEGORIES = {"Cc", "Cf", "Cs", "Co"}


def clean_query(raw: str) -> str:
    """What a visitor typed, made safe to search for and to show: compatibility characters folded
    (ﬁ → fi), control characters (NUL included, which PostgreSQL refuses) dropped, whitespace
    collapsed, and at most MAX_QUERY_LENGTH characters."""
    text = unicodedata.normalize("NFKC", raw)
    text = "".join(ch for ch in text if ch.isspace() or unicodedata.category(ch) not in CONTROL_CATEGORIES)
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def search_page(query: str, number, per_page: int = PER_PAGE) -> Page:
    """Page `number` of the results for `query` (as Paginator.get_page: a number that is not a
    page gives the first or the last), its articles loaded by `page_articles()`.

    (Counting with a window function on the query that finds the page's ids, instead of a COUNT
    of its own, was measured slower: 35 ms against 12 + 18 for a word in 10,000 articles.)"""
    # Only ids and ranks are sorted, and one page of articles is loaded afterwards: for a word in
    # all 10,000 articles, sorting whole rows (with their categories) cost 15 ms more.
    page = Paginator(_ranked(query).values_list("pk", flat=True), per_page).get_page(number)
    page.object_list = page_articles(page.object_list, query)
    return page


def _ranked(query: str) -> QuerySet:
    """The published articles matching `query`, best first."""
    articles = Article.objects.published()
    if connection.vendor == "postgresql":
        return _postgres_search(articles, query)
    return _fallback_search(articles, query)


def page_articles(ids, query: str) -> list[Article]:
    """The articles whose ids are `ids`, in that order (one page of results), each with its
    category and a highlighted `snippet`."""
    ids = list(ids)
    # published() again: one may have been unpublished since its id was found.
    articles = Article.objects.published().filter(pk__in=ids).select_related("category").order_by()
    if connection.vendor == "postgresql":
        found = {article.pk: article for article in _with_headlines(articles, query)}
        for article in found.values():
            article.snippet = _marked(article.headline)
    else:
        terms = fallback_terms(query)
        found = {article.pk: article for article in articles}
        for article in found.values():
            article.snippet = _python_snippet(article, terms)
    return [found[pk] for pk in ids if pk in found]


# PostgreSQL ------------------------------------------------------------------------------------


def _tsquery(query: str) -> SearchQuery:
    # websearch_to_tsquery accepts anything a person types ("quoted phrases", or, -not) and never
    # raises a syntax error, unlike to_tsquery.
    return SearchQuery(query, config="english", search_type="websearch")


class _SubSelectSearchQuery(SearchQuery):
    template = "(SELECT %(function)s(%(expressions)s))"


def _matches(articles: QuerySet, query: str) -> QuerySet:
    """`articles` whose stored vector matches `query`, found through the GIN index however common
    the words.

    Each vector is a few kB, kept out of line in the TOAST table: testing one row costs about 8 µs
    (finding and reading its chunks), which the planner's cost model does not see. Knowing that a
    word is in most articles, it would visit every row, by a sequential scan or the status index,
    and test each vector: 80 ms at 10,000 articles, where the GIN index, which answers plain words
    without reading a vector, takes 8. So the query is computed in a sub-select, whose value the
    planner does not know when planning: it assumes a selective match (its default, 0.5% of the
    rows) and takes the index, for common and rare words alike, with no setting to change and
    restore. (Migration 0009 keeps the index free of a pending list, which made it look costly.)
    The ranking still sees the words, and reads only the small vector kept in the row (0007)."""
    vector = RawSQL('"articles_article"."search_vector"', [], output_field=SearchVectorField())
    tsquery = _SubSelectSearchQuery(query, config="english", search_type="websearch")
    return articles.alias(search_vector=vector).filter(search_vector=tsquery)


def matching(articles: QuerySet, query: str) -> QuerySet:
    """`articles` (any status) whose title, summary or body match `query`; for the admin's search.
    On PostgreSQL through the GIN index, elsewhere with LIKE."""
    if connection.vendor != "postgresql":
        terms = fallback_terms(query)
        for term in terms:
            articles = articles.filter(
                Q(title__icontains=term) | Q(summary__icontains=term) | Q(body__icontains=term)
            )
        return articles if terms else articles.none()
    return _matches(articles, query)


def _postgres_search(articles: QuerySet, query: str) -> QuerySet:
    # Ranked on title and summary only (see migration 0007): a match found only in the body ranks
    # below every title or summary match, and among body matches the newest come first.
    rank_vector = RawSQL('"articles_article"."search_rank_vector"', [], output_field=SearchVectorField())
    tsquery = _tsquery(query)
    return (
        _matches(articles, query)
        .annotate(rank=SearchRank(rank_vector, tsquery))
        .order_by("-rank", "-published_at", "-pk")
    )


def _with_headlines(articles: QuerySet, query: str) -> QuerySet:
    # ts_headline parses all the text it is given, about 2 ms for a 3.5 kB demo body and ten times
    # that for a long article, on each of the page's ten results: it is given the summary and the
    # opening of the body only. A word found further down still finds the article (through the
    # index); its snippet is then the article's opening, without a highlight.
    text = RawSQL(
        "translate(coalesce(summary, '') || ' … ' || left(regexp_replace(body, '<[^>]+>', ' ', 'g'), %s), %s, '')",
        [SNIPPET_SOURCE_LENGTH, START + STOP],
    )
    headline = SearchHeadline(
        text,
        _tsquery(query),
        config="english",
        start_sel=START,
        stop_sel=STOP,
        max_words=35,
        min_words=15,
        max_fragments=2,
        fragment_delimiter=" … ",
    )
    # The headline is cut from the body, which the annotation reads; the article needs no copy.
    return articles.defer("body").annotate(headline=headline)


def _marked(headline: str) -> SafeString:
    # The body text still holds HTML entities (&amp;): unescape, then escape everything once.
    text = escape(" ".join(html.unescape(headline).split()))
    return mark_safe(text.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308 - escaped above


# SQLite fallback ---------------------------------------------------------------------------------


def fallback_terms(query: str) -> list[str]:
    """The words of the query, without operators or punctuation, longest first."""
    words = dict.fromkeys(word.lower() for word in re.findall(r"\w{2,}", query))
    return sorted(words, key=len, reverse=True)[:MAX_FALLBACK_TERMS]


def _fallback_search(articles: QuerySet, query: str) -> QuerySet:
    terms = fallback_terms(query)
    if not terms:
        return articles.none().annotate(rank=Value(0.0, output_field=FloatField()))
    for term in terms:
        articles = articles.filter(
            Q(title__icontains=term) | Q(summary__icontains=term) | Q(body__icontains=term)
        )
    # The same order of weights as PostgreSQL's: title, then summary, then body.
    weights = {"title": 1.0, "summary": 0.4, "body": 0.1}
    rank = reduce(
        add,
        (
            Case(
                When(**{f"{field}__icontains": term}, then=Value(weight)),
                default=Value(0.0),
                output_field=FloatField(),
            )
            for term in terms
            for field, weight in weights.items()
        ),
    )
    return articles.annotate(rank=rank).order_by("-rank", "-published_at", "-pk")


# Bodies are stored sanitised (core.richtext): every "<" starts a tag. Like PostgreSQL's
# snippet, a tag becomes a space, so "</p><p>" never joins two words; a quarter of the search
# page's time went to strip_tags's HTML parser.
TAG = re.compile(r"<[^>]+>")


def _python_snippet(article: Article, terms: list[str]) -> SafeString:
    text = " ".join(html.unescape(f"{article.summary} … {TAG.sub(' ', article.body)}").split())
    pattern = re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE) if terms else None
    first = pattern.search(text) if pattern else None
    start = 0
    if first and first.start() > SNIPPET_LENGTH // 3:
        start = text.find(" ", first.start() - SNIPPET_LENGTH // 3) + 1
    end = len(text)
    if end - start > SNIPPET_LENGTH:
        end = text.rfind(" ", start, start + SNIPPET_LENGTH)
        end = end if end > start else start + SNIPPET_LENGTH
    window = text[start:end]
    parts, position = [], 0
    for match in pattern.finditer(window) if pattern else ():
        parts += [escape(window[position : match.start()]), f"<mark>{escape(match.group())}</mark>"]
        position = match.end()
    parts.append(escape(window[position:]))
    snippet = ("… " if start else "") + "".join(parts) + (" …" if end < len(text) else "")
    return mark_safe(snippet)  # noqa: S308 - every piece of text is escaped above
