"""The register's API (``/api/v1/``): serializers, viewsets and filters split by topic; routes in ``urls``."""
