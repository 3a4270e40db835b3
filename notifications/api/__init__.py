"""The notifications API: the signed-in user's notices (``/api/v1/notifications/``)."""
