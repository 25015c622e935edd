from django.urls import path

from comments import views

app_name = "comments"

urlpatterns = [
    path("articles/<slug:slug>/comments/", views.post_comment, name="post"),
    path("comments/moderate/<str:token>/", views.moderate, name="moderate"),
    path("comments/replies/confirm/<str:token>/", views.reply_confirm, name="reply_confirm"),
    path("comments/replies/unsubscribe/<str:token>/", views.reply_unsubscribe, name="reply_unsubscribe"),
]
