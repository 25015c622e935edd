from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from articles.models import Article
from articles.services import article_for_page, article_page_context
from comments.forms import CommentForm
from comments.models import Comment, DiscussionSettings
from comments.services import PENDING_SESSION_KEY, CommentsClosed, Duplicate, TooFast, comment_submit


def article_with_form(request, article, form, status):
    """The article page again, with the visitor's text kept and the problems beside the fields."""
    return render(
        request,
        "articles/article_detail.html",
        {**article_page_context(article), "comment_form": form},
        status=status,
    )


@require_POST
def post_comment(request, slug):
    try:
        article = article_for_page(slug)
    except Article.DoesNotExist:
        raise Http404("No such article") from None
    if not article.is_live:
        raise Http404("No such article")
    discussion = DiscussionSettings.current()
    ip = request.META.get("REMOTE_ADDR", "")
    form = CommentForm(request.POST, article=article, remote_ip=ip, max_depth=discussion.thread_depth)
    if not form.is_valid():
        return article_with_form(request, article, form, status=400)
    try:
        posted = comment_submit(
            form=form,
            discussion=discussion,
            ip=ip,
            user_agent=request.headers.get("User-Agent", ""),
            user=request.user,
        )
    except CommentsClosed:
        form.add_error(None, "Comments are closed on this article.")
        return article_with_form(request, article, form, status=403)
    except TooFast:
        form.add_error(None, "You are commenting very quickly. Please wait a few seconds and send it again.")
        return article_with_form(request, article, form, status=429)
    except Duplicate:
        form.add_error("body", "You have already posted this comment on this article.")
        return article_with_form(request, article, form, status=400)

    comment = posted.comment
    if comment.status == Comment.Status.APPROVED:
        messages.success(request, "Thank you: your comment is published.")
        return redirect(f"{article.get_absolute_url()}#comment-{comment.pk}")
    # Held comments (and, so bots learn nothing, spam) get the same answer; only a held comment is
    # shown back to its writer, in their own session.
    if comment.status == Comment.Status.PENDING:
        request.session[PENDING_SESSION_KEY] = [
            *request.session.get(PENDING_SESSION_KEY, [])[-19:],
            comment.pk,
        ]
    messages.info(request, "Your comment is awaiting moderation.")
    if posted.decision.visitor_note:
        messages.warning(request, posted.decision.visitor_note)
    return redirect(f"{article.get_absolute_url()}#comment-{comment.pk}")
