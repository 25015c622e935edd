from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from articles.models import Article
from articles.services import article_for_page, article_page_context
from comments.emails import moderators
from comments.forms import CommentForm
from comments.links import ACTIONS, read_reply_token, read_token
from comments.models import Comment, DiscussionSettings, ReplySubscriber
from comments.services import (
    PENDING_SESSION_KEY,
    CommentsClosed,
    Duplicate,
    TooFast,
    comment_moderate,
    comment_submit,
)
from core.forms import seconds_since_start
from core.http import client_ip, on_csrf_failure
from core.links import LinkExpired, LinkInvalid, link_page


def article_with_form(request, article, form, status, note=""):
    """The article page again, with the visitor's text kept and the problems beside the fields.
    It holds what they typed: for them alone, never stored by any cache."""
    response = render(
        request,
        "articles/article_detail.html",
        {**article_page_context(article), "comment_form": form, "comment_note": note},
        status=status,
    )
    add_never_cache_headers(response)
    return response


def live_article(slug):
    try:
        article = article_for_page(slug)
    except Article.DoesNotExist:
        raise Http404("No such article") from None
    if not article.is_live:
        raise Http404("No such article")
    return article


AGAIN_FIELDS = ("body", "name", "email", "website", "parent", "notify_replies", "save_details")


def post_comment_again(request, slug):
    """A comment sent without a valid CSRF token (from a cached page whose script could not fetch
    one, or without JavaScript): the article again with everything typed kept, a token, and one
    sentence asking to send it once more. Nothing is lost and nothing is stored yet."""
    article = live_article(slug)
    discussion = DiscussionSettings.current()
    initial = {name: request.POST.get(name, "") for name in AGAIN_FIELDS}
    # The moment they started typing still counts, when it is genuine.
    if seconds_since_start(request.POST.get("started", "")) is not None:
        initial["started"] = request.POST["started"]
    form = CommentForm(initial=initial, article=article, max_depth=discussion.thread_depth)
    note = "For your security, please press “Post Comment” once more. Your comment is kept below."
    return article_with_form(request, article, form, status=403, note=note)


@on_csrf_failure(post_comment_again)
@require_POST
def post_comment(request, slug):
    article = live_article(slug)
    discussion = DiscussionSettings.current()
    ip = client_ip(request)
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
    # An address of its own, so no cache (the browser's own included) answers with the page as it
    # was before the comment; WordPress does the same.
    back = f"{article.get_absolute_url()}?comment={comment.pk}#comment-{comment.pk}"
    if comment.status == Comment.Status.APPROVED:
        messages.success(request, "Thank you: your comment is published.")
        return redirect(back)
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
    return redirect(back)


def moderation_page(request, *, status, heading, text, comment=None, action=None):
    context = {"heading": heading, "text": text, "comment": comment, "action": action, "actions": ACTIONS}
    return link_page(request, "comments/moderate.html", context, status=status)


def moderate(request, token):
    """An emailed one-click link: GET asks to confirm (mail scanners open links), POST acts."""
    try:
        comment_id, user_id, action = read_token(token)
    except LinkExpired:
        return moderation_page(request, status=410, heading="This link has expired",
                               text="Moderation links work for 72 hours. Open the comment in the admin instead.")  # fmt: skip
    except LinkInvalid:
        return moderation_page(request, status=400, heading="This link is not valid",
                               text="It may have been cut short by your email program. Use the admin instead.")  # fmt: skip
    moderator = moderators().filter(pk=user_id).first()
    if moderator is None or (request.user.is_authenticated and request.user.pk != user_id):
        return moderation_page(request, status=403, heading="This link is not yours",
                               text="It was sent to another moderator, or your moderator role has ended.")  # fmt: skip
    comment = Comment.objects.select_related("article", "moderated_by").filter(pk=comment_id).first()
    if comment is None:
        return moderation_page(request, status=404, heading="This comment no longer exists", text="")
    if comment.status != Comment.Status.PENDING:
        by = f" by {comment.moderated_by.get_username()}" if comment.moderated_by else ""
        return moderation_page(request, status=409, heading="Already handled",
                               text=f"This comment is now {comment.get_status_display().lower()}{by}.",
                               comment=comment)  # fmt: skip
    if request.method != "POST":
        return moderation_page(request, status=200, heading=f"{ACTIONS[action]} this comment?", text="",
                               comment=comment, action=action)  # fmt: skip
    status = Comment.Status.APPROVED if action == "approve" else Comment.Status.SPAM
    comment_moderate(comment=comment, status=status, by=moderator)
    done = "approved: it is now on the article" if action == "approve" else "marked as spam"
    return moderation_page(
        request, status=200, heading="Done", text=f"The comment is {done}.", comment=comment
    )


def reply_subscriber_from(token, *, unsubscribe):
    """The subscriber a reply link names, or the page that explains why the link can't be used."""
    try:
        subscriber_token = read_reply_token(token, unsubscribe=unsubscribe)
    except LinkExpired:
        return None, ("This link has expired", "Confirmation links work for 48 hours. Tick “Email me” on your next "
                      "comment to get a new one.", 410)  # fmt: skip
    except LinkInvalid:
        return None, ("This link is not valid", "It may have been cut short by your email program.", 400)
    subscriber = ReplySubscriber.objects.filter(token=subscriber_token).first()
    if subscriber is None:
        return None, ("This address is no longer on our list", "There is nothing more to do.", 404)
    return subscriber, None


def reply_page(request, heading, text, status=200, button=None):
    context = {"heading": heading, "text": text, "button": button}
    return link_page(request, "comments/reply_page.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def reply_confirm(request, token):
    """GET asks (mail scanners follow links), POST confirms the address for reply emails."""
    subscriber, problem = reply_subscriber_from(token, unsubscribe=False)
    if problem:
        return reply_page(request, *problem)
    if request.method != "POST":  # GET and HEAD only look
        return reply_page(request, "Confirm reply emails", f"Send an email to {subscriber.email} when someone "
                          "replies to your comments?", button="Yes, email me replies")  # fmt: skip
    subscriber.confirm()
    return reply_page(request, "Confirmed", "We'll email you when someone replies to your comments. Every email "
                      "has a link to stop them.")  # fmt: skip


@csrf_exempt  # one-click unsubscribe (RFC 8058): mail programs POST without our cookies
@require_http_methods(["GET", "HEAD", "POST"])
def reply_unsubscribe(request, token):
    subscriber, problem = reply_subscriber_from(token, unsubscribe=True)
    if problem:
        return reply_page(request, *problem)
    if request.method != "POST":  # GET and HEAD only look
        return reply_page(request, "Stop reply emails?", f"We will stop emailing {subscriber.email} about replies.",
                          button="Stop reply emails")  # fmt: skip
    subscriber.unsubscribe()
    return reply_page(request, "Done", "You will get no more reply emails from us.")
