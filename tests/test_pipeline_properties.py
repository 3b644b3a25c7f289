"""Any bytes in a page file give a page or the placeholder, never an exception (issue 8).

The same strategy as the bounded fuzzing run in bench/fuzz.py (which runs it for minutes),
here for a few hundred examples on every test run.
"""

import sys
from pathlib import Path

from conftest import ROOT
from hypothesis import HealthCheck, given, settings

sys.path.insert(0, str(ROOT / "bench"))
from fuzz import Fuzz, page_bytes  # noqa: E402

_fuzz: dict[str, Fuzz] = {}


@settings(max_examples=300, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=page_bytes())
def test_any_page_file_renders_inert_or_as_the_placeholder(data: bytes, tmp_path: Path):
    if "run" not in _fuzz:  # one content folder for every example
        _fuzz["run"] = Fuzz(tmp_path / "content", slow=20)
    _fuzz["run"].run_one(data)
