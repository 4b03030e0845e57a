"""A permission matrix over every URL pattern: each view declares its access policy, and each
role meets an in-scope, an out-of-scope and an involved object with the expected outcome.

A view added without a policy (access.policy decorators) makes this test fail.
"""

import datetime

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from access import policy
from access.models import BreakGlassGrant
from accounts import roles
from contacts import services
from referencedata.models import CodeList, ReferenceCode
from tests.factories import (
    PersonFactory,
    TenancyFactory,
    UnitFactory,
    contact_catalogue,
)
from tests.support.contacts import contact_input, task_input

# Views outside the policy decorators by nature.
PUBLIC_NAMES = {"login", "logout", "healthz"}
# "api": API views (api.permissions.token_view) authenticate by bearer token, not by session,
# and are governed by the client's scopes; their own matrix is tests/api/test_api_scopes.py.
POLICIES = {"person", "task", "role", "scoped", "content", "public", "api"}


def walk(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            if ns.startswith("admin:"):
                continue  # the admin checks its own model permissions (see test_admin_access)
            yield from walk(entry.url_patterns, ns)
        elif isinstance(entry, URLPattern):
            yield (f"{namespace}{entry.name}" if entry.name else str(entry.pattern)), entry


ROUTES = [
    (name, pattern)
    for name, pattern in walk(get_resolver().url_patterns)
    if name not in PUBLIC_NAMES
]


def policy_of(pattern):
    return getattr(pattern.callback, "access_policy", None)


@pytest.mark.parametrize(("name", "pattern"), ROUTES, ids=[name for name, _ in ROUTES])
def test_every_view_declares_its_access_policy(name, pattern):
    assert policy_of(pattern) in POLICIES, (
        f"{name}: decorate the view with an access.policy decorator"
    )


ROLE_USERS = {
    "employee": [roles.EMPLOYEE],
    "team_leader": [roles.EMPLOYEE, roles.TEAM_LEADER],
    "privacy_officer": [roles.PRIVACY_OFFICER],
    "functional_administrator": [roles.FUNCTIONAL_ADMINISTRATOR],
}


@pytest.fixture
def matrix(reference_codes, team_noord, team_zuid, make_user):
    contact_catalogue()
    huu = ReferenceCode.objects.get(code_list=CodeList.RELATION_ROLE, code="HUU")
    users = {}
    for key, user_roles in ROLE_USERS.items():
        in_team = key in ("employee", "team_leader")
        users[key] = make_user(
            key,
            roles=user_roles,
            teams=[team_noord] if in_team else [],
            leads=[team_noord] if key == "team_leader" else [],
        )
    in_scope = TenancyFactory(
        unit=UnitFactory(team=team_noord), person=PersonFactory(), role=huu
    ).person
    out_of_scope = TenancyFactory(
        unit=UnitFactory(team=team_zuid), person=PersonFactory(), role=huu
    ).person
    involved = TenancyFactory(
        unit=UnitFactory(team=team_zuid), person=PersonFactory(), role=huu
    ).person
    zuid_colleague = make_user("zuid", roles=[roles.EMPLOYEE], teams=[team_zuid])

    def contact(user, person, team, assignee_team):
        return services.register_contact(
            user,
            contact_input(
                {"tenant": person, "team": team},
                summary="Vraag beantwoord.",
                outcome="task",
                task=task_input(
                    requested_action="Terugbellen.",
                    due_date=timezone.localdate() + datetime.timedelta(days=2),
                    assigned_team=assignee_team,
                ),
            ),
        )

    for user in users.values():
        # Involvement for everyone: a contact they handled for the "involved" person.
        team = team_noord if user.groups.filter(name="team:noord:leden").exists() else team_zuid
        if team == team_zuid:
            from accounts.services import add_team_member

            add_team_member(team_zuid, user)
            contact(user, involved, team_zuid, team_zuid)
            from accounts.services import remove_team_member

            remove_team_member(team_zuid, user)
        else:
            contact(user, involved, team, team)
    in_task = contact(users["employee"], in_scope, team_noord, team_noord).tasks.get()
    out_task = contact(zuid_colleague, out_of_scope, team_zuid, team_zuid).tasks.get()
    signals = {
        key: services.register_signal(
            # Each by an employee whose scope holds the person (writing needs a grant too).
            users["employee"] if key == "in" else zuid_colleague,
            person,
            signal_type=default_signal_type(),
            description="Drie meldingen van geluidsoverlast.",
        )
        for key, person in (("in", in_scope), ("out", out_of_scope), ("involved", involved))
    }
    for signal in signals.values():
        signal.handlers.add(*users.values())
    return {
        "users": users,
        "persons": {"in": in_scope, "out": out_of_scope, "involved": involved},
        "tasks": {"in": in_task, "out": out_task},
        "signals": signals,
        "employee": users["employee"],
    }


def default_signal_type():
    from contacts.models import SignalType

    return SignalType.objects.get(code="geluidsoverlast")


def request(client, pattern, name, kwargs):
    url = reverse(name, kwargs=kwargs)
    response = client.get(url)
    if response.status_code == 405:  # POST-only action
        response = client.post(url, {})
    assert_not_stored(response, name)
    return response


def assert_not_stored(response, name):
    """Every page of the walk may hold personal data, whatever its answer (issue 18): a shared
    desk PC or a proxy must not keep it (klantcontact.middleware.SecurityHeadersMiddleware)."""
    cache_control = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    assert {"no-store", "private"} <= cache_control, f"{name}: {response.get('Cache-Control')}"
    assert "camera=()" in response.get("Permissions-Policy", ""), name


def is_break_glass_page(response):
    return response.status_code == 403 and b'data-page="break-the-glass"' in response.content


ROLE_ROUTES = [(n, p) for n, p in ROUTES if policy_of(p) == "role"]
PERSON_ROUTES = [(n, p) for n, p in ROUTES if policy_of(p) == "person"]
TASK_ROUTES = [(n, p) for n, p in ROUTES if policy_of(p) == "task"]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLE_USERS)
@pytest.mark.parametrize(("name", "pattern"), PERSON_ROUTES, ids=[n for n, _ in PERSON_ROUTES])
def test_person_views(client, matrix, role, name, pattern):
    user = matrix["users"][role]
    client.force_login(user)
    in_team = role in ("employee", "team_leader")
    for which, person in matrix["persons"].items():
        kwargs = {"pk": person.pk}
        if "signal_pk" in pattern.pattern.converters:
            kwargs["signal_pk"] = matrix["signals"][which].pk
        response = request(client, pattern, name, kwargs)
        visible = which == "involved" or (which == "in" and in_team)
        if not visible:
            assert is_break_glass_page(response), f"{role} {which} {name}: {response.status_code}"
            continue
        assert not is_break_glass_page(response), f"{role} {which} {name}"
        writes = getattr(pattern.callback, "access_writes", None)
        if writes and not set(ROLE_USERS[role]) & policy.WRITE_ROLES[writes]:
            # A form that writes: only for a role that writes it (test_write_views below).
            assert response.status_code == 403, f"{role} {which} {name}: {response.status_code}"
        elif name == "contacts:signal" and not user.has_perm(
            "contacts.view_signal_content_ordinary"
        ):
            assert response.status_code == 403
        else:
            assert response.status_code in (200, 302), (
                f"{role} {which} {name}: {response.status_code}"
            )


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLE_USERS)
@pytest.mark.parametrize(("name", "pattern"), TASK_ROUTES, ids=[n for n, _ in TASK_ROUTES])
def test_task_views(client, matrix, role, name, pattern):
    client.force_login(matrix["users"][role])
    in_team = role in ("employee", "team_leader")
    for which, task in matrix["tasks"].items():
        response = request(client, pattern, name, {"pk": task.pk})
        if which == "in" and in_team:
            # 400: an empty action form comes back with its errors
            assert response.status_code in (200, 302, 400), f"{role} {which} {name}"
        else:
            assert response.status_code == 403, f"{role} {which} {name}: {response.status_code}"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLE_USERS)
@pytest.mark.parametrize(("name", "pattern"), ROLE_ROUTES, ids=[n for n, _ in ROLE_ROUTES])
def test_role_views(client, matrix, role, name, pattern):
    user = matrix["users"][role]
    client.force_login(user)
    kwargs = {}
    converters = pattern.pattern.converters
    if "pk" in converters:
        # Person-, employee- or alert-shaped ids: use the in-scope person / the employee.
        kwargs["pk"] = (
            matrix["employee"].pk
            if "medewerker" in str(pattern.pattern) or "employee" in name
            else matrix["persons"]["in"].pk
        )
    for extra in set(converters) - {"pk"}:
        # Other object ids: the role gate answers before the object is looked up.
        kwargs[extra] = "1" if type(converters[extra]).__name__ == "IntConverter" else "x"
    allowed = set(ROLE_USERS[role]) & set(pattern.callback.access_roles)
    try:
        response = request(client, pattern, name, kwargs)
    except Exception as exc:  # noqa: BLE001
        pytest.fail(f"{role} {name}: {exc}")
    if allowed:
        # 410: a download link whose signed token is not valid (rights:download).
        assert response.status_code in (200, 302, 400, 404, 410), (
            f"{role} {name}: {response.status_code}"
        )
    else:
        assert response.status_code == 403, f"{role} {name}: {response.status_code}"


@pytest.mark.django_db
def test_admin_is_only_for_staff_roles(client, make_user):
    for user_roles, status in (([roles.EMPLOYEE], 302), ([roles.FUNCTIONAL_ADMINISTRATOR], 200)):
        client.force_login(make_user(f"u{len(user_roles)}{status}", roles=user_roles))
        assert client.get(reverse("admin:index")).status_code == status


# --- Writes -------------------------------------------------------------------------------------

WRITE_ROUTES = [(n, p) for n, p in PERSON_ROUTES if getattr(p.callback, "access_writes", None)]
# A form posted without its fields: bound, so it answers with its errors when let through.
INCOMPLETE = {"onvolledig": "1"}
# Writes without a person: a new person, an anonymous contact.
CREATE_ROUTES = {"contacts:person_create": "person", "contacts:register_anonymous": "contact"}


def test_the_write_views_are_found():
    assert {n for n, _ in WRITE_ROUTES} >= {
        "contacts:register",
        "contacts:mandate_register",
        "contacts:signal_register",
    }
    assert set(CREATE_ROUTES) <= {n for n, _ in ROUTES}


def writers(matrix, make_user, team_noord):
    """The matrix's role users and an account without a role in team Noord."""
    return {**matrix["users"], "no_role": make_user("geenrol", teams=[team_noord])}


def break_the_glass_for(user, person):
    """A grant as break-the-glass leaves it (written directly: the service refuses a role that
    may not break the glass, test_grant_rules.py; the write rule must hold on its own too)."""
    now = timezone.now()
    BreakGlassGrant.objects.create(
        employee=user,
        person=person,
        reason="other",
        explanation="Huurder aan de balie.",
        granted_at=now,
        expires_at=now + datetime.timedelta(hours=1),
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "pattern"), WRITE_ROUTES, ids=[n for n, _ in WRITE_ROUTES])
def test_write_views_per_role_and_grant(client, matrix, make_user, team_noord, name, pattern):
    """Issue 18: a POST that writes about a person is for a role that writes it
    (access.policy.WRITE_ROLES), under any grant: in scope (team or involvement) or by
    break-the-glass only. Break-the-glass opens the file for reading, nothing more."""
    what = pattern.callback.access_writes
    for key, user in writers(matrix, make_user, team_noord).items():
        in_team = key in ("employee", "team_leader", "no_role")
        in_scope = matrix["persons"]["in" if in_team else "involved"]
        out = matrix["persons"]["out"]
        break_the_glass_for(user, out)
        may = bool(set(ROLE_USERS.get(key, [])) & policy.WRITE_ROLES[what])
        client.force_login(user)
        for grant, person in (("scope", in_scope), ("break_the_glass", out)):
            response = client.post(reverse(name, kwargs={"pk": person.pk}), INCOMPLETE)
            assert not is_break_glass_page(response), f"{key} {grant} {name}"
            if may:
                # the empty form comes back with its errors: the write was let through
                assert response.status_code == 200, f"{key} {grant} {name}"
                assert response.context["form"].errors, f"{key} {grant} {name}"
            else:
                assert response.status_code == 403, f"{key} {grant} {name}"


@pytest.mark.django_db
@pytest.mark.parametrize("name", CREATE_ROUTES)
def test_create_views_per_role(client, matrix, make_user, team_noord, name):
    """Issue 18: creating a person (and an anonymous contact) needs a role that registers it;
    any logged-in account could before."""
    for key, user in writers(matrix, make_user, team_noord).items():
        may = bool(set(ROLE_USERS.get(key, [])) & policy.WRITE_ROLES[CREATE_ROUTES[name]])
        client.force_login(user)
        response = client.post(reverse(name), INCOMPLETE)
        if may:
            assert response.status_code == 200 and response.context["form"].errors, key
        else:
            assert response.status_code == 403, f"{key} {name}: {response.status_code}"
