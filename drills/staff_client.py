"""A member of staff over HTTP, for the drills: logs in through the real form and works.

    python drills/staff_client.py --base http://127.0.0.1:8791 work --user medewerker
    python drills/staff_client.py ... break-glass --user medewerker --person 123
    python drills/staff_client.py ... healthz
    python drills/staff_client.py ... hammer --seconds 60 --users 8 --out results.jsonl

Prints JSON; ``work`` and ``break-glass`` exit 1 when a step fails. ``hammer`` keeps several
logged-in employees busy (card, search, lookup, task inbox) and writes one JSON line per
request (time, page, status, whether the body looks like a clean error page).
"""

import argparse
import json
import os
import re
import sys
import threading
import time

import requests

PASSWORD = os.environ.get("DEMO_PASSWORD", "klantcontact-demo")
# What must never reach a browser in production: a Django debug page or a Python traceback.
LEAK = re.compile(r"Traceback|technical_500|Exception Value|File \"/|psycopg|OperationalError")


class Staff:
    def __init__(self, base: str, username: str, timeout: float = 20):
        self.base = base
        self.session = requests.Session()
        self.username = username
        self.timeout = timeout

    def url(self, path):
        return self.base + path

    def csrf(self) -> str:
        return self.session.cookies.get("csrftoken", "")

    def login(self) -> int:
        self.session.get(self.url("/login/"), timeout=self.timeout)
        response = self.session.post(
            self.url("/login/"),
            data={
                "username": self.username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": self.csrf(),
            },
            headers={"Referer": self.url("/login/")},
            allow_redirects=False,
            timeout=self.timeout,
        )
        return response.status_code

    def get(self, path, **kwargs):
        return self.session.get(self.url(path), timeout=self.timeout, **kwargs)


def work(base: str, user: str, person: int) -> dict:
    """The daily round: every step must answer 200 (or the expected redirect)."""
    staff = Staff(base, user)
    steps = {"login": staff.login()}
    steps["home"] = staff.get("/").status_code
    steps["person search"] = staff.get("/klanten/?q=jan").status_code
    steps["customer card"] = staff.get(f"/klanten/{person}/").status_code
    steps["caller lookup"] = staff.get("/contacts/lookup/?phone=0612345678").status_code
    steps["task inbox"] = staff.get("/taken/").status_code
    steps["kb search"] = staff.get("/kennisbank/?q=lekkage").status_code
    form = staff.get(f"/klanten/{person}/contact/")
    steps["contact form"] = form.status_code
    options = {
        name: re.findall(r'<option value="([^"]+)"', block)
        for name, block in re.findall(r'<select name="(\w+)"[^>]*>(.*?)</select>', form.text, re.S)
    }
    occurred = re.search(r'name="occurred_at" value="([^"]+)"', form.text)
    data = {
        "csrfmiddlewaretoken": staff.csrf(),
        "channel": "TEL" if "TEL" in options.get("channel", []) else options["channel"][0],
        "direction": "in",
        "occurred_at": occurred.group(1) if occurred else "",
        "caller_kind": "self",
        "subject": options["subject"][0],
        "summary": "Vraag over de huurbetaling, uitgelegd hoe de incasso loopt.",
        "outcome": "answered",
        "team": options["team"][0],
    }
    saved = staff.session.post(
        staff.url(f"/klanten/{person}/contact/"),
        data=data,
        headers={"Referer": staff.url(f"/klanten/{person}/contact/")},
        allow_redirects=False,
        timeout=staff.timeout,
    )
    steps["register contact"] = saved.status_code
    expected = {"login": 302, "register contact": 302}
    failed = [name for name, code in steps.items() if code != expected.get(name, 200)]
    return {"user": user, "steps": steps, "failed": failed}


def break_glass(base: str, user: str, person: int) -> dict:
    staff = Staff(base, user)
    staff.login()
    refusal = staff.get(f"/klanten/{person}/")
    started = time.monotonic()
    response = staff.session.post(
        staff.url(f"/toegang/doorbreken/{person}/"),
        data={
            "csrfmiddlewaretoken": staff.csrf(),
            "reason": "caller_on_line",
            "explanation": "Drill: huurder aan de lijn, collega afwezig.",
            "next": f"/klanten/{person}/",
        },
        headers={"Referer": staff.url(f"/klanten/{person}/")},
        allow_redirects=False,
        timeout=staff.timeout,
    )
    took = time.monotonic() - started
    card = staff.get(f"/klanten/{person}/")
    return {
        "refused_first": refusal.status_code,
        "break_glass": response.status_code,
        "seconds": round(took, 2),
        "card_after": card.status_code,
        "leak": bool(LEAK.search(response.text)),
        "failed": response.status_code != 302 or card.status_code != 200,
    }


def healthz(base: str) -> dict:
    response = requests.get(base + "/healthz", timeout=20)
    return {"http": response.status_code, **response.json()}


def hammer(base: str, users: list[str], persons: list[int], seconds: float, out: str) -> dict:
    """Several employees working flat out; one JSON line per request."""
    deadline = time.monotonic() + seconds
    lock = threading.Lock()
    sink = open(out, "a")  # noqa: SIM115 - shared by the threads, closed below
    counts = {"requests": 0}

    def emit(record):
        with lock:
            sink.write(json.dumps(record) + "\n")
            counts["requests"] += 1

    def employee(name, person):
        staff = Staff(base, name, timeout=10)
        logged_in = False
        while time.monotonic() < deadline:
            try:
                if not logged_in:
                    logged_in = staff.login() == 302
                    if not logged_in:
                        emit({"t": round(time.time(), 3), "user": name, "status": -1})
                        time.sleep(0.5)
                        continue
                for path in (f"/klanten/{person}/", "/klanten/?q=jan", "/taken/", "/"):
                    started = time.time()
                    response = staff.get(path, allow_redirects=False)
                    emit(
                        {
                            "t": round(started, 3),
                            "ms": round((time.time() - started) * 1000),
                            "user": name,
                            "path": path,
                            "status": response.status_code,
                            "leak": bool(LEAK.search(response.text)),
                            "dutch_error_page": "Er ging iets mis" in response.text,
                            "login_redirect": "/login/" in response.headers.get("Location", ""),
                        }
                    )
                    if "/login/" in response.headers.get("Location", ""):
                        logged_in = False
                        break
            except requests.RequestException as exc:
                emit(
                    {
                        "t": round(time.time(), 3),
                        "user": name,
                        "status": 0,
                        "error": type(exc).__name__,
                    }
                )
                time.sleep(0.2)

    threads = [
        threading.Thread(target=employee, args=(name, person))
        for name, person in zip(users, persons, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    sink.close()
    return counts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8791")
    sub = parser.add_subparsers(dest="command", required=True)
    w = sub.add_parser("work")
    w.add_argument("--user", default="medewerker")
    w.add_argument("--person", type=int, required=True, help="a person the user may see")
    b = sub.add_parser("break-glass")
    b.add_argument("--user", default="medewerker")
    b.add_argument("--person", type=int, required=True)
    sub.add_parser("healthz")
    h = sub.add_parser("hammer")
    h.add_argument("--users", default="medewerker,medewerker.zuid,teamleider")
    h.add_argument("--persons", required=True, help="per user, a person they may see")
    h.add_argument("--seconds", type=float, default=60)
    h.add_argument("--out", required=True)
    args = parser.parse_args()
    if args.command == "work":
        result = work(args.base, args.user, args.person)
        failed = bool(result["failed"])
    elif args.command == "break-glass":
        result = break_glass(args.base, args.user, args.person)
        failed = result["failed"]
    elif args.command == "healthz":
        result = healthz(args.base)
        failed = False
    else:
        persons = [int(pk) for pk in args.persons.split(",")]
        result = hammer(args.base, args.users.split(","), persons, args.seconds, args.out)
        failed = False
    print(json.dumps(result))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
