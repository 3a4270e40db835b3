from events.urls.calendar import urlpatterns as calendar_urls
from events.urls.organiser import urlpatterns as organiser_urls
from events.urls.public import urlpatterns as public_urls

app_name = "events"

urlpatterns = calendar_urls + public_urls + organiser_urls
