from django.contrib import admin
from django.urls import path

from healthyback import views

admin.site.site_header = "Healthy Back administration"
admin.site.site_title = "Healthy Back admin"
admin.site.index_title = "Publishing"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("admin/", admin.site.urls),
]
