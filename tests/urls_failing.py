"""The site's URLs plus one view that fails, to see the 500 page a visitor would get."""

from django.urls import path

from healthyback.urls import urlpatterns as site_urlpatterns


def boom(request):
    return 1 / 0


urlpatterns = [*site_urlpatterns, path("boom/", boom)]
