import datetime
import re
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db.models import Count, Q

from accounts import roles, services
from accounts.models import Team, User
from audit.models import LogEntry
from contacts import demo_plan
from contacts.models import EmailAddress, Person, PhoneNumber, Tenancy, Unit
from referencedata.models import CodeList, ReferenceCode
from tests.factories import TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

MODELS = (Team, User, Group, ReferenceCode, Unit, Person, Tenancy, PhoneNumber, EmailAddress)


@pytest.fixture
def dev_settings(settings):
    settings.DEBUG = True
    # Same code path as production hashing, without a million PBKDF2 rounds per demo user.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return settings


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded(dev_settings):
    return seed()


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def content() -> dict[str, list]:
    """Every row the demo touches, by natural key and values (no primary keys)."""
    return {
        "teams": sorted(
            Team.objects.values_list(
                "code",
                "name",
                "description",
                "is_active",
                "member_group__name",
                "leader_group__name",
            )
        ),
        "users": sorted(
            (
                user.username,
                user.first_name,
                user.last_name,
                user.email,
                user.is_active,
                user.is_staff,
                user.is_superuser,
                tuple(sorted(user.groups.values_list("name", flat=True))),
            )
            for user in User.objects.all()
        ),
        "units": sorted(
            Unit.objects.values_list(
                "unit_number",
                "street",
                "house_number",
                "house_number_addition",
                "postcode",
                "town",
                "team__code",
            )
        ),
        "persons": sorted(
            Person.objects.values_list(
                "relation_number",
                "initials",
                "given_name",
                "surname_prefix",
                "surname",
                "date_of_birth",
            )
        ),
        "tenancies": sorted(
            Tenancy.objects.values_list(
                "contract_number",
                "person__relation_number",
                "unit__unit_number",
                "role__code",
                "start_date",
                "end_date",
            )
        ),
        "phones": sorted(
            PhoneNumber.objects.values_list(
                "person__relation_number", "number", "kind", "is_preferred"
            )
        ),
        "emails": sorted(
            EmailAddress.objects.values_list(
                "person__relation_number", "address", "kind", "is_preferred"
            )
        ),
    }


def identity() -> dict[str, list]:
    """Primary keys, timestamps and password hashes: unchanged if nothing was rewritten."""
    rows = {
        model.__name__: sorted(model.objects.values_list("pk", "updated_at"))
        for model in (Unit, Person, Tenancy, PhoneNumber, EmailAddress)
    }
    rows["users"] = sorted(User.objects.values_list("pk", "password"))
    rows["teams"] = sorted(Team.objects.values_list("pk", "member_group_id", "leader_group_id"))
    rows["memberships"] = sorted(User.groups.through.objects.values_list("pk", flat=True))
    rows["log entries"] = sorted(LogEntry.objects.values_list("pk", flat=True))
    return rows


def test_second_run_gives_identical_data(dev_settings):
    first_output = seed()
    first_counts, first_content, first_identity = counts(), content(), identity()
    assert first_counts["Unit"] > 0 and first_counts["Tenancy"] > 0

    second_output = seed()

    assert counts() == first_counts
    assert content() == first_content
    assert identity() == first_identity
    assert "this run: 0 rows created, 0 updated" in second_output
    assert "0 rows created" not in first_output


def test_summary_reports_the_counts(seeded):
    assert f"{Unit.objects.count()} units" in seeded
    assert f"{Person.objects.count()} persons" in seeded
    assert f"{Tenancy.objects.count()} tenancies" in seeded
    assert f"{PhoneNumber.objects.count()} phone numbers" in seeded
    assert f"{EmailAddress.objects.count()} e-mail addresses" in seeded


def test_rerun_restores_edited_demo_data(seeded):
    expected = content()
    unit = Unit.objects.get(unit_number="VHE-10001")
    unit.street = "Ergens Anders"
    unit.save()
    person = Person.objects.filter(phone_numbers__is_preferred=True).order_by("pk").first()
    Person.objects.filter(pk=person.pk).update(surname="Gewijzigd", date_of_birth=None)
    person.phone_numbers.filter(is_preferred=True).update(is_preferred=False)
    extra = PhoneNumber.objects.create(person=person, number="+31201234567", is_preferred=True)
    EmailAddress.objects.filter(pk=EmailAddress.objects.order_by("pk").first().pk).delete()
    tenancy = Tenancy.objects.filter(end_date__isnull=True).order_by("pk").first()
    tenancy.end_date = tenancy.start_date
    tenancy.save()

    output = seed()

    assert "1 rows created" in output
    extra.refresh_from_db()
    assert not extra.is_preferred  # rows outside the demo are kept, the demo's preference wins
    extra.delete()
    assert content() == expected


def test_existing_demo_user_gets_exactly_its_roles_and_password_back(dev_settings):
    west = TeamFactory(code="west", name="West (oud)")
    old = UserFactory(
        username="medewerker", password="een-ander-wachtwoord", roles=[roles.PRIVACY_OFFICER]
    )
    services.add_team_member(west, old, leader=True)
    assert old.is_staff

    seed()

    user = User.objects.get(username="medewerker")
    assert user.pk == old.pk
    assert roles.user_roles(user) == {roles.EMPLOYEE}
    assert [team.code for team in services.teams_of(user)] == ["noord"]
    assert not services.teams_led_by(user).exists()
    assert not user.is_staff
    assert authenticate(username="medewerker", password=dev_settings.DEMO_PASSWORD) == user
    assert authenticate(username="medewerker", password="een-ander-wachtwoord") is None
    west.refresh_from_db()
    assert Team.objects.get(code="west").pk == west.pk and west.name == "Team West"


def test_refused_without_debug_and_creates_nothing(settings):
    settings.DEBUG = False
    before = counts()

    with pytest.raises(CommandError, match="only runs with DEBUG on"):
        call_command("seed_demo", stdout=StringIO())

    assert counts() == before
    assert not User.objects.exists()
    assert not Unit.objects.exists()
    assert not Team.objects.exists()


def test_loads_reference_data_when_missing(dev_settings):
    # The migration loads the lists; a database emptied by hand gets them back from seed_demo.
    from contacts.models import SignalType

    SignalType.objects.all().delete()
    ReferenceCode.objects.filter(parent__isnull=False).delete()
    ReferenceCode.objects.all().delete()

    seed()

    role_codes = ReferenceCode.objects.filter(code_list=CodeList.RELATION_ROLE)
    assert {"HUU", "MDH"} <= set(role_codes.values_list("code", flat=True))
    assert set(Tenancy.objects.values_list("role__code", flat=True)) == {"HUU", "MDH"}


EXPECTED_USERS = {
    # username: (roles, teams worked in, teams led, staff, superuser)
    "medewerker": ({roles.EMPLOYEE}, ["noord"], [], False, False),
    "medewerker.zuid": ({roles.EMPLOYEE}, ["zuid"], [], False, False),
    "teamleider": ({roles.TEAM_LEADER, roles.EMPLOYEE}, ["noord"], ["noord"], False, False),
    "beheerder": ({roles.FUNCTIONAL_ADMINISTRATOR}, [], [], True, False),
    "avg": ({roles.PRIVACY_OFFICER}, [], [], True, False),
    "it": (set(), [], [], True, True),
}


def test_demo_users_have_their_roles_teams_and_the_demo_password(seeded, settings):
    usernames = set(User.objects.values_list("username", flat=True))
    assert set(EXPECTED_USERS) <= usernames
    # Everyone else is a colleague from the demo contact history, who cannot log in.
    colleagues = User.objects.exclude(username__in=EXPECTED_USERS).exclude(
        username__startswith="api-"
    )
    assert colleagues.exists()
    # The API clients' service accounts cannot log in and hold no role.
    service_accounts = User.objects.filter(username__startswith="api-")
    assert service_accounts.count() == 3
    for account in service_accounts:
        assert not account.is_active and not account.has_usable_password(), account.username
        assert roles.user_roles(account) == set(), account.username
    for colleague in colleagues:
        assert not colleague.has_usable_password(), colleague.username
        assert roles.user_roles(colleague) == {roles.EMPLOYEE}
    for username, (role_names, teams, led, staff, superuser) in EXPECTED_USERS.items():
        user = authenticate(username=username, password=settings.DEMO_PASSWORD)
        assert user is not None, username
        assert authenticate(username=username, password="verkeerd-wachtwoord") is None
        assert roles.user_roles(user) == role_names, username
        assert [team.code for team in services.teams_of(user)] == teams, username
        assert [team.code for team in services.teams_led_by(user)] == led, username
        groups = set(user.groups.values_list("name", flat=True))
        team_groups = {f"team:{code}:leden" for code in teams} | {
            f"team:{code}:leiding" for code in led
        }
        assert groups == role_names | team_groups, username
        assert (user.is_staff, user.is_superuser) == (staff, superuser), username
        assert user.first_name and user.last_name, username


def test_the_data_looks_like_a_dutch_housing_corporation(seeded):
    today = datetime.date.today()
    units = list(Unit.objects.all())
    persons = list(Person.objects.all())
    assert len(units) >= 250
    assert len(persons) >= 250
    assert Team.objects.filter(code__in=["noord", "oost", "zuid", "west"]).count() == 4
    assert all(re.fullmatch(r"[1-9][0-9]{3}[A-Z]{2}", unit.postcode) for unit in units)
    assert all(re.fullmatch(r"VHE-[0-9]{5}", unit.unit_number) for unit in units)
    assert {unit.house_number_addition for unit in units} >= {"", "A", "2-hoog"}
    assert all(re.fullmatch(r"R[0-9]{7}", person.relation_number) for person in persons)
    assert {"van", "de", "van der", "van den"} <= {person.surname_prefix for person in persons}
    with_birth_date = [person for person in persons if person.date_of_birth]
    assert 0 < len(with_birth_date) < len(persons) / 2  # data minimisation: mostly unknown
    assert all(person.date_of_birth < today for person in with_birth_date)

    numbers = list(PhoneNumber.objects.values_list("number", flat=True))
    assert numbers and all(n.startswith("+31") and len(n) == 12 for n in numbers)
    assert any(n.startswith("+316") for n in numbers)
    assert any(not n.startswith("+316") for n in numbers)  # some landlines
    preferred = PhoneNumber.objects.values("person").annotate(
        n=Count("pk", filter=Q(is_preferred=True))
    )
    assert preferred and all(row["n"] == 1 for row in preferred)

    addresses = list(EmailAddress.objects.values_list("address", flat=True))
    assert all(a.rsplit("@", 1)[1] in demo_plan.EMAIL_DOMAINS for a in addresses)
    with_email = Person.objects.filter(email_addresses__isnull=False).distinct().count()
    assert 0.6 <= with_email / len(persons) <= 0.8


def test_tenancies_are_consistent(seeded):
    today = datetime.date.today()
    tenancies = list(Tenancy.objects.select_related("role", "person"))
    contracts = {t.contract_number for t in tenancies}
    assert all(re.fullmatch(r"HC-[0-9]{6}", number) for number in contracts)
    main = [t for t in tenancies if t.role.code == "HUU"]
    co = [t for t in tenancies if t.role.code == "MDH"]
    assert sorted(t.contract_number for t in main) == sorted(contracts)  # one tenant each
    assert 0.15 <= len({t.contract_number for t in co}) / len(contracts) <= 0.35
    ended = [t for t in main if t.end_date is not None]
    assert all(t.end_date < today for t in ended)
    assert 0.05 <= len(ended) / len(contracts) <= 0.2

    assert not [t for t in tenancies if t.end_date and t.end_date < t.start_date]
    oldest = today - datetime.timedelta(days=31 * 365)
    assert all(oldest <= t.start_date <= today for t in tenancies)
    tenant_of = {t.contract_number: t for t in main}
    for t in co:  # a co-tenant belongs to the contract's unit and period
        contract = tenant_of[t.contract_number]
        assert t.unit_id == contract.unit_id
        assert contract.start_date <= t.start_date
        assert contract.end_date is None or (t.end_date and t.end_date <= contract.end_date)
    for t in tenancies:  # adults when the tenancy starts
        if t.person.date_of_birth:
            assert (t.start_date - t.person.date_of_birth).days >= 18 * 365

    current = [t for t in main if t.is_current(today)]
    units_with_current = [t.unit_id for t in current]
    assert len(units_with_current) == len(set(units_with_current))  # at most one tenant each
    assert len(set(units_with_current)) >= 0.95 * Unit.objects.count()
    re_let = 0
    for old in ended:  # the unit was let again, after the old contract ended
        successor = next((t for t in current if t.unit_id == old.unit_id), None)
        if successor is not None:
            assert successor.start_date > old.end_date
            re_let += 1
    assert re_let > 0


def test_the_demo_holds_covenants_disclosures_and_a_monthly_arrears_run(seeded):
    from disclosures.demo import CASE_CONFERENCE, COVENANT_REFERENCE
    from disclosures.models import Disclosure, DisclosureRun

    run = DisclosureRun.objects.get(agreement__reference=COVENANT_REFERENCE)
    assert run.status == DisclosureRun.Status.DONE and run.disclosed >= 1
    logged = Disclosure.objects.get(run=run)
    assert logged.persons.count() == run.disclosed
    assert Disclosure.objects.filter(channel="case_conference", meeting=CASE_CONFERENCE).exists()
    assert Disclosure.objects.filter(basis="legal_obligation").exclude(basis_reference="").exists()
