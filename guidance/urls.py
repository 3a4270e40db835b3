"""E-guidance pages. The asker's pages are under /sporsmal/ and carry the private token; the counsellors'
pages are under /e-veiledning/."""

from django.urls import path

from guidance.views import counsellor, public, statistics

app_name = "guidance"

urlpatterns = [
    # The public side: ask, the FAQ, and the asker's private conversation.
    path("sporsmal/", public.ask, name="ask"),
    path("sporsmal/ofte-stilte/", public.faq_list, name="faq"),
    path("sporsmal/<str:token>/kvittering/", public.receipt, name="receipt"),
    path("sporsmal/<str:token>/", public.conversation, name="conversation"),
    path("sporsmal/<str:token>/oppfolging/", public.follow_up, name="follow_up"),
    path("sporsmal/<str:token>/vurdering/", public.rate, name="rate"),
    path("sporsmal/<str:token>/slett/", public.delete, name="delete"),
    # The counsellors' side.
    path("e-veiledning/", counsellor.queue, name="queue"),
    path("e-veiledning/frister/", counsellor.due_soon, name="due_soon"),
    path("e-veiledning/statistikk/", statistics.statistics, name="statistics"),
    path("e-veiledning/<int:pk>/", counsellor.question, name="question"),
    path("e-veiledning/<int:pk>/ta/", counsellor.claim, name="claim"),
    path("e-veiledning/<int:pk>/frigi/", counsellor.release, name="release"),
    path("e-veiledning/<int:pk>/flytt/", counsellor.reassign, name="reassign"),
    path("e-veiledning/<int:pk>/svar/", counsellor.answer, name="answer"),
    path("e-veiledning/<int:pk>/notat/", counsellor.note, name="note"),
    path("e-veiledning/<int:pk>/faq/", counsellor.faq_new, name="faq_new"),
]
