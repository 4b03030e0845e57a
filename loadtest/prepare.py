"""Prepare a load-test database: staff accounts for the virtual users and a fixture file.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kc_load LOAD_PASSWORD=... \
        .venv/bin/python loadtest/prepare.py --users-per-team 5 --out loadtest/results/fixture.json

Creates (or resets the password of) ``load.<team>.<n>`` employees: the Woonservice employee
role and membership of one district team, so no second factor is needed (accounts/otp.py asks
it only of the AVG officer, the functional administrator and superusers). Then writes, per
account, what that employee may see (``access.policy.persons_visible_to``): person ids, their
phone numbers and surnames, so the virtual users only ask for what a real colleague of that
team would ask for. The fixture holds names and numbers of the (fictitious) test data: it is
written under loadtest/results/, which is git-ignored.

Refuses a database whose name does not contain "load" or "drill" unless --force is given.
"""

import argparse
import json
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klantcontact.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402

PER_ACCOUNT = 150


def guard(force: bool) -> None:
    name = str(connection.settings_dict["NAME"])
    if not force and "load" not in name and "drill" not in name:
        sys.exit(f"Refusing to write load-test users into database {name!r} (use --force).")


@transaction.atomic
def make_users(per_team: int, password: str) -> list:
    # The project's modules load only after django.setup(), which this script runs first.
    from accounts import roles
    from accounts.models import Team, User
    from accounts.services import add_team_member, assign_role

    users = []
    for team in Team.objects.filter(is_active=True).order_by("code"):
        for n in range(1, per_team + 1):
            user, _created = User.objects.get_or_create(
                username=f"load.{team.code}.{n}",
                defaults={"first_name": "Load", "last_name": f"{team.code} {n}"},
            )
            user.set_password(password)
            user.is_active = True
            user.save()
            assign_role(user, roles.EMPLOYEE)
            add_team_member(team, user)
            users.append(user)
    return users


def restricted_persons() -> set:
    """Persons under a processing restriction (art. 18 AVG): registering a contact is refused
    for them, rightly, so a colleague would not try; the load test leaves them out."""
    try:
        # The project's modules load only after django.setup(), which this script runs first.
        from rights.models import ProcessingRestriction
    except ImportError:
        return set()
    return set(
        ProcessingRestriction.objects.filter(ended_at__isnull=True).values_list(
            "person_id", flat=True
        )
    )


def fixture_for(user, rng: random.Random) -> dict:
    # The project's modules load only after django.setup(), which this script runs first.
    from access.policy import persons_visible_to
    from contacts.models import PhoneNumber

    restricted = restricted_persons()
    ids = [
        (pk, surname)
        for pk, surname in persons_visible_to(user).order_by("pk").values_list("pk", "surname")
        if pk not in restricted
    ]
    rng.shuffle(ids)
    ids = ids[:PER_ACCOUNT]
    person_ids = [pk for pk, _surname in ids]
    phones = list(
        PhoneNumber.objects.filter(person_id__in=person_ids).values_list("number", flat=True)
    )
    return {
        "persons": person_ids,
        "phones": sorted(set(phones)),
        "surnames": sorted({surname for _pk, surname in ids if surname}),
    }


def check_contact_form_can_be_filled() -> None:
    """The virtual users register contacts through the real form, which offers only subjects
    bound to an approved processing activity (purpose binding). Without any, every post would
    fail validation: say so now instead of after ten minutes of load."""
    # The project's modules load only after django.setup(), which this script runs first.
    from contacts.models import ContactSubject
    from processingregister.services import selectable

    if not selectable(ContactSubject.objects.all()).exists():
        sys.exit(
            "No contact subject can be chosen in the contact form: none is bound to an approved "
            "processing activity. Seed the processing register first (seed_demo, or a database "
            "made by bench/generate.py)."
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users-per-team", type=int, default=5)
    parser.add_argument("--out", default="loadtest/results/fixture.json")
    parser.add_argument("--force", action="store_true")
    args = parser.parse_args()
    guard(args.force)
    check_contact_form_can_be_filled()
    password = os.environ.get("LOAD_PASSWORD", "")
    if len(password) < 12:
        sys.exit("Set LOAD_PASSWORD (12+ characters) for the load-test accounts.")
    rng = random.Random(20261123)  # noqa: S311 - test data, not security
    accounts = []
    for user in make_users(args.users_per_team, password):
        data = fixture_for(user, rng)
        if data["persons"]:
            accounts.append({"username": user.username, **data})
    if not accounts:
        sys.exit("No load-test account sees any person: seed data first.")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"accounts": accounts}, indent=1))
    persons = sum(len(a["persons"]) for a in accounts)
    print(f"{len(accounts)} load-test accounts, {persons} visible persons sampled -> {out}")


if __name__ == "__main__":
    main()
