"""One error hierarchy: every domain error is a TrackerError that says how the CLI and the API answer it."""
import pytest

from tracker.errors import Conflict, Forbidden, InputError, NotFound, StateError, Throttled, TrackerError
from tracker.evidence import EvidenceTooLarge, EvidenceTypeRefused, store
from tracker.programme import ProgrammeError
from tracker.rules.uscc import USCCError, normalize_uscc


@pytest.mark.parametrize("error, exit_code, http_status", [
    (InputError("x"), 2, 400), (StateError("x"), 1, 409), (NotFound("x"), 2, 404), (Forbidden("x"), 1, 403),
    (Conflict("x"), 1, 409), (Throttled(), 1, 429), (EvidenceTooLarge("x"), 2, 413),
    (EvidenceTypeRefused("x"), 2, 415), (USCCError("x"), 2, 400), (ProgrammeError("x"), 2, 400),
], ids=lambda v: type(v).__name__ if isinstance(v, Exception) else str(v))
def test_each_domain_error_carries_its_exit_code_and_http_status(error, exit_code, http_status):
    assert isinstance(error, TrackerError)
    assert (error.exit_code, error.http_status) == (exit_code, http_status)


def test_a_bad_uscc_is_bad_input_naming_the_problem():
    with pytest.raises(InputError) as caught:
        normalize_uscc("123")
    assert "18" in str(caught.value) and caught.value.problems[0].message == str(caught.value)


def test_evidence_of_a_refused_type_is_a_tracker_error(tmp_path):
    with pytest.raises(TrackerError) as caught:
        store(b"MZ not a document", tmp_path)
    assert caught.value.http_status == 415
