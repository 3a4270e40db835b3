"""The events API (``/api/v1/events/``, ``/api/v1/my-registrations/``): serializers, viewsets; routes in ``urls``."""
