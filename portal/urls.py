from django.urls import path

from portal import views

app_name = "portal"

urlpatterns = [
    path("sok/", views.search, name="search"),
]
