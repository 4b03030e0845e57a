"""Throttling per client: at most ``ApiClient.rate_per_minute`` calls in a sliding minute,
counted in the default cache (per process with the local-memory cache; share a Redis or
database cache between workers to count across them)."""

from rest_framework.throttling import SimpleRateThrottle

from .permissions import client_of


class ClientRateThrottle(SimpleRateThrottle):
    scope = "api_client"
    rate = None

    def get_rate(self):
        return None

    def allow_request(self, request, view):
        client = client_of(request)
        if client is None or not client.rate_per_minute:
            return True
        self.num_requests, self.duration = client.rate_per_minute, 60
        self.key = f"api-throttle:{client.pk}"
        self.history = self.cache.get(self.key, [])
        self.now = self.timer()
        while self.history and self.history[-1] <= self.now - self.duration:
            self.history.pop()
        if len(self.history) >= self.num_requests:
            return self.throttle_failure()
        return self.throttle_success()
