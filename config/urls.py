from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView, TemplateView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from config.views import cms_login, healthz

# The Django admin and Wagtail logins go through allauth: the same rate limits and MFA.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "KarriereNorge"
admin.site.site_title = "KarriereNorge"

urlpatterns = [
    path("healthz/", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("cms/login/", cms_login),
    path("cms/password_reset/", RedirectView.as_view(pattern_name="account_reset_password")),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/v1/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/v1/", include("config.api_urls")),
    path("notifications/", include("notifications.urls")),
    path("forum/", include("forum.urls")),
    path("arrangementer/", include("events.urls")),
    path("tilgjengelighet/", TemplateView.as_view(template_name="pages/accessibility.html"), name="accessibility"),
    path("personvern/", TemplateView.as_view(template_name="pages/privacy.html"), name="privacy"),
    path("", include("register.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
