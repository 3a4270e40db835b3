from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control


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
