"""Forum pages about people: a professional's profile card (where an @mention leads) and the handle suggestions
the editor offers after ``@``."""

from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from forum import selectors
from forum.views.reading import professional_required


@professional_required
def person(request, handle):
    """Who someone is, for another professional: name, handle, roles and workplace. Nothing else of theirs."""
    someone = selectors.person_by_handle(handle)
    if someone is None:
        raise Http404
    line = selectors.people_lines([someone])[someone.pk]
    return render(request, "forum/person.html", {"person": someone, "line": line})


@professional_required
@require_GET
def handle_suggestions(request):
    """``?q=kar``: up to eight professionals for the editor's @ list, as JSON."""
    people = selectors.handle_suggestions(request.GET.get("q", "")[:30])
    lines = selectors.people_lines(people)
    return JsonResponse(
        {
            "results": [
                {
                    "handle": someone.handle,
                    "name": someone.full_name,
                    "line": lines[someone.pk],
                    "url": reverse("forum:person", kwargs={"handle": someone.handle}),
                }
                for someone in people
            ]
        }
    )
