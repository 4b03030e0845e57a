"""Locust load test: Woonservice staff at work (run by loadtest/run.sh, headless, loopback only).

Each virtual user is one employee (``load.<team>.<n>``, made by loadtest/prepare.py, password in
LOAD_PASSWORD) who logs in through the real login form (CSRF token from the page) and then
works like a colleague at the phone or the desk, with a think time between actions:

- caller lookup: the phone rings, ``/contacts/lookup/?phone=`` (redirects to the card);
- customer card: open the card (timeline, tenancy, open tasks, signals);
- person search: ``/klanten/?q=<surname>``;
- register a contact: the contact form (GET), filled from its own options, posted (POST,
  CSRF), which creates the contact and, for a callback or repair request, its task;
- knowledge-base search and the suggestions beside the contact form;
- task inbox: ``/taken/`` (and now and then "only mine").

Only persons the employee may see are asked for (fixture from prepare.py), so every request
should succeed: any 4xx/5xx is an error. Environment: LOAD_FIXTURE (path), LOAD_PASSWORD,
WAIT_MIN / WAIT_MAX (think time in seconds, default 2 and 8: a click every 5 s on average,
several times what a colleague on the phone does).
"""

import itertools
import json
import os
import random
import re
import threading

from locust import HttpUser, between, task
from mix import ACTIONS, KB_QUERIES, SUMMARIES, parse_form

with open(os.environ.get("LOAD_FIXTURE", "loadtest/results/fixture.json")) as fixture_file:
    FIXTURE = json.load(fixture_file)
PASSWORD = os.environ["LOAD_PASSWORD"]
ACCOUNTS = itertools.cycle(FIXTURE["accounts"])
ACCOUNTS_LOCK = threading.Lock()


class Employee(HttpUser):
    wait_time = between(float(os.environ.get("WAIT_MIN", 2)), float(os.environ.get("WAIT_MAX", 8)))

    def on_start(self):
        with ACCOUNTS_LOCK:
            self.account = next(ACCOUNTS)
        self.rng = random.Random()  # noqa: S311 - load pattern, not security
        self.login()

    def login(self):
        page = self.client.get("/login/", name="login (page)")
        form = parse_form(page.text, "username") or {"fields": {}}
        data = dict(form["fields"])
        data.update(username=self.account["username"], password=PASSWORD)
        with self.client.post(
            "/login/",
            data=data,
            headers={"Referer": f"{self.host}/login/"},
            name="login (post)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"login failed: HTTP {response.status_code}")

    # --- helpers ----------------------------------------------------------------------------

    def person(self) -> int:
        return self.rng.choice(self.account["persons"])

    def get(self, url, name, **kwargs):
        with self.client.get(url, name=name, catch_response=True, **kwargs) as response:
            if response.status_code >= 400:
                response.failure(f"HTTP {response.status_code}")
            elif "/login/" in response.url and "login" not in name:
                response.failure("logged out")
            return response

    # --- the mix ----------------------------------------------------------------------------

    @task(4)
    def caller_lookup(self):
        phone = self.rng.choice(self.account["phones"])
        response = self.get(
            f"/contacts/lookup/?phone={phone}", "caller lookup", allow_redirects=False
        )
        location = response.headers.get("Location", "")
        if response.status_code == 302 and location.startswith("/klanten/"):
            self.get(location, "customer card")

    @task(4)
    def open_card(self):
        self.get(f"/klanten/{self.person()}/", "customer card")

    @task(2)
    def person_search(self):
        surname = self.rng.choice(self.account["surnames"])
        self.get(f"/klanten/?q={surname[:5]}", "person search")

    @task(3)
    def register_contact(self):
        pk = self.person()
        page = self.get(f"/klanten/{pk}/contact/", "contact form (page)")
        form = parse_form(page.text, "summary")
        if form is None:
            page.failure("no contact form")
            return
        data = dict(form["fields"])
        options = form["options"]

        def pick(name, prefer=None):
            values = [value for value in options.get(name, []) if value]
            if prefer and prefer in values:
                return prefer
            return self.rng.choice(values) if values else ""

        outcome = self.rng.choices(["answered", "callback", "repair_request"], [70, 15, 15])[0]
        data.update(
            channel=pick("channel", "TEL" if "TEL" in options.get("channel", []) else None),
            subject=pick("subject"),
            summary=self.rng.choice(SUMMARIES),
            outcome=outcome,
            caller_kind="self",
            team=data.get("team") or pick("team"),
        )
        if outcome != "answered":
            data.update(requested_action=self.rng.choice(ACTIONS), assigned_team=data["team"])
        data.pop("mandate", None)
        with self.client.post(
            f"/klanten/{pk}/contact/",
            data=data,
            headers={"Referer": f"{self.host}/klanten/{pk}/contact/"},
            name="contact form (post)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                errors = re.findall(r"errorlist[^>]*>\s*<li>([^<]{0,160})", response.text)
                response.failure(f"not registered: HTTP {response.status_code} {errors[:3]}")

    @task(2)
    def kb_search(self):
        self.get(f"/kennisbank/?q={self.rng.choice(KB_QUERIES)}", "kb search")

    @task(1)
    def kb_suggestions(self):
        query = self.rng.choice(KB_QUERIES)
        self.get(f"/kennisbank/suggesties/?q={query}", "kb suggestions")

    @task(2)
    def task_inbox(self):
        mine = "?mijn=1" if self.rng.random() < 0.3 else ""
        self.get(f"/taken/{mine}", "task inbox")

    @task(1)
    def home(self):
        self.get("/", "home")
