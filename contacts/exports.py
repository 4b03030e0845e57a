"""The team leader dashboard as a CSV file (semicolons, for Dutch spreadsheets): contacts per
week and channel, then per week the share answered at first contact. Input:
``contacts.selectors.dashboard_figures``."""

import csv

from django.utils.translation import gettext as _


def dashboard_csv(out, figures: dict) -> None:
    """Write the dashboard's figures to ``out`` (a file or an ``HttpResponse``)."""
    writer = csv.writer(out, delimiter=";")
    writer.writerow([_("week"), _("channel"), _("contacts")])
    for channel in figures["channels"]:
        for week, count in zip(figures["weeks"], channel["counts"], strict=True):
            writer.writerow([week.isoformat(), channel["name"], count])
    writer.writerow([])
    writer.writerow([_("week"), _("contacts"), _("answered at first contact"), _("share")])
    for row in figures["week_rows"]:
        share = f"{row['answered'] / row['n']:.2f}" if row["n"] else ""
        writer.writerow([row["week"].isoformat(), row["n"], row["answered"], share])
