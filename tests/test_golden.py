"""The golden check: what the loaders extract from every seed and corpus file, as a compact digest
(tests/golden.py), against the digests committed under tests/data/golden/. A change to any field of
any record fails here and names the file and the field, so a refactoring shows what it changed and a
deliberate change shows up as a reviewed diff of the golden files. Regenerate them with
`pytest tests/test_golden.py --update-golden` (or CSKG_UPDATE_GOLDEN=1)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.golden import golden_path

GOLDEN = Path(__file__).resolve().parent / "data" / "golden"


def _differences(old: dict, new: dict) -> list[str]:
    """Each field of each record that differs, with its first difference."""
    old_records, new_records = old.get("records"), new.get("records")
    if not isinstance(old_records, list) or not isinstance(new_records, list) or len(old_records) != len(new_records):
        return [_first_difference(old, new, "")]
    return [_first_difference(a.get(key), b.get(key), f".records[{index}].{key}")
            for index, (a, b) in enumerate(zip(old_records, new_records))
            for key in sorted(set(a) | set(b)) if a.get(key) != b.get(key)]


def _first_difference(old: object, new: object, where: str) -> str:
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(set(old) | set(new)):
            if old.get(key) != new.get(key):
                return _first_difference(old.get(key), new.get(key), f"{where}.{key}")
    if isinstance(old, list) and isinstance(new, list):
        for index, (a, b) in enumerate(zip(old, new)):
            if a != b:
                return _first_difference(a, b, f"{where}[{index}]")
        if len(old) != len(new):
            return f"{where}: {len(old)} items, now {len(new)}"
    return f"{where}: {old!r:.160} -> {new!r:.160}"


def _write(path: Path, digest: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(digest, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")


def test_every_extracted_record_matches_the_golden_digest(loaded_files: dict, update_golden: bool) -> None:
    expected = {path: path for path in GOLDEN.rglob("*.json")}
    current = {golden_path(GOLDEN, source): loaded.digest for source, loaded in loaded_files.items()}
    if update_golden:
        for path in set(expected) - set(current):
            path.unlink()
        for path, digest in current.items():
            _write(path, digest)
        return
    assert current, "no input files found"
    problems = [f"{path.relative_to(GOLDEN)}: no golden digest (run with --update-golden)"
                for path in sorted(set(current) - set(expected))]
    problems += [f"{path.relative_to(GOLDEN)}: golden digest of a file no longer read"
                 for path in sorted(set(expected) - set(current))]
    for path in sorted(set(current) & set(expected)):
        old = json.loads(path.read_text(encoding="utf-8"))
        new = json.loads(json.dumps(current[path]))  # the same types as read back
        if old != new:
            problems += [f"{path.relative_to(GOLDEN)}: {difference}" for difference in _differences(old, new)]
    assert not problems, f"{len(problems)} differences from the golden digests " \
                         f"(pytest --update-golden after review):\n" + "\n".join(problems[:60])


def test_the_digest_keeps_only_a_few_words_per_item(loaded_files: dict) -> None:
    """The golden files hold no report text beyond a few words per item."""
    for loaded in loaded_files.values():
        for record in loaded.digest.get("records", []):
            for field in ("recommendations", "findings"):
                for item in record[field]:
                    assert len(item.partition(": ")[2].split()) <= 4, (loaded.source, item)
