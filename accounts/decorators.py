"""The access-policy decorators that need no person: a view for some roles only, a list that
filters by scope, shared content, a public page. Each marks the view with ``access_policy`` so
``tests/access/test_permission_matrix.py`` finds a view without one; the decorators about one
person or task are in ``access.policy`` (which re-exports these).
"""

from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied

from . import roles

__all__ = ["content_view", "declare", "public_view", "role_view", "scoped_view"]


def declare(view, policy: str):
    """Mark ``view`` with its access policy (read by the permission matrix test)."""
    view.access_policy = policy
    return view


def role_view(*allowed_roles):
    """The view is for these roles only (management figures, review pages)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not any(roles.has_role(request.user, role) for role in allowed_roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.access_roles = allowed_roles
        return declare(wrapper, "role")

    return decorator


def scoped_view(view):
    """The view lists only what ``persons_visible_to`` allows (searches, inboxes, start page)."""
    return declare(view, "scoped")


def content_view(view):
    """Shared content without personal data (knowledge base); the view checks the user's model
    permissions itself."""
    return declare(view, "content")


def public_view(view):
    """No login, no personal data (health check, login page)."""
    return declare(login_not_required(view), "public")
