"""The generator's shared state: the sizes at the chosen scale, the one random generator every
step draws from in a fixed order (so a seed gives the same rows), the reference ids, and the
printing of each step's rows and time."""

import random

from .base import SIZES, YEARS, Clock
from .contacts import Contacts
from .people import People
from .relations import Relations


class Generator(People, Relations, Contacts):
    """The COPY steps come from the mixins; the ORM steps (``orm``) set ``teams``,
    ``employees`` and ``all_employees`` on it first."""

    def __init__(self, args, dsn: str):
        self.args = args
        self.dsn = dsn
        self.rng = random.Random(args.seed)  # noqa: S311 (benchmark data)
        self.clock = Clock(args.until, YEARS)
        scale = args.scale
        self.n = {key: max(1, round(value * scale)) for key, value in SIZES.items()}
        self.timings: list[tuple[str, int, float]] = []

    def step(self, label: str, rows: int, seconds: float) -> None:
        self.timings.append((label, rows, seconds))
        rate = f"{rows / seconds:,.0f} rows/s" if seconds > 0 and rows else ""
        print(f"  {label:38} {rows:>12,} rows  {seconds:8.1f} s  {rate}", flush=True)

    def reference(self, conn):
        """The ids of the reference codes, subjects, task kinds, signal types and the
        ``view_person`` permission, read once from the migrated database."""

        def codes(code_list):
            return dict(
                conn.execute(
                    "SELECT code, id FROM referencedata_referencecode WHERE code_list = %s",
                    [code_list],
                ).fetchall()
            )

        self.channel_ids = codes("COMMUNICATIEKANAAL")
        self.role_ids = codes("RELATIEROLSOORT")
        self.defect_ids = list(codes("DEFECTSOORT").values())
        self.subject_ids = dict(conn.execute("SELECT code, id FROM contacts_contactsubject"))
        self.subject_defect = dict(
            conn.execute("SELECT code, asks_for_defect FROM contacts_contactsubject")
        )
        self.task_kind_ids = dict(conn.execute("SELECT code, id FROM contacts_taskkind"))
        self.signal_types = conn.execute(
            "SELECT id, sensitivity FROM contacts_signaltype ORDER BY id"
        ).fetchall()
        self.view_person = conn.execute(
            "SELECT p.id FROM auth_permission p JOIN django_content_type ct "
            "ON ct.id = p.content_type_id "
            "WHERE ct.app_label = 'contacts' AND p.codename = 'view_person'"
        ).fetchone()[0]
