"""ERP import at the size of a corporation: 200,000 persons, 100,000 units and 220,000
tenancies from CSV files, then the same files again with 1% of the rows changed (issue 20).

    createdb -h 127.0.0.1 -U postgres kc_erp_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/kc_erp_bench
    .venv/bin/python manage.py migrate --noinput
    .venv/bin/python bench/erp_import.py                 # the issue's sizes
    .venv/bin/python bench/erp_import.py --scale 0.05    # a twentieth, for a quick look

Writes the files (reproducibly from --seed) to --dir, empties the persons, units and tenancies
of the database, and imports the three files through ``erpimport.services.import_rows`` (what
``manage.py import_erp`` runs), timing each and sampling the process's resident memory after
every chunk; then changes 1% of the rows of each file and imports them again. Prints rows per
second, the time of each step, and the memory at the start, its peak and at the end. Bars: the
first import under 5 minutes, the re-import under 2 minutes, memory flat.
Writes to the database: use one of its own (its name must contain "bench", or pass --force).
"""

import argparse
import csv
import os
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klantcontact.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from accounts.models import Team  # noqa: E402
from accounts.services import create_team  # noqa: E402
from erpimport import formats, services  # noqa: E402
from referencedata.names import common_name_words  # noqa: E402
from referencedata.services import load_reference_codes  # noqa: E402

SIZES = {"persons": 200_000, "units": 100_000, "tenancies": 220_000}
TEAMS = 20
STREETS = ("Kerkstraat", "Dorpsweg", "Molenlaan", "Schoolstraat", "Beukenlaan", "Havenkade")


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def write_files(folder: Path, scale: float, seed: int, changed: float = 0.0) -> dict:
    """The three CSV files; ``changed``: the share of rows with a changed value (same seed, so
    the other rows are the same as in the first files)."""
    rng = random.Random(seed)  # noqa: S311 - test data
    change = random.Random(seed + 1)  # noqa: S311
    names = sorted(common_name_words())
    n = {kind: max(1, int(size * scale)) for kind, size in SIZES.items()}
    files = {}
    folder.mkdir(parents=True, exist_ok=True)

    def writer(kind, header):
        path = folder / f"{kind}{'-changed' if changed else ''}.csv"
        files[kind] = path
        handle = path.open("w", encoding="utf-8", newline="")
        out = csv.writer(handle, delimiter=";")
        out.writerow(header)
        return handle, out

    handle, out = writer(
        "persons",
        [
            "relatienummer",
            "voorletters",
            "roepnaam",
            "achternaam",
            "geboortedatum",
            "telefoonnummer",
            "email",
        ],
    )
    for i in range(n["persons"]):
        surname, given = rng.choice(names).title(), rng.choice(names).title()
        if change.random() < changed:
            surname += "-Smit"
        phone = f"06{rng.randrange(10_000_000, 99_999_999)}"
        born = f"{rng.randrange(1930, 2005)}-{rng.randrange(1, 13):02}-{rng.randrange(1, 29):02}"
        out.writerow([f"R{i:07}", given[0] + ".", given, surname, born, phone, f"r{i}@example.nl"])
    handle.close()
    handle, out = writer(
        "units", ["eenheidnummer", "straat", "huisnummer", "postcode", "plaats", "team"]
    )
    for i in range(n["units"]):
        street = STREETS[i % len(STREETS)] + ("" if change.random() >= changed else "-Oost")
        postcode = f"{1000 + i // 600}{chr(65 + (i // 26) % 26)}{chr(65 + i % 26)}"
        out.writerow(
            [
                f"VHE{i:07}",
                street,
                1 + i % 200,
                postcode,
                "Utrecht",
                f"team{i % TEAMS}",
            ]
        )
    handle.close()
    handle, out = writer(
        "tenancies",
        ["contractnummer", "eenheidnummer", "relatienummer", "rol", "ingangsdatum", "einddatum"],
    )
    for i in range(n["tenancies"]):
        person = i if i < n["persons"] else rng.randrange(n["persons"])
        unit = i % n["units"]
        end = "" if i < n["units"] else "2019-12-31"
        if change.random() < changed:
            end = "2026-11-30"
        role = "HUU" if i < n["persons"] else "MDH"
        out.writerow(
            [
                f"C{unit:07}-{i // n['units']}",
                f"VHE{unit:07}",
                f"R{person:07}",
                role,
                "2010-01-01",
                end,
            ]
        )
    handle.close()
    return files


def import_file(kind: str, path: Path, samples: list) -> tuple:
    started = time.monotonic()
    with path.open("rb") as stream:
        run = services.import_rows(
            kind,
            formats.read_rows(kind, stream, "csv"),
            file_name=path.name,
            progress=lambda _rows: samples.append(rss_mb()),
        )
    return run, time.monotonic() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=20261207)
    parser.add_argument("--dir", default="var/bench-erp")
    parser.add_argument("--force", action="store_true")
    args = parser.parse_args()
    name = str(connection.settings_dict["NAME"])
    if connection.vendor != "postgresql" or ("bench" not in name and not args.force):
        sys.exit("Run against a PostgreSQL database of its own (name with 'bench', or --force).")
    load_reference_codes()
    for i in range(TEAMS):
        if not Team.objects.filter(code=f"team{i}").exists():
            create_team(name=f"Team {i}", code=f"team{i}")
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE contacts_tenancy, contacts_phonenumber, contacts_emailaddress, "
            "contacts_unit, contacts_person, audit_logentry, erpimport_importrun CASCADE"
        )
    folder = Path(args.dir)
    t0 = time.monotonic()
    first = write_files(folder, args.scale, args.seed)
    second = write_files(folder, args.scale, args.seed, changed=0.01)
    print(f"files written in {time.monotonic() - t0:.1f} s to {folder}", flush=True)
    samples = [rss_mb()]
    for label, files in (("first import", first), ("re-import, 1% changed", second)):
        total = 0.0
        for kind in ("persons", "units", "tenancies"):
            run, seconds = import_file(kind, files[kind], samples)
            total += seconds
            print(
                f"  {label:22} {kind:10} {run.rows:>8,} rows {seconds:7.1f} s "
                f"{run.rows / seconds:8,.0f} rows/s  created {run.created:,} updated "
                f"{run.updated:,} unchanged {run.unchanged:,} refused {run.refused:,}",
                flush=True,
            )
        bar = 300 if label == "first import" else 120
        if args.scale == 1:
            verdict = "met" if total < bar else "NOT met"
        else:
            verdict = "the bar is for scale 1"
        print(f"  {label}: {total:.1f} s in all (bar {bar} s: {verdict})", flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"memory: {samples[0]:.0f} MB at the start, {max(samples):.0f} MB at most after a "
        f"chunk, {samples[-1]:.0f} MB at the end (peak RSS {peak:.0f} MB)"
    )


if __name__ == "__main__":
    main()
