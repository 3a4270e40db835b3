"""Partnership agreement pages under /partnerskap/."""

from django.urls import include, path

from partnerships.views import agreements

app_name = "partnerships"

urlpatterns = [
    path("", agreements.agreement_list, name="list"),
    path("ny/", agreements.agreement_create, name="create"),
    path("", include("partnerships.urls_overview")),
    path("retningslinjer/", agreements.clause_list, name="clauses"),
    path("retningslinjer/ny/", agreements.clause_edit, name="clause_create"),
    path("retningslinjer/<int:pk>/", agreements.clause_edit, name="clause_edit"),
    path("<int:pk>/", agreements.agreement_detail, name="detail"),
    path("<int:pk>/endre/", agreements.agreement_edit, name="edit"),
    path("<int:pk>/dokument/", agreements.agreement_document, name="document"),
    path("<int:pk>/slett/", agreements.agreement_delete, name="delete"),
    path("<int:pk>/gjennomgang/", agreements.agreement_review, name="review"),
    path("<int:pk>/retningslinjer/<int:clause_pk>/", agreements.agreement_clause, name="clause"),
    path("<int:pk>/forpliktelser/<int:obligation_pk>/oppfylt/", agreements.obligation_met, name="obligation_met"),
]
