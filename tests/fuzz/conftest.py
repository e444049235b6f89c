"""Property-based tests (hypothesis) over every reader and over `analyze`.

Two profiles: `ci` (the default: few, short examples, about half a minute for the whole
folder, run with the suite, the same examples every run) and `long` (many random
examples, $NEWSGRAPH_FUZZ_EXAMPLES per test, 3000 by default; failures are kept in
.hypothesis/ and tried first next time), for `scripts/fuzz.sh`. Choose with
`NEWSGRAPH_FUZZ=long` or pytest's `--hypothesis-profile long`."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("ci", max_examples=40, deadline=None, derandomize=True, database=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("long", max_examples=int(os.environ.get("NEWSGRAPH_FUZZ_EXAMPLES", "3000")), deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("NEWSGRAPH_FUZZ", "ci"))
