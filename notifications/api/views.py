"""The signed-in user's notices of every kind (``/api/v1/notifications/``), as on the notices page."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from notifications import services
from notifications.api.serializers import MarkedSerializer, NoticeSerializer
from notifications.models import Notice
from notifications.permissions import access_notice
from notifications.selectors import notices_for


def documented(*, tags, deprecated=False):
    return extend_schema_view(
        list=extend_schema(summary="My notices, newest first", tags=tags, deprecated=deprecated),
        read=extend_schema(
            summary="Mark one of my notices read",
            tags=tags,
            deprecated=deprecated,
            request=None,
            responses=NoticeSerializer,
        ),
        read_all=extend_schema(
            summary="Mark all my notices read",
            tags=tags,
            deprecated=deprecated,
            request=None,
            responses=MarkedSerializer,
        ),
    )


@documented(tags=["notifications"])
class NotificationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Every signed-in person has notices (a registration, a decision), as on /notifications/."""

    queryset = Notice.objects.none()  # the schema's model; requests use get_queryset()
    serializer_class = NoticeSerializer
    permission_classes = [IsAuthenticated]
    filter_backends = []
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        return notices_for(user=self.request.user)

    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        # Another person's notice is a 404, as on the pages.
        notice = access_notice(request.user, pk)
        services.notice_mark_read(notice=notice)
        return Response(NoticeSerializer(notice).data)

    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        marked = services.notices_mark_all_read(user=request.user)
        return Response(MarkedSerializer({"marked": marked}).data)
