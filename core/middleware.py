import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

# When a signed-in session was last renewed (seconds since the epoch), kept in the session itself.
RENEWED_KEY = "_renewed_at"


class PrivateResponsesMiddleware:
    """Every answer to a signed-in person is ``Cache-Control: private, no-store``.

    What a signed-in person is sent may hold personal data (theirs or, for staff, others'), so no
    shared cache and no browser history keeps it. The rule is by request, not by view, so a new
    page cannot forget it. The API's token users count as signed in: DRF sets ``request.user``.
    Anonymous answers that carry personal data (the e-guidance token pages) set it themselves.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response


class SessionRenewalMiddleware:
    """Pushes a signed-in session's end forward at most once per ``SESSION_RENEW_INTERVAL`` seconds.

    ``SESSION_COOKIE_AGE`` is an idle timeout: each renewal saves the session with a new end and sends its
    cookie again. Renewing on every request (``SESSION_SAVE_EVERY_REQUEST``) cost every page a write and a
    commit (three queries); renewing once a minute keeps the timeout to within a minute of what it says.
    Placed after ``SessionMiddleware``, so the session it marks as changed is saved on the way out; a
    session without a signed-in user (a visitor's, one just logged out) is left alone.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and SESSION_KEY in session:
            now = int(time.time())
            if now - session.get(RENEWED_KEY, 0) >= settings.SESSION_RENEW_INTERVAL:
                session[RENEWED_KEY] = now
        return response
