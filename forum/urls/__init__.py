from forum.urls.moderation import urlpatterns as moderation_urls
from forum.urls.reading import urlpatterns as reading_urls

app_name = "forum"

urlpatterns = reading_urls + moderation_urls
