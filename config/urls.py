from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.coreutils import WAGTAIL_APPEND_SLASH
from wagtail.documents import urls as wagtaildocs_urls

from accounts.views import cms_login, language_set
from core.metrics import metrics
from core.views import api_not_found, healthz, page_not_found, public_media, readyz, server_error
from portal import views as portal_views

# Wagtail's own pattern for page paths: path segments, each ending in a slash (or not, if so configured).
WAGTAIL_SERVE_PATTERN = r"^((?:[\w\-]+/)*)$" if WAGTAIL_APPEND_SLASH else r"^([\w\-/]*)$"

# The Django admin and Wagtail logins go through allauth: the same rate limits and MFA.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "KarriereNorge"
admin.site.site_title = "KarriereNorge"

handler404 = page_not_found
handler500 = server_error

urlpatterns = [
    path("healthz/", healthz, name="healthz"),
    path("readyz/", readyz, name="readyz"),
    path("metrics", metrics, name="metrics"),
    path("i18n/setlang/", language_set, name="set_language"),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("cms/login/", cms_login),
    path("cms/password_reset/", RedirectView.as_view(pattern_name="account_reset_password")),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Public uploads on local disk; with S3_BUCKET set their addresses are in the bucket instead.
    re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.+)$", public_media, name="public_media"),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/v1/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/v1/", include("config.api_urls")),
    # Nothing under /api/ falls through to the pages below: what no API route matches is the API's JSON 404.
    # Only addresses ending in a slash, so that APPEND_SLASH still redirects /api/v1/credits to /api/v1/credits/.
    re_path(r"^api/.*/$", api_not_found),
    path("notifications/", include("notifications.urls")),
    path("forum/", include("forum.urls")),
    path("arrangementer/", include("events.urls")),
    path("partnerskap/", include("partnerships.urls")),
    path("", include("guidance.urls")),
    # The accessibility and privacy statements are portal pages editors keep up to date; named for the footer.
    path("tilgjengelighet/", wagtail_views.serve, {"path": "tilgjengelighet/"}, name="accessibility"),
    path("personvern/", wagtail_views.serve, {"path": "personvern/"}, name="privacy"),
    path("robots.txt", portal_views.robots_txt, name="robots_txt"),
    # The site's own sitemap template: django.contrib.sitemaps (which ships one) is not an installed app.
    path("sitemap.xml", sitemap, {"template_name": "portal/sitemap.xml"}, name="sitemap"),
    path("", include("portal.urls")),
    # The portal's home page (the Wagtail site's root), named so every template can link to it.
    path("", wagtail_views.serve, {"path": ""}, name="home"),
    path("", include("register.urls")),
    # Wagtail's page privacy options: a page for logged-in users sends people to allauth's login
    # (its rate limits and MFA), a password-protected page posts its password here.
    path(
        "_util/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="wagtailcore_login",
    ),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        wagtail_views.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    # Wagtail serves every other path from the portal's page tree, so this comes last. Not
    # include(wagtail.urls): that would add Wagtail's own front-end login form, outside allauth.
    re_path(WAGTAIL_SERVE_PATTERN, wagtail_views.serve, name="wagtail_serve"),
]
