"""The AVG officer's journey through the processing register, in a real browser: approve an
activity (first refused, then completed in the admin pages), bind a contact subject, and
download the export. Screenshots of every register page land in test-artifacts/."""

import csv
import io

import pytest
from django.apps import apps
from django.conf import settings

from accounts import roles
from processingregister import demo, services
from processingregister.models import ProcessingActivity

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Status = ProcessingActivity.Status


def pass_second_factor(page, user):
    """Staff roles log in with a second factor: answer it with the user's authenticator."""
    if "/tweede-factor/" not in page.url:
        return
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user=user, confirmed=True)
    code = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()
    page.locator("#id_code").fill(f"{code:0{device.digits}d}")
    page.locator("#id_code").press("Enter")
    page.wait_for_url(lambda url: "/tweede-factor/" not in url)


@pytest.fixture
def officer(make_user):
    user = make_user("avg", roles=[roles.PRIVACY_OFFICER])
    user.first_name, user.last_name = "Pieter", "Hoekstra"
    user.save()
    if apps.is_installed("django_otp.plugins.otp_totp"):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    return user


@pytest.fixture
def register(officer):
    demo.seed_demo_data()
    return officer


def log_in_officer(page, live_server, officer):
    log_in(page, live_server, officer.username, settings.DEMO_PASSWORD)
    page.wait_for_load_state()
    pass_second_factor(page, officer)


def unbound_subject():
    """A contact subject without an approved activity, when the contacts app binds them."""
    try:
        model = apps.get_model("contacts", "ContactSubject")
    except LookupError:
        return None
    if not any(f.name == "processing_activity" for f in model._meta.fields):
        return None
    subject = model.objects.filter(is_active=True).order_by("pk").first()
    if subject is None:
        return None
    model.objects.filter(pk=subject.pk).update(processing_activity=None)
    return subject


def test_officer_approves_binds_and_downloads_the_register(
    page, live_server, register, screenshot, tmp_path
):
    officer = register
    # The admin pages (Django's templates) have no icon link, so Chromium asks for
    # /favicon.ico there and logs the 404; that is not a fault of the register pages.
    favicon_misses = []
    page.on(
        "console",
        lambda m: (
            m.type == "error"
            and m.location.get("url", "").endswith("/favicon.ico")
            and favicon_misses.append(m.text)
        ),
    )
    subject = unbound_subject()
    log_in_officer(page, live_server, officer)

    # The navigation leads to the register; the overview says what waits.
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role(
        "link", name="Verwerkingsregister"
    ).click()
    page.wait_for_url(f"{live_server.url}/register/")
    assert page.get_by_role("heading", level=1).inner_text() == "Verwerkingsregister"
    page.get_by_role("link", name="1 verwerking wacht op uw beoordeling.").click()
    screenshot(page, "register-activities-in-review")
    page.get_by_role("link", name="Woningaanpassingen op medische grond").click()

    # Approving is refused: health data without an art. 9 exception.
    page.get_by_role("button", name="Goedkeuren").click()
    assert "Niet goedgekeurd" in page.locator(".messages").inner_text()
    missing = page.get_by_role("region", name="Nog niet compleet genoeg om goed te keuren")
    assert "Kies de uitzondering van art. 9 lid 2 AVG" in missing.inner_text()
    screenshot(page, "register-approval-refused")

    # Complete it in the admin pages, then approve.
    page.get_by_role("link", name="Bewerken", exact=True).click()
    page.locator("#id_special_category_condition").select_option("g")
    page.locator("#id_special_category_explanation").fill(
        "Art. 9 lid 2 sub g AVG jo. Wmo 2015: alleen de indicatie van de gemeente, geen diagnose."
    )
    page.locator("#id_dpia_needed").select_option("yes")
    page.locator("#id_dpia_reference").fill("DPIA-2026-04")
    page.locator("#id_retention_explanation").fill(
        "Twee jaar na gereedmelding; de aanpassing zelf blijft als woningkenmerk bewaard."
    )
    page.locator("input[name=_save]").click()
    page.wait_for_url(lambda url: url.rstrip("/").endswith("processingactivity"))
    page.goto(f"{live_server.url}/register/verwerkingen/woningaanpassing-medisch/")
    page.get_by_label("Toelichting voor de historie").first.fill("Na aanvulling art. 9 akkoord.")
    page.get_by_role("button", name="Goedkeuren").click()
    assert (
        "Goedgekeurd: de verwerking kan nu worden gekozen."
        in page.locator(".messages").inner_text()
    )
    assert "Na aanvulling art. 9 akkoord." in page.locator("table").last.inner_text()
    screenshot(page, "register-activity-approved")
    activity = ProcessingActivity.objects.get(code="woningaanpassing-medisch")
    assert activity.status == Status.APPROVED

    # Bind a contact subject that has no approved activity (when the contacts app binds).
    if subject is not None:
        page.get_by_role("link", name="Niet gekoppeld").click()
        row = page.locator(f"form[data-bind='contacts.ContactSubject:{subject.pk}']")
        row.get_by_label(f"Verwerking voor {subject}").select_option(
            label="Woningaanpassingen op medische grond"
        )
        screenshot(page, "register-unbound")
        row.get_by_role("button", name="Koppelen").click()
        assert (
            "Gekoppeld aan 'Woningaanpassingen op medische grond'."
            in page.locator(".messages").inner_text()
        )
        subject.refresh_from_db()
        assert subject.processing_activity == activity
        assert services.unbound_count() == 0

    # The export: the printable document and the CSV download.
    page.get_by_role("link", name="Export", exact=True).click()
    document = page.get_by_role("article")
    assert "Register van verwerkingsactiviteiten" in document.inner_text()
    assert "Woningaanpassingen op medische grond" in document.inner_text()
    screenshot(page, "register-export")
    page.emulate_media(media="print")
    screenshot(page, "register-export-print")
    page.emulate_media(media="screen")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Downloaden als CSV").click()
    download = download_info.value
    assert download.suggested_filename.startswith("verwerkingsregister-v")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    text = path.read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    codes = {row["Code"] for row in rows}
    assert "woningaanpassing-medisch" in codes and "klantcontact" in codes
    assert "Categorieën ontvangers (art. 30 lid 1 sub d AVG)" in rows[0]
    for miss in favicon_misses:
        page.watch.errors.remove(miss)
    page.watch.assert_clean()


def test_every_register_page_reads_well(page, live_server, register, screenshot):
    log_in_officer(page, live_server, register)
    pages = {
        "register-dashboard": "/register/",
        "register-activities": "/register/verwerkingen/",
        "register-activity": "/register/verwerkingen/overlast-signalen/",
        "register-unbound-list": "/register/niet-gekoppeld/",
        "register-agreements": "/register/overeenkomsten/",
        "register-breaches": "/register/datalekken/",
        "register-inventory": "/register/inventarisatie/",
    }
    for name, path in pages.items():
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        assert page.get_by_role("heading", level=1).count() == 1, path
        screenshot(page, name)
    open_breach = services.open_breaches().first()
    page.goto(f"{live_server.url}/register/datalekken/{open_breach.pk}/")
    countdown = page.locator(".pr-countdown").first
    assert countdown.inner_text().startswith("nog ")
    screenshot(page, "register-breach")
    page.watch.assert_clean()
