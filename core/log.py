"""What the site's logs may hold: never the secret of a link we emailed.

A confirm, unsubscribe or moderation link acts for whoever holds it, and its token sits in the
address, which Django's request warnings and the development server's lines print. The console
handler (settings.LOGGING) passes every record through RedactTokens.
"""

import logging
import re

TOKEN_IN_PATH = re.compile(r"(/(?:confirm|unsubscribe|moderate)/)[^/\s?#\"']+")


def redact_tokens(text: str) -> str:
    return TOKEN_IN_PATH.sub(r"\1[token]", text)


class RedactTokens(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact_tokens(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True
