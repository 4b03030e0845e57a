"""Staff's daily paths at scale: customer card, person search, caller lookup, the permission
filter and the access-log write, each against plain SQL that fetches the same data.

    .venv/bin/python bench/generate.py                  # once: the data set (kc_scale)
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/kc_scale
    .venv/bin/python bench/scale_speed.py               # all benchmarks
    .venv/bin/python bench/scale_speed.py --only card --samples 500
    .venv/bin/python bench/scale_speed.py --only search --explain

Runs against the database of ``DATABASE_URL`` (its name must contain "bench" or "scale",
or pass --force); writes only access-log rows (the views log every read) and removes nothing.
Samples random persons, phone numbers and names from the data (reproducible from --seed);
every timed call is preceded by a warm-up round. For each benchmark it prints the median and
p95 of the application path and of plain SQL (a psycopg connection of its own, no ORM) that
fetches the same rows in the same run, and their ratio:

- ``card``: GET /klanten/<id>/ through Django's test Client (the whole middleware stack, the
  real view and template, logged in as an employee of the person's team), for persons with the
  longest timelines and for random persons; plain SQL: the scope check, the access-log insert
  and the statements that read what the card shows (person, contact details, tenancies, valid
  mandates, the first ten open tasks with their count, signals, one timeline page with its
  details). Bars: p95 <= 50 ms, ratio <= 3. Also prints the number of queries per card.
- ``search``: ``contacts.selectors.search_persons`` for names (surname, prefix, with
  tussenvoegsel, given name + surname, without accents), postcode + house number, phone,
  e-mail, contract and relation numbers, by an employee of the person's team (70%) or another
  team (30%); the same search without the permission filter; plain SQL. Bars: p95 <= 30 ms,
  filtered/unfiltered <= 2. The search page (view, with its result logging) is timed too.
- ``lookup``: ``contacts.selectors.lookup_caller`` with numbers as telephony delivers them
  (+316..., 06-..., 0031 ...), 10% unknown; plain SQL. Bar: p95 <= 10 ms.
- ``log``: ``audit.services.log_access`` (autocommit, one INSERT and its commit) and plain
  INSERTs. Bar: median < 2 ms.

This file is the entry point; the code is in ``bench/speed/`` (one module per benchmark).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# The package sets Django up when imported; the project root must be on the path first.
from bench.speed.cli import main  # noqa: E402

if __name__ == "__main__":
    main(__doc__.split("\n")[0])
