from rest_framework.routers import DefaultRouter

from register.api import CentreViewSet, CountyViewSet

router = DefaultRouter()
router.register("counties", CountyViewSet, basename="county")
router.register("centres", CentreViewSet, basename="centre")

urlpatterns = router.urls
