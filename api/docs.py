"""The OpenAPI schema and its documentation page (Swagger UI), both public: they describe the
interface and hold no personal data. Swagger UI's assets come from drf-spectacular-sidecar
(served as this site's own static files, no CDN) and its start script is a separate file
(``?script``), so the page works under the Content-Security-Policy without inline scripts
or styles."""

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from access.policy import public_view


class DocsView(SpectacularSwaggerSplitView):
    url_name = "api:schema"
    template_name = "api/swagger_ui.html"
    title = "Klantcontact API"


schema_view = public_view(SpectacularAPIView.as_view())
docs_view = public_view(DocsView.as_view())
