from django.urls import path

from forum.views import moderation

urlpatterns = [
    path("innlegg/<int:pk>/flagg/", moderation.flag, name="flag"),
    path("innlegg/<int:pk>/moderer/", moderation.post_moderate, name="post_moderate"),
    path("innlegg/<int:pk>/historikk/<int:revision_pk>/fjern/", moderation.revision_redact, name="revision_redact"),
    path("t/<int:pk>/moderer/", moderation.thread_moderate, name="thread_moderate"),
    path("moderering/", moderation.queue, name="moderation"),
    path("moderering/logg/", moderation.log, name="moderation_log"),
    path("grupper/", moderation.groups, name="groups"),
    path("k/<slug:slug>/medlemmer/", moderation.group_members, name="group_members"),
]
