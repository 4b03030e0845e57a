"""One type for a refusal by a rule (klantcontact.errors.ApplicationError): the refusals of the
apps are of that type, and the API answers every one the same way, as a problem response with
the refusal's status, code and message, rolling back what the request had written."""

import json

import pytest

from api import problems
from klantcontact.errors import ApplicationError
from retention.actions import RetentionBlocked
from retention.engine import RunLocked
from retention.services.erasures import ErasureRefused
from rights.services import DownloadExpired, OptOutLinkInvalid, SurveyExportRefused


@pytest.mark.parametrize(
    "error",
    [
        ErasureRefused,
        RunLocked,
        RetentionBlocked,
        SurveyExportRefused,
        DownloadExpired,
        OptOutLinkInvalid,
    ],
)
def test_the_refusals_of_the_apps_are_application_errors(error):
    assert issubclass(error, ApplicationError)


class NotToday(ApplicationError):
    status = 423
    code = "not-today"


def test_the_api_answers_an_application_error_as_a_problem_with_its_status_and_code():
    response = problems.exception_handler(NotToday("Vandaag niet."), {})
    assert response.status_code == 423
    assert response.content_type == problems.PROBLEM_CONTENT_TYPE
    assert response.data["type"].endswith("not-today")
    assert response.data["detail"] == "Vandaag niet."
    assert response.data["status"] == 423


def test_a_refusal_without_a_message_still_says_something():
    response = problems.exception_handler(ApplicationError(), {})
    assert response.status_code == 409
    assert response.data["type"].endswith("refused")
    assert response.data["detail"]


def test_the_survey_refusal_keeps_its_own_message_and_status():
    refused = SurveyExportRefused()
    response = problems.exception_handler(refused, {})
    assert response.status_code == 403
    assert response.data["detail"] == str(refused.message)
    assert response.data["type"].endswith("survey-export-refused")
    assert json.loads(json.dumps(response.data))["status"] == 403
