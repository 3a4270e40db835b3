"""The forum's API (``/api/v1/forum/``): serializers, filters and viewsets, split by topic; routes in ``urls``."""
