from django.urls import path

from register import views

urlpatterns = [
    path("", views.home, name="home"),
    path("sentre/", views.centre_list, name="centre_list"),
    path("sentre/<slug:slug>/", views.centre_detail, name="centre_detail"),
    path("min-side/", views.dashboard, name="dashboard"),
    path("profil/", views.profile_edit, name="profile"),
    path("staff/", views.staff_home, name="staff_home"),
    path("staff/sentre/<slug:slug>/", views.centre_staff, name="centre_staff"),
    path("staff/sentre/<slug:slug>/roller/<int:pk>/fjern/", views.membership_revoke, name="membership_revoke"),
]
