from django.urls import path

from events.views import calendar

urlpatterns = [
    path("<int:pk>/kalender.ics", calendar.event_ics, name="event_ics"),
    path("kalender/fylke/<slug:slug>.ics", calendar.county_feed, name="county_feed"),
    path("kalender/sentre/<slug:slug>.ics", calendar.centre_feed, name="centre_feed"),
    path("kalender/min/<str:token>.ics", calendar.personal_feed, name="personal_feed"),
    path("kalender/", calendar.feeds, name="feeds"),
    path("kalender/ny-adresse/", calendar.feed_regenerate, name="feed_regenerate"),
]
