from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = "Comments"

    def ready(self):
        from comments.models import Comment, DiscussionSettings
        from core import pagecache

        pagecache.watch(Comment, when=seen_by_readers)
        pagecache.watch(DiscussionSettings)
        pagecache.register_clock(lambda: DiscussionSettings.current().next_closing())


def seen_by_readers(comment, created: bool) -> bool:
    # A new comment held for moderation (or caught as spam) changes no public page; without this,
    # a bot posting comments would keep every cached page stale.
    return comment.status == comment.Status.APPROVED or not created
