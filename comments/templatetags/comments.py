import zlib
from functools import lru_cache

from crispy_forms.utils import render_crispy_form
from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from comments.forms import CommentForm
from comments.models import Comment, DiscussionSettings
from comments.services import PENDING_SESSION_KEY, build_threads
from core import pagecache

register = template.Library()


# The thread, written here rather than by a template loop: a thread is 50 comments or more, and
# the template engine spent most of an article's render time on them (variable lookups, filters,
# number localisation for every id). Every value goes through format_html's escaping.
COMMENT_HTML = (
    '<li id="comment-{pk}" class="comment{classes}"><article><header class="comment-header">'
    '<span class="comment-avatar avatar-{tone}" aria-hidden="true">{initials}</span>'
    '<span class="comment-author">{author}</span>{badges}'
    '<a class="comment-permalink" href="#comment-{pk}"><time datetime="{iso}">{when}</time></a>'
    '</header><div class="comment-body">{body}</div>{reply}</article>'
)
WEBSITE_HTML = '<a href="{}" rel="nofollow ugc noopener">{}</a>'
STAFF_BADGE = '<span class="badge badge-staff">Healthy Back team</span>'
PENDING_BADGE = '<span class="badge badge-pending">Awaiting moderation: only you can see this</span>'
REPLY_HTML = (
    '<a class="comment-reply" href="#respond" data-reply-to="{pk}" data-reply-name="{name}" '
    'aria-label="Reply to {name}">Reply</a>'
)


def posted_at(moment) -> tuple[str, str]:
    """What the date filter's "c" and "F j, Y \\a\\t g:i a" give, in the site's time zone:
    ("2026-03-02T09:05:00-05:00", "March 2, 2026 at 9:05 a.m.")."""
    local = timezone.localtime(moment)
    hour = local.hour % 12 or 12
    meridiem = "a.m." if local.hour < 12 else "p.m."
    return (
        local.isoformat(),
        f"{MONTHS[local.month]} {local.day}, {local.year} at {hour}:{local.minute:02d} {meridiem}",
    )


def comment_html(comment: Comment, *, can_reply: bool) -> SafeString:
    """One comment's <li> and <article>, the <li> left open for its replies."""
    pending = comment.status == Comment.Status.PENDING
    website = safe_website(comment.website)
    iso, when = posted_at(comment.created_at)
    return format_html(
        COMMENT_HTML,
        pk=str(comment.pk),
        classes=(" comment-pending" if pending else "")
        + (" comment-staff" if comment.staff_author_id else ""),
        tone=str(avatar_tone(comment.name)),
        initials=initials(comment.name),
        author=format_html(WEBSITE_HTML, website, comment.name) if website else comment.name,
        badges=mark_safe(  # noqa: S308 - two constant strings
            (STAFF_BADGE if comment.staff_author_id else "") + (PENDING_BADGE if pending else "")
        ),
        iso=iso,
        when=when,
        body=body_html(comment),
        reply=format_html(REPLY_HTML, pk=str(comment.pk), name=comment.name) if can_reply else "",
    )


def thread_html(nodes, *, open_for_replies: bool, max_depth: int) -> SafeString:
    """The nested lists of a thread (comments.services.build_threads), in page order."""
    parts = []

    def add(nodes):
        for node in nodes:
            comment = node.comment
            can_reply = (
                open_for_replies and comment.status == Comment.Status.APPROVED and comment.depth < max_depth
            )
            parts.append(comment_html(comment, can_reply=can_reply))
            if node.children:
                parts.append('<ol class="comment-children">')
                add(node.children)
                parts.append("</ol>")
            parts.append("</li>")

    add(nodes)
    return mark_safe("".join(parts))  # noqa: S308 - every part is built by format_html above


@lru_cache(maxsize=16)
def _blank_form_markup(recaptcha_version: str, public_key: str, score: float) -> SafeString:
    return render_crispy_form(CommentForm(article=None, stamp=False))


def blank_form_markup() -> SafeString:
    """The fields of a comment form nobody has typed in yet: the same markup for every article and
    visitor (its token and start time are outside it), so crispy-forms lays it out once per
    process and set of reCAPTCHA settings rather than on every page."""
    return _blank_form_markup(
        settings.RECAPTCHA_VERSION, settings.RECAPTCHA_PUBLIC_KEY, settings.RECAPTCHA_SCORE_THRESHOLD
    )


@register.inclusion_tag("comments/_section.html", takes_context=True)
def comment_section(context, article):
    """The comments under an article: approved threads (one query), the visitor's own held
    comments (only when their session lists some), and the form."""
    request = context["request"]
    discussion = pagecache.memo("discussion-settings", DiscussionSettings.current)
    # A staff preview of an unpublished article shows the comments but takes none.
    is_open = discussion.comments_open_for(article) and getattr(article, "is_live", True)
    depth = discussion.thread_depth

    def thread_of(comments):
        thread = thread_html(build_threads(comments), open_for_replies=is_open, max_depth=depth)
        return thread, sum(1 for c in comments if c.status == Comment.Status.APPROVED)

    # Only a visitor who has a session can have held comments; others' sessions are never touched,
    # so their pages stay the same for everyone.
    has_session = settings.SESSION_COOKIE_NAME in request.COOKIES
    pending_ids = request.session.get(PENDING_SESSION_KEY) if has_session else None
    if pending_ids:
        comments = [
            *article.comments.approved(),
            *Comment.objects.filter(pk__in=pending_ids, article=article, status=Comment.Status.PENDING),
        ]
        comments.sort(key=lambda c: (c.created_at, c.pk))
        thread, count = thread_of(comments)
    else:
        # The same for every reader until a comment changes (or the page's openness does).
        thread, count = pagecache.memo(
            f"comments:{article.pk}:{is_open}:{depth}", lambda: thread_of(list(article.comments.approved()))
        )
    form = context.get("comment_form")
    if form is None:
        # On a page shared by every visitor the form is not stamped: forms.js asks for a stamp.
        shared = getattr(request, "shared_page", False)
        form = CommentForm(article=article, max_depth=depth, stamp=not shared)
        fields = blank_form_markup() if is_open else ""
    else:  # sent back with what was typed, and perhaps errors
        fields = render_crispy_form(form)
    return {
        "article": article,
        "thread": thread,
        "count": count,
        "form": form,
        "fields": fields,
        "open": is_open,
        "note": context.get("comment_note", ""),
        "request": request,
    }


@register.filter
def initials(name: str) -> str:
    letters = [word[0] for word in name.split() if word[:1].isalpha()]
    return "".join(letters[:2]).upper() or "?"


@register.filter
def avatar_tone(name: str) -> int:
    """One of eight colours, from the name only (never the email, which must not leak)."""
    return zlib.crc32(name.strip().lower().encode()) % 8


@register.filter
def safe_website(url: str) -> str:
    return url if url.startswith(("https://", "http://")) else ""


@register.filter
def body_html(comment: Comment):
    return mark_safe(comment.body_html)  # noqa: S308 - rendered escaped by render_body on save
