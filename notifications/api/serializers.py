from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from notifications.models import Notice


class NoticeSerializer(serializers.ModelSerializer):
    title = serializers.CharField(read_only=True, help_text=_("In the language of the request."))
    body = serializers.CharField(read_only=True, help_text=_("In the language of the request; may be empty."))
    is_read = serializers.SerializerMethodField()

    class Meta:
        model = Notice
        fields = ["id", "kind", "title", "body", "link", "created_at", "read_at", "is_read"]
        read_only_fields = fields

    def get_is_read(self, notice) -> bool:
        return notice.read_at is not None


class MarkedSerializer(serializers.Serializer):
    marked = serializers.IntegerField(read_only=True, help_text=_("How many notices were marked read."))
