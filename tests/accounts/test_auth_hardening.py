"""Authentication hardening: lock-out after failed logins, idle sessions, the second factor
(TOTP) for the privacy officer, the functional administrator and superusers, strong passwords,
and the security headers of a production-like response.

TOTP codes are computed here with the standard library (RFC 6238), independently of django-otp.
"""

import base64
import datetime
import json
import os
import re
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AdminPasswordChangeForm, PasswordChangeForm
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import lockout, otp, roles
from accounts.demo import DEMO_TOTP_SECRET
from audit.models import LogEntry
from tests.support.auth import KNOWN_SECRET, enrol, totp_code

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
STRONG_PASSWORD = "Zonnige-Gevel-Kozijn-2026"


# --- RFC 6238 with the standard library --------------------------------------------------------


def test_the_test_helper_follows_rfc_6238_and_agrees_with_django_otp():
    # RFC 6238 appendix B, SHA-1, 8 digits: T = 59 s and T = 1111111109 s.
    rfc_secret = base64.b32encode(b"12345678901234567890").decode()
    assert totp_code(rfc_secret, 59, digits=8) == "94287082"
    assert totp_code(rfc_secret, 1111111109, digits=8) == "07081804"
    generator = TOTP(base64.b32decode(KNOWN_SECRET), 30, 0, 6, 0)
    generator.time = 1_700_000_000
    assert f"{generator.token():06d}" == totp_code(KNOWN_SECRET, 1_700_000_000)


# --- Helpers -----------------------------------------------------------------------------------


def password_login(client, username, password=None, **extra):
    from django.conf import settings

    return client.post(
        reverse("login"),
        {"username": username, "password": password or settings.DEMO_PASSWORD},
        **extra,
    )


def next_code(device: TOTPDevice, secret=KNOWN_SECRET) -> str:
    """A code the device accepts now: codes are single-use, so forget the last used one."""
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    return totp_code(secret)


def log_in_verified(client, user, secret=KNOWN_SECRET):
    """Password and second factor through the real pages."""
    device = otp.confirmed_totp_device(user) or enrol(user, secret)
    assert password_login(client, user.username).status_code == 302
    response = client.post(reverse("otp_verify"), {"code": next_code(device, secret)})
    assert response.status_code == 302, response.content.decode()[:500]
    return device


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse("login"))


# --- Lock-out after failed logins --------------------------------------------------------------


@pytest.fixture
def employee(make_user):
    return make_user("medewerker", roles=[roles.EMPLOYEE])


def fail(client, username="medewerker", times=1, **extra):
    response = None
    for _ in range(times):
        response = password_login(client, username, "niet-het-wachtwoord", **extra)
    return response


def test_five_failures_lock_that_username_from_that_address(client, employee):
    for attempt in range(1, 5):
        response = fail(client)
        assert response.status_code == 200, attempt
        assert "komen niet overeen" in response.content.decode()
    locked = fail(client)
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Inloggen is tijdelijk geblokkeerd" in page
    assert "30 minuten" in page
    assert 'data-page="login-locked"' in page

    # Even the right password is refused now, and no session is started.
    response = password_login(client, "medewerker")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("home")).status_code == 302

    # The same username from another address, and another username from this address, can log in.
    other_address = password_login(client, "medewerker", REMOTE_ADDR="10.1.2.3")
    assert other_address.status_code == 302 and other_address["Location"] == reverse("home")


def test_another_username_from_the_locked_address_is_not_locked(client, employee, make_user):
    make_user("collega", roles=[roles.EMPLOYEE])
    fail(client, times=5)
    assert password_login(client, "collega").status_code == 302


def test_failures_at_the_admin_login_count_too(client, employee):
    for _ in range(5):
        response = client.post(
            reverse("admin:login"), {"username": "medewerker", "password": "niet-het-wachtwoord"}
        )
    assert response.status_code == 429
    assert 'data-page="login-locked"' in response.content.decode()


def test_unknown_usernames_are_counted_alike(client, db):
    """The lock-out page says nothing about whether a username exists."""
    assert fail(client, "bestaat-niet", times=5).status_code == 429


def test_failures_older_than_the_window_are_forgotten(client, employee):
    fail(client, times=4)
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - datetime.timedelta(minutes=16))
    assert fail(client).status_code == 200
    assert AccessAttempt.objects.get().failures_since_start == 1
    assert password_login(client, "medewerker").status_code == 302


def test_failures_inside_the_window_add_up(client, employee):
    fail(client, times=4)
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - datetime.timedelta(minutes=10))
    assert fail(client).status_code == 429


def test_the_lock_out_lasts_the_lock_out_period_and_then_ends(client, employee):
    fail(client, times=5)
    # 20 minutes later: past the counting window, inside the 30-minute lock-out.
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - datetime.timedelta(minutes=20))
    assert password_login(client, "medewerker").status_code == 429
    # That attempt started the lock-out again; 31 minutes after it the pair may log in.
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - datetime.timedelta(minutes=31))
    response = password_login(client, "medewerker")
    assert response.status_code == 302 and response["Location"] == reverse("home")


def test_failures_from_several_browsers_count_together(client, employee):
    for n in range(4):
        assert fail(client, HTTP_USER_AGENT=f"browser-{n}").status_code == 200
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - datetime.timedelta(minutes=14))
    assert fail(client, HTTP_USER_AGENT="browser-4").status_code == 429
    # Locking moved every row of the pair to the time of locking, so 20 minutes later the
    # pair is still locked, although the first four failures are 34 minutes old by then.
    assert AccessAttempt.objects.count() == 5
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - datetime.timedelta(minutes=20))
    assert password_login(client, "medewerker", HTTP_USER_AGENT="browser-9").status_code == 429


def test_a_successful_login_clears_the_count(client, employee):
    fail(client, times=4)
    assert password_login(client, "medewerker").status_code == 302
    client.logout()
    assert fail(client, times=4).status_code == 200
    assert password_login(client, "medewerker").status_code == 302


def test_the_lockout_page_is_dutch_accessible_and_script_free(client, employee):
    page = fail(client, times=5).content.decode()
    assert '<html lang="nl">' in page
    assert "<script" not in page and "style=" not in page
    assert 'role="alert"' in page
    assert "5 mislukte inlogpogingen" in page


def test_the_limits_come_from_the_settings(client, employee, settings):
    settings.LOGIN_FAILURE_LIMIT = settings.AXES_FAILURE_LIMIT = 3
    settings.LOGIN_LOCKOUT_MINUTES = 45
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=45)
    locked = fail(client, times=3)
    assert locked.status_code == 429
    assert "45 minuten" in locked.content.decode()


def test_every_failure_is_logged_without_the_password(client, employee):
    fail(client, times=2)
    password_login(client, "medewerker")
    failures = AccessFailureLog.objects.filter(username="medewerker")
    assert failures.count() == 2
    assert AccessLog.objects.filter(username="medewerker").count() == 1
    for attempt in AccessAttempt.objects.all():
        assert "niet-het-wachtwoord" not in attempt.post_data


def test_logins_without_a_request_are_not_counted(employee):
    """Management commands and the shell call authenticate() without a request: no address."""
    from django.conf import settings

    assert authenticate(username="medewerker", password="fout") is None
    assert authenticate(username="medewerker", password=settings.DEMO_PASSWORD) == employee
    assert not AccessAttempt.objects.exists()


def test_client_address_behind_one_proxy(rf, settings):
    request = rf.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.10")
    settings.TRUST_X_FORWARDED_FOR = False
    assert lockout.client_ip_address(request) == "10.0.0.5"
    settings.TRUST_X_FORWARDED_FOR = True
    # Only the entry the proxy appended counts; the client wrote the ones before it.
    assert lockout.client_ip_address(request) == "192.0.2.10"
    assert lockout.client_ip_address(rf.get("/", REMOTE_ADDR="10.0.0.5")) == "10.0.0.5"


def test_privacy_officer_reads_failures_in_the_admin_but_cannot_change_them(
    client, employee, make_user
):
    fail(client, times=5)
    client.logout()
    officer = make_user("avg", roles=[roles.PRIVACY_OFFICER])
    log_in_verified(client, officer)
    for name in ("accessattempt", "accessfailurelog", "accesslog"):
        response = client.get(reverse(f"admin:axes_{name}_changelist"))
        assert response.status_code == 200, name
    changelist = client.get(reverse("admin:axes_accessfailurelog_changelist")).content.decode()
    assert "medewerker" in changelist
    assert "Inlogbeveiliging" in client.get(reverse("admin:index")).content.decode()

    attempt = AccessAttempt.objects.get()
    failure = AccessFailureLog.objects.first()
    assert (
        client.post(
            reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()
    assert (
        client.post(
            reverse("admin:axes_accessfailurelog_delete", args=[failure.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert AccessFailureLog.objects.filter(pk=failure.pk).exists()
    changed = client.post(
        reverse("admin:axes_accessfailurelog_change", args=[failure.pk]), {"username": "x"}
    )
    assert changed.status_code == 403
    failure.refresh_from_db()
    assert failure.username == "medewerker"


def test_employee_cannot_read_the_login_records(client, employee):
    client.force_login(employee)
    response = client.get(reverse("admin:axes_accessfailurelog_changelist"))
    assert response.status_code == 302


def test_a_superuser_lifts_a_lock_out_in_the_admin(client, employee, make_user):
    fail(client, times=5)
    client.logout()
    it = make_user("it", superuser=True)
    log_in_verified(client, it)
    attempt = AccessAttempt.objects.get(username="medewerker")
    response = client.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "lift_lockout", "_selected_action": [attempt.pk]},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="medewerker").exists()
    # Failure log entries stay: they are the record, not the lock.
    assert AccessFailureLog.objects.filter(username="medewerker").count() == 5
    client.logout()
    assert password_login(client, "medewerker").status_code == 302


def test_a_lock_out_is_lifted_with_a_management_command(client, employee):
    fail(client, times=5)
    call_command("axes_reset_username", "medewerker", stdout=StringIO())
    assert password_login(client, "medewerker").status_code == 302


def test_old_login_records_are_deleted_nightly(employee, settings):
    from accounts.tasks import clear_old_login_records

    settings.LOGIN_RECORDS_RETENTION_DAYS = 90
    old = timezone.now() - datetime.timedelta(days=91)
    recent = timezone.now() - datetime.timedelta(days=89)
    for when in (old, recent):
        record = AccessFailureLog.objects.create(
            username="x", ip_address="10.0.0.1", user_agent="b", http_accept="*", path_info="/"
        )
        AccessFailureLog.objects.filter(pk=record.pk).update(attempt_time=when)
    AccessAttempt.objects.create(
        username="x",
        ip_address="10.0.0.1",
        user_agent="b",
        http_accept="*",
        path_info="/",
        get_data="",
        post_data="",
        failures_since_start=5,
    )
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=31))
    assert clear_old_login_records() == 2
    assert list(AccessFailureLog.objects.values_list("attempt_time", flat=True)) == [recent]
    assert not AccessAttempt.objects.exists()


# --- Session expiry after idle time ------------------------------------------------------------


def test_an_idle_session_expires_and_an_active_one_slides(client, employee, settings):
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_IDLE_TIMEOUT_MINUTES * 60 == 30 * 60
    client.force_login(employee)
    home = reverse("home")
    assert client.get(home).status_code == 200
    session_key = client.session.session_key

    # Active: 29 minutes after the last request (one minute left), a request renews the session.
    Session.objects.filter(pk=session_key).update(
        expire_date=timezone.now() + datetime.timedelta(minutes=1)
    )
    assert client.get(home).status_code == 200
    renewed = Session.objects.get(pk=session_key).expire_date
    assert renewed > timezone.now() + datetime.timedelta(minutes=29)

    # Idle: 31 minutes after the last request, the session is gone; the next page is the login.
    Session.objects.filter(pk=session_key).update(
        expire_date=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert is_login_redirect(client.get(home))


def test_a_session_is_written_back_only_when_its_renewal_is_due(client, employee, settings):
    """Pages within a minute of the last renewal do not write the session; once the stored end
    lags more than SESSION_RENEW_AFTER_SECONDS, the next page renews it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert settings.SESSION_RENEW_AFTER_SECONDS == 60
    client.force_login(employee)
    home = reverse("home")
    assert client.get(home).status_code == 200
    session_key = client.session.session_key
    stored = Session.objects.get(pk=session_key).expire_date

    with CaptureQueriesContext(connection) as queries:
        assert client.get(home).status_code == 200
    writes = [q["sql"] for q in queries if "django_session" in q["sql"] and "UPDATE" in q["sql"]]
    assert writes == []
    assert Session.objects.get(pk=session_key).expire_date == stored

    # Two minutes later (as far as the stored end is concerned) the next page renews it.
    Session.objects.filter(pk=session_key).update(
        expire_date=stored - datetime.timedelta(minutes=2)
    )
    assert client.get(home).status_code == 200
    renewed = Session.objects.get(pk=session_key).expire_date
    assert renewed > timezone.now() + datetime.timedelta(minutes=29)


# --- Second factor (TOTP) ----------------------------------------------------------------------


@pytest.fixture
def officer(make_user):
    return make_user("avg", roles=[roles.PRIVACY_OFFICER])


def test_who_needs_a_second_factor(make_user):
    assert otp.second_factor_required(make_user("fg", roles=[roles.PRIVACY_OFFICER]))
    assert otp.second_factor_required(make_user("fb", roles=[roles.FUNCTIONAL_ADMINISTRATOR]))
    assert otp.second_factor_required(make_user("it", superuser=True))
    assert not otp.second_factor_required(make_user("mw", roles=[roles.EMPLOYEE]))
    assert not otp.second_factor_required(
        make_user("tl", roles=[roles.EMPLOYEE, roles.TEAM_LEADER])
    )


def test_an_employee_logs_in_without_a_second_factor(client, employee):
    assert password_login(client, "medewerker").status_code == 302
    assert client.get(reverse("home")).status_code == 200
    assert client.get(reverse("otp_verify"))["Location"] == reverse("home")


@pytest.mark.parametrize(
    "path_name",
    [
        "home",
        "team_overview",
        "admin:index",
        "admin:audit_logentry_changelist",
        "admin:axes_accessfailurelog_changelist",
        "otp_backup_codes",
    ],
)
def test_until_verified_every_page_leads_to_the_second_factor(client, officer, path_name):
    enrol(officer)
    assert password_login(client, "avg").status_code == 302
    path = reverse(path_name)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('otp_verify')}?next={path.replace('/', '%2F')}"
    # Writing is refused as well.
    assert client.post(path, {}).status_code == 302


def test_the_admin_login_also_leads_to_the_second_factor(client, officer):
    enrol(officer)
    from django.conf import settings

    response = client.post(
        reverse("admin:login"),
        {"username": "avg", "password": settings.DEMO_PASSWORD, "next": reverse("admin:index")},
    )
    assert response.status_code == 302
    assert client.get(reverse("admin:index"))["Location"].startswith(reverse("otp_verify"))


def test_without_a_device_the_user_is_sent_to_enrolment(client, officer):
    password_login(client, "avg")
    response = client.get(reverse("admin:index"))
    assert response["Location"].startswith(reverse("otp_enrol"))
    # The code page sends there too.
    assert client.get(reverse("otp_verify"))["Location"].startswith(reverse("otp_enrol"))


def test_enrolment_shows_the_secret_and_a_local_qr_code_and_confirms_with_a_code(client, officer):
    password_login(client, "avg")
    response = client.get(f"{reverse('otp_enrol')}?next=/beheer/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert "Tweestapsverificatie instellen" in page
    secret = re.search(r"<code class=\"secret\" data-secret>([A-Z2-7 ]+)</code>", page).group(1)
    device = TOTPDevice.objects.get(user=officer)
    assert not device.confirmed
    assert secret.replace(" ", "") == base64.b32encode(device.bin_key).decode().rstrip("=")
    # The QR code is inline SVG made on the server: no image service, no script, no style.
    assert re.search(r'<svg class="qr-code"[^>]*role="img"[^>]*>.*<path d="M', page, re.S)
    assert "<script" not in page and "style=" not in page and "otpauth" not in page
    assert "http" not in page.split("<main", 1)[1]
    # Reloading keeps the same secret until it is confirmed.
    client.get(reverse("otp_enrol"))
    assert TOTPDevice.objects.get(user=officer).key == device.key

    wrong = client.post(reverse("otp_enrol"), {"code": "000000", "next": "/beheer/"})
    assert "Deze code klopt niet" in wrong.content.decode()
    assert not TOTPDevice.objects.get(user=officer).confirmed

    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
    confirmed = client.post(reverse("otp_enrol"), {"code": totp_code(secret), "next": "/beheer/"})
    assert confirmed.status_code == 302
    assert confirmed["Location"] == f"{reverse('otp_backup_codes')}?next=%2Fbeheer%2F"
    assert TOTPDevice.objects.get(user=officer).confirmed

    codes_page = client.get(confirmed["Location"]).content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", codes_page)
    assert len(codes) == otp.BACKUP_CODE_COUNT == 10
    assert 'href="/beheer/"' in codes_page
    # Shown once; afterwards only how many are left.
    again = client.get(reverse("otp_backup_codes")).content.decode()
    assert not re.findall(r"<li><code>", again)
    assert "10 ongebruikte herstelcodes" in again
    assert client.get("/beheer/").status_code == 200


def test_the_code_after_the_password_opens_the_pages(client, officer):
    device = enrol(officer)
    password_login(client, "avg")
    page = client.get(f"{reverse('otp_verify')}?next=/beheer/").content.decode()
    assert "Voer uw code in" in page
    assert "<script" not in page and "style=" not in page
    code = next_code(device)
    audit_entries = LogEntry.objects.filter(content_type__model="totpdevice").count()
    response = client.post(reverse("otp_verify"), {"code": code, "next": "/beheer/"})
    assert response.status_code == 302 and response["Location"] == "/beheer/"
    # Using the device changes only untracked counters: no audit entry per login.
    assert LogEntry.objects.filter(content_type__model="totpdevice").count() == audit_entries
    assert client.get("/beheer/").status_code == 200
    assert client.get(reverse("home")).status_code == 200

    # The same code cannot be used a second time (another session, same code).
    other = client_class_for(client)
    password_login(other, "avg")
    replay = other.post(reverse("otp_verify"), {"code": code})
    assert replay.status_code == 200
    assert "Deze code klopt niet" in replay.content.decode()


def client_class_for(client):
    return type(client)()


def test_the_session_key_changes_when_the_second_factor_is_passed(client, officer):
    device = enrol(officer)
    password_login(client, "avg")
    before = client.session.session_key
    client.post(reverse("otp_verify"), {"code": next_code(device)})
    assert client.session.session_key != before
    assert client.get(reverse("home")).status_code == 200


def test_next_cannot_point_to_another_site(client, officer):
    device = enrol(officer)
    password_login(client, "avg")
    response = client.post(
        reverse("otp_verify"), {"code": next_code(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("home")


def test_a_backup_code_works_once(client, officer):
    enrol(officer)
    codes = otp.new_backup_codes(officer)
    password_login(client, "avg")
    assert client.post(reverse("otp_verify"), {"code": codes[0].upper()}).status_code == 302
    assert client.get(reverse("home")).status_code == 200
    client.logout()
    password_login(client, "avg")
    reused = client.post(reverse("otp_verify"), {"code": codes[0]})
    assert reused.status_code == 200
    assert StaticToken.objects.filter(device__user=officer).count() == 9


def test_new_backup_codes_replace_the_old_ones(client, officer):
    enrol(officer)
    old = otp.new_backup_codes(officer)
    log_in_verified(client, officer)
    response = client.post(reverse("otp_backup_codes"))
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)
    assert len(new) == 10 and not set(new) & set(old)
    assert sorted(otp.backup_codes(officer)) == sorted(new)
    assert StaticDevice.objects.filter(user=officer).count() == 1


def test_wrong_codes_are_throttled(client, officer):
    device = enrol(officer)
    password_login(client, "avg")
    assert client.post(reverse("otp_verify"), {"code": "123456"}).status_code == 200
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    # After ten wrong codes the wait is 2**9 = 512 seconds: even the right code is refused.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=10)
    refused = client.post(reverse("otp_verify"), {"code": next_code(device)})
    assert refused.status_code == 200
    assert "Te veel onjuiste codes" in refused.content.decode()
    assert client.get(reverse("home")).status_code == 302
    # Once the wait is over the right code is accepted and the count starts again.
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - datetime.timedelta(seconds=600)
    )
    assert client.post(reverse("otp_verify"), {"code": next_code(device)}).status_code == 302
    device.refresh_from_db()
    assert device.throttling_failure_count == 0


def test_a_superuser_resets_a_lost_second_factor_in_the_admin(client, officer, make_user):
    enrol(officer)
    otp.new_backup_codes(officer)
    officer_client = client_class_for(client)
    log_in_verified(officer_client, officer)
    assert officer_client.get(reverse("home")).status_code == 200

    log_in_verified(client, make_user("it", superuser=True), secret=DEMO_TOTP_SECRET)
    changelist = client.get(reverse("admin:accounts_user_changelist"))
    assert "Tweestapsverificatie resetten" in changelist.content.decode()
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [officer.pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=officer).exists()
    assert not StaticDevice.objects.filter(user=officer).exists()
    # The officer's open session is no longer verified: they set up a new factor.
    assert officer_client.get(reverse("home"))["Location"].startswith(reverse("otp_enrol"))
    # The audit trail records the removal, without the secret.
    entries = LogEntry.objects.filter(content_type__model="totpdevice")
    assert entries.filter(action=LogEntry.Action.DELETE).exists()
    assert device_key_not_in(entries)


def device_key_not_in(entries) -> bool:
    secret_hex = base64.b32decode(KNOWN_SECRET).hex()
    return all(secret_hex not in json.dumps(entry.changes or {}) for entry in entries)


def test_only_superusers_may_reset_a_second_factor(client, make_user):
    administrator = make_user("fb", roles=[roles.FUNCTIONAL_ADMINISTRATOR, roles.PRIVACY_OFFICER])
    from django.contrib.auth.models import Permission

    administrator.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_user", "change_user"])
    )
    victim = make_user("avg2", roles=[roles.PRIVACY_OFFICER])
    enrol(victim)
    log_in_verified(client, administrator)
    page = client.get(reverse("admin:accounts_user_changelist")).content.decode()
    assert "reset_second_factor" not in page
    client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [victim.pk]},
    )
    assert TOTPDevice.objects.filter(user=victim, confirmed=True).exists()


def test_reset_with_a_management_command(officer):
    enrol(officer)
    out = StringIO()
    call_command("reset_second_factor", "avg", stdout=out)
    assert "reset" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=officer).exists()
    with pytest.raises(CommandError):
        call_command("reset_second_factor", "niemand", stdout=StringIO())


def test_enrolment_is_in_the_audit_trail_without_the_secret(client, officer):
    password_login(client, "avg")
    client.get(reverse("otp_enrol"))
    device = TOTPDevice.objects.get(user=officer)
    secret = base64.b32encode(device.bin_key).decode()
    client.post(reverse("otp_enrol"), {"code": totp_code(secret)})
    entries = LogEntry.objects.filter(content_type__model="totpdevice", object_pk=str(device.pk))
    assert entries.filter(action=LogEntry.Action.UPDATE).exists()
    assert all(device.key not in json.dumps(entry.changes or {}) for entry in entries)
    assert all(device.key not in entry.changes_text for entry in entries)


# --- Demo users --------------------------------------------------------------------------------


def test_demo_users_of_second_factor_roles_get_the_published_demo_secret(settings, make_user):
    from accounts import demo

    settings.DEBUG = True
    for username in ("beheerder", "avg", "it"):
        make_user(username, superuser=username == "it")
    make_user("medewerker", roles=[roles.EMPLOYEE])
    lines = demo.seed_demo_data()
    assert "totp_code" in " ".join(lines)
    lines_again = demo.seed_demo_data()  # idempotent
    assert lines_again == lines
    assert TOTPDevice.objects.filter(confirmed=True).count() == 3
    for device in TOTPDevice.objects.all():
        assert base64.b32encode(device.bin_key).decode() == DEMO_TOTP_SECRET
    assert not TOTPDevice.objects.filter(user__username="medewerker").exists()

    out = StringIO()
    call_command("totp_code", "avg", stdout=out)
    now = time.time()
    assert out.getvalue().strip() in {totp_code(DEMO_TOTP_SECRET, now + d) for d in (-30, 0)}
    with pytest.raises(CommandError):
        call_command("totp_code", "medewerker", stdout=StringIO())

    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("totp_code", "avg", stdout=StringIO())
    with pytest.raises(demo.DemoSecondFactorRefused):
        demo.seed_demo_data()


# --- Passwords ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("new_password", "code"),
    [
        ("Kort-1", "password_too_short"),
        ("password1234", "password_too_common"),
        ("381946205718", "password_entirely_numeric"),
        ("medewerker-noord", "password_too_similar"),
    ],
)
def test_a_weak_password_is_refused_by_the_password_change_forms(make_user, new_password, code):
    user = make_user("medewerker-noord", roles=[roles.EMPLOYEE])
    from django.conf import settings

    form = PasswordChangeForm(
        user,
        {
            "old_password": settings.DEMO_PASSWORD,
            "new_password1": new_password,
            "new_password2": new_password,
        },
    )
    assert not form.is_valid()
    assert code in [error.code for error in form.errors.as_data()["new_password2"]]
    admin_form = AdminPasswordChangeForm(
        user, {"password1": new_password, "password2": new_password}
    )
    assert not admin_form.is_valid()


def test_a_strong_password_is_accepted(make_user):
    from django.conf import settings

    user = make_user("medewerker-noord", roles=[roles.EMPLOYEE])
    form = PasswordChangeForm(
        user,
        {
            "old_password": settings.DEMO_PASSWORD,
            "new_password1": STRONG_PASSWORD,
            "new_password2": STRONG_PASSWORD,
        },
    )
    assert form.is_valid(), form.errors
    form.save()
    user.refresh_from_db()
    assert user.check_password(STRONG_PASSWORD)


# --- Security headers with HTTPS on ------------------------------------------------------------

GOOD_SECRET = "k8Vq2-ZpR7wN4xT1mY6cH9bJ3fL0sD5gA8eU2iO7rP4tW1qE6yX9zC3vB0nM5"

PRODUCTION_PROBE = """
import json
import django
django.setup()
from django.test import Client
from django.test.utils import override_settings

# Static files without a collectstatic manifest; everything else is the production settings.
storages = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
with override_settings(STORAGES=storages):
    client = Client()
    plain = client.get("/login/")
    secure = client.get("/login/", secure=True)
    cookie = secure.cookies.get("csrftoken")
print(json.dumps({
    "plain_status": plain.status_code,
    "plain_location": plain.get("Location"),
    "status": secure.status_code,
    "headers": dict(secure.headers),
    "csrf_cookie": {
        "secure": bool(cookie["secure"]),
        "httponly": bool(cookie["httponly"]),
        "samesite": cookie["samesite"],
    },
}))
"""


def test_production_responses_carry_the_security_headers():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        {
            "KLANTCONTACT_ENV": "production",
            "DEBUG": "0",
            "SECRET_KEY": GOOD_SECRET,
            "ALLOWED_HOSTS": "testserver",
            "DATABASE_URL": "sqlite:///:memory:",
            "DJANGO_SETTINGS_MODULE": "klantcontact.settings",
        }
    )
    result = subprocess.run(
        [sys.executable, "-c", PRODUCTION_PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    # Plain HTTP is redirected to HTTPS.
    assert probe["plain_status"] == 301
    assert probe["plain_location"] == "https://testserver/login/"
    assert probe["status"] == 200
    headers = {k.lower(): v for k, v in probe["headers"].items()}
    assert headers["strict-transport-security"] == "max-age=31536000; includeSubDomains; preload"
    csp = headers["content-security-policy"]
    for directive in (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
    ):
        assert directive in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert headers["cross-origin-opener-policy"] == "same-origin"
    assert probe["csrf_cookie"] == {"secure": True, "httponly": True, "samesite": "Lax"}


@pytest.fixture
def https_on(settings):
    """The values settings.py derives from HTTPS=1 (as in production)."""
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    return settings


def test_the_session_cookie_after_login_is_secure_httponly_lax_and_ends_with_the_browser(
    client, employee, https_on
):
    response = password_login(client, "medewerker", secure=True)
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"
    assert not cookie["max-age"] and not cookie["expires"]  # a browser-session cookie
    page = client.get(reverse("home"), secure=True)
    assert page["Strict-Transport-Security"].startswith("max-age=31536000")
    assert page["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in page["Content-Security-Policy"]


def test_the_second_factor_pages_are_framed_by_no_one_and_run_no_inline_script(
    client, officer, https_on
):
    password_login(client, "avg", secure=True)
    for name in ("otp_enrol",):
        response = client.get(reverse(name), secure=True)
        assert response.status_code == 200
        assert response["X-Frame-Options"] == "DENY"
        csp = response["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        html = response.content.decode()
        assert "<script" not in html and " on" + "load=" not in html and "style=" not in html
