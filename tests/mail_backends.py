"""A mail backend for tests that need something to happen between two messages of a campaign (a
reader unsubscribing, staff cancelling, the worker dying). It is Django's in-memory backend, with a
hook called before each message goes out."""

from django.core.mail.backends import locmem


class WorkerKilled(BaseException):
    """Stands for the worker process dying (kill -9) between two messages: like a real kill, it is
    not an Exception, so no `except Exception` in the sending code can swallow it."""


class HookedBackend(locmem.EmailBackend):
    before_each = None  # set by a test: called with (number of messages already sent, message)
    opened = 0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        HookedBackend.opened += 1
        self.number = HookedBackend.opened  # tells connections apart (one per campaign batch)

    def send_messages(self, messages):
        from django.core import mail

        for message in messages:
            if HookedBackend.before_each is not None:
                HookedBackend.before_each(len(mail.outbox), message)
            super().send_messages([message])
        return len(messages)
