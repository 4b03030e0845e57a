"""Background jobs of the disclosure log (scheduled in settings.CELERY_BEAT_SCHEDULE, UTC).

Safe to run twice: a run that is done for a covenant and day is returned as it is.
"""

import logging

from celery import shared_task
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from . import arrears, services

logger = logging.getLogger(__name__)


@shared_task
def monthly_arrears_signal() -> dict:
    """Monthly: the arrears signal to the municipality, under every covenant in force that is
    marked for it (``DISCLOSURE_ARREARS_AGREEMENT``, its reference; empty: nothing happens)."""
    reference = settings.DISCLOSURE_ARREARS_AGREEMENT.strip()
    if not reference:
        logger.info("arrears signal: DISCLOSURE_ARREARS_AGREEMENT is not set; nothing to do")
        return {
            "status": "not_configured",
            "detail": "DISCLOSURE_ARREARS_AGREEMENT is empty: no arrears signal is run.",
            "runs": [],
        }
    raw = settings.DISCLOSURE_ARREARS_THRESHOLD_MONTHS
    try:
        threshold = arrears.parse_decimal(raw)
    except ValueError:
        logger.error("arrears signal: DISCLOSURE_ARREARS_THRESHOLD_MONTHS=%r is not a number", raw)
        return {"status": "misconfigured", "detail": "threshold is not a number", "runs": []}
    as_of = timezone.localdate()
    agreements = [a for a in services.agreements_in_force(as_of) if a.reference == reference]
    if not agreements:
        logger.warning("arrears signal: no covenant %s in force on %s", reference, as_of)
        return {"status": "no_agreement_in_force", "agreement": reference, "runs": []}
    runs = []
    for agreement in agreements:
        try:
            run = arrears.run_arrears_signal(
                agreement=agreement, as_of=as_of, threshold_months=threshold
            )
        except ValidationError as exc:
            logger.error("arrears signal under %s refused: %s", reference, "; ".join(exc.messages))
            return {"status": "misconfigured", "detail": "; ".join(exc.messages), "runs": runs}
        runs.append(
            {
                "run": run.pk,
                "agreement": agreement.reference,
                "as_of": run.as_of.isoformat(),
                "status": run.status,
                "selected": run.selected,
                "disclosed": run.disclosed,
                "left_out": run.left_out,
                "error": run.error,
            }
        )
        if run.status == run.Status.FAILED:
            logger.error("arrears signal run #%s under %s failed", run.pk, reference)
    failed = any(r["status"] == "failed" for r in runs)
    return {"status": "failed" if failed else "done", "runs": runs}
