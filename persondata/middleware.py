"""Binds the signed-in user for the restriction guard (``persondata.restriction``) for the length
of one request, and unbinds it afterwards (also when the API bound its client's user)."""

from . import restriction


class ActorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with restriction.acting_as(getattr(request, "user", None)):
            return self.get_response(request)
