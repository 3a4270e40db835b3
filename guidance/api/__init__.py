"""The e-guidance API (``/api/v1/guidance/``): serializers and viewsets; routes in ``urls``."""
