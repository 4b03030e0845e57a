"""Realistic data at scale for the benchmarks: a corporation of 100,000 homes after five years.

    .venv/bin/python bench/generate.py                 # full size into kc_scale (~10 GB)
    .venv/bin/python bench/generate.py --scale 0.1     # a tenth, for a quick run
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/kc_scale   # for the benchmarks

Drops and recreates the database (``--db``, default ``kc_scale``; its name must contain
"bench" or "scale" unless ``--force``), runs ``manage.py migrate`` into it, then loads, at
``--scale 1``:

- the processing register (its activities, approved ones among them) with the default contact
  subjects, task kinds and signal types bound to it, as ``seed_demo`` does;
- 50 teams (with their guardian member/leader groups, through ``accounts.services``), 8
  employees and a team leader per team, plus one employee per team named ``scale-<team>``
  for the benchmarks;
- 100,000 units (streets, postcodes, house numbers with additions) in the 50 teams;
- 200,000 persons: Dutch and other names with tussenvoegsels and accents, a Zipf-like surname
  distribution with a long tail, dates of birth, phone numbers (mobile, shared household
  landlines) and e-mail addresses; the folded ``search_name`` the model's ``save()`` keeps;
- tenancies: a tenant per unit, co-tenants on the same contract (some left), earlier tenants
  whose tenancy ended; persons without a tenancy (representatives, applicants);
- mandates, signals with their handlers, break-the-glass grants;
- 5,000,000 contact moments over five years through every VERA channel, skewed per person
  (a few callers have thousands), with subjects, defects, outcomes that satisfy the database
  constraints and triggers (a task only for an outcome that asks for one);
- ~1,000,000 tasks (one per contact whose outcome asks for a follow-up) with their events
  (created, taken, reassigned, closed) and the person copied onto each event;
- the involvement grants ``access.policy.record_involvement`` writes (guardian's direct
  table: the handler of each contact, the assignee of each task, a signal's creator);
- 20,000,000 access-log records (card views at the contacts, search-result rows, other reads);
- 5,000 knowledge-base articles (``knowledgebase.benchdata``, as bench/kb_speed.py loads them).

The big tables are written with PostgreSQL ``COPY`` (psycopg 3 ``cursor.copy()``), several
streams at once, with their secondary indexes and foreign keys dropped during the load and
recreated (and so validated) afterwards; then ``VACUUM ANALYZE``. Reproducible: the same
``--seed``, ``--scale`` and ``--until`` give the same rows. Prints the time per step.

This file is the entry point; the code is in ``bench/gen/`` (``cli`` runs the steps in order).
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.gen.cli import main  # noqa: E402 (the project root must be on the path first)

if __name__ == "__main__":
    main(__doc__.split("\n", 1)[0])
