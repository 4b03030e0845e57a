"""Every other path under /api/v1/: 401 without a token, else a problem+json 404."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound
from rest_framework.views import APIView


class NotFoundView(APIView):
    """Every other path under /api/v1/: 401 without a token, else a problem+json 404."""

    schema = None  # not an endpoint

    def _not_found(self, request, *args, **kwargs):
        raise NotFound(_("No such API endpoint."))

    get = post = put = patch = delete = _not_found
