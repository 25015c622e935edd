from django.utils.functional import SimpleLazyObject


def newsletter(request):
    from newsletter.models import ConsentText

    # Queried once per page, and only if the page shows a sign-up box.
    return {"newsletter_consent": SimpleLazyObject(ConsentText.current)}
