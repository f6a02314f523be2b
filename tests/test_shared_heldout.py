"""Shared bodies on the held-out passages (bench/shared_heldout/): each round's score kept as a golden check, so a
change to the rules shows what it gains or loses on wordings cskg was not built on (bench/shared_bodies_heldout.py
prints every failing passage). `pytest tests/test_shared_heldout.py --update-golden` rewrites the scores after
review; the README's table quotes them."""

from __future__ import annotations

import json
from dataclasses import asdict

from tests.conftest import PROJECT_ROOT
from tests.shared_heldout import ROUNDS, judge, load_items, score

GOLDEN = PROJECT_ROOT / "tests" / "data" / "shared_heldout_scores.json"


def test_every_rounds_score_is_the_one_kept(update_golden: bool) -> None:
    scores = {path.stem: asdict(score([judge(item) for item in load_items([path])])) for path in ROUNDS}
    if update_golden:
        GOLDEN.write_text(json.dumps(scores, indent=1) + "\n", encoding="utf-8")
    assert scores == json.loads(GOLDEN.read_text(encoding="utf-8")), \
        "held-out shared-body scores changed: read bench/shared_bodies_heldout.py's failures, then --update-golden"


def test_traps_tie_no_councils_and_precision_stays_above_the_issues_floor() -> None:
    """Traps (comparisons, placements, peer reviews, a council's own board) tie no two councils in 99 of 100, and the
    pairs read are at least 95 % right over all rounds (issue 14's target)."""
    total = score([judge(item) for item in load_items()])
    assert total.clean / total.traps >= 0.99
    assert total.read_right / total.read >= 0.95
