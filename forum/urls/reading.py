from django.urls import path, register_converter

from accounts.handles import HandleConverter
from forum.views import people, reading

register_converter(HandleConverter, "handle")

urlpatterns = [
    path("", reading.index, name="index"),
    path("sok/", reading.search, name="search"),
    path("personer/", people.handle_suggestions, name="handle_suggestions"),
    path("personer/<handle:handle>/", people.person, name="person"),
    path("k/<slug:slug>/", reading.category, name="category"),
    path("k/<slug:slug>/ny/", reading.thread_create, name="thread_create"),
    path("k/<slug:slug>/folg/", reading.category_watch, name="category_watch"),
    path("t/<int:pk>/", reading.thread, name="thread"),
    path("t/<int:pk>/svar/", reading.reply, name="reply"),
    path("t/<int:pk>/folg/", reading.thread_watch, name="thread_watch"),
    path("t/<int:pk>/svar/<int:post_pk>/godta/", reading.accept, name="accept"),
    path("innlegg/<int:pk>/endre/", reading.post_edit, name="post_edit"),
    path("innlegg/<int:pk>/historikk/", reading.post_history, name="post_history"),
    path("innlegg/<int:pk>/slett/", reading.post_delete, name="post_delete"),
]
