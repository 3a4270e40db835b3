from django.urls import path

from events.views import organiser

urlpatterns = [
    path("staff/", organiser.manage_list, name="manage_list"),
    path("staff/ny/", organiser.event_create, name="create"),
    path("staff/<int:pk>/", organiser.manage_detail, name="manage_detail"),
    path("staff/<int:pk>/endre/", organiser.event_edit, name="edit"),
    path("staff/<int:pk>/publiser/", organiser.event_publish, name="publish"),
    path("staff/<int:pk>/avlys/", organiser.event_cancel, name="cancel"),
    path("staff/<int:pk>/kopier/", organiser.event_duplicate, name="duplicate"),
    path("staff/<int:pk>/deltakere.csv", organiser.participants_csv, name="participants_csv"),
    path("staff/<int:pk>/oppmote/", organiser.attendance, name="attendance"),
    path("staff/<int:pk>/melding/", organiser.message, name="message"),
    path("staff/<int:pk>/flytt-opp/<int:registration_pk>/", organiser.promote, name="promote"),
]
