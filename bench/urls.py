"""The site's URLs plus /bench/trivial/, served by the same gunicorn through the same middleware."""

from django.http import HttpResponse
from django.urls import path

from healthyback.urls import urlpatterns as site


def trivial(request):
    """The cheapest page Django can serve: the baseline that the article page is compared with."""
    return HttpResponse("ok")


urlpatterns = [*site, path("bench/trivial/", trivial)]
