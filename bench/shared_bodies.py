"""Shared bodies against the labelled truth (tests/data/shared_truth): recall of council pairs, and
precision of every pair shared-boards asserts, as marked by reading its evidence (bench/shared_pairs_marks).

    python bench/shared_bodies.py                      # ingest seeds + corpus into memory first
    python bench/shared_bodies.py --store cskg-store   # a store built by `cskg ingest`
    python bench/shared_bodies.py --write-pairs        # also rewrite bench/shared_pairs.csv (pairs, marks)
    python bench/shared_bodies.py --unmarked FILE      # the pairs no mark covers: FILE to fill in, evidence printed

No report text is written into the project: bench/shared_pairs.csv and the marks hold each evidence
sentence as its digest (tests/shared_truth.evidence_digest) and its first six words, and a mark holds for
the digest it was made on, so a pair whose evidence changes is unmarked until it is read again.
--unmarked writes the unmarked rows in the marks' columns, verdict and note empty, to be filled in after
reading the evidence it prints, and moved into bench/shared_pairs_marks/.

Recall: of the council pairs the truth's sentences state (their councils plus the members of a group
the gazetteer knows), the share that shared-boards lists. Sentence recall: of the truth rows tying two
or more councils, the share whose report's own graph ties at least two of those councils to one body
(so the pair is stated by that report, not only found through another). Precision: of the pairs
shared-boards asserts, the share marked true in bench/shared_pairs_marks; pairs not yet marked are
counted and listed, never guessed.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cskg.graph.ingest import ingest  # noqa: E402
from cskg.graph.stores import open_store  # noqa: E402
from cskg.queries import load_query  # noqa: E402
from tests.conftest import CORPUS, SEEDS  # noqa: E402
from tests.shared_truth import mark_key, marked_pairs, pair_row, truth_pairs, truth_rows  # noqa: E402

PAIRS_CSV = ROOT / "bench" / "shared_pairs.csv"  # every asserted pair with its evidence's digest and mark (written)
EVIDENCE_COLUMNS = ("source_a", "page_a", "digest_a", "words_a", "source_b", "page_b", "digest_b", "words_b")
PAIR_COLUMNS = ("authority_a_code", "authority_b_code", "body_id", "verdict", "note", "authority_a", "authority_b",
                "body", "kind", *EVIDENCE_COLUMNS)
MARK_COLUMNS = ("authority_a_code", "authority_b_code", "body_id", "verdict", "note", *EVIDENCE_COLUMNS)
_TIES = """
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX cskg: <https://w3id.org/cskg/ontology#>
PREFIX role: <https://w3id.org/cskg/id/role/>
SELECT DISTINCT ?path ?org ?gss WHERE {
  ?m org:organization ?org ; org:member ?a ; org:role ?r ; prov:wasDerivedFrom ?p .
  FILTER (?r IN (role:member, role:joint, role:delivers-for, role:group-member))
  ?p dcterms:isPartOf ?report . ?report cskg:sourcePath ?path . ?a cskg:gssCode ?gss
}"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", help="a store built by cskg ingest (default: ingest into memory)")
    parser.add_argument("--write-pairs", action="store_true", help="rewrite bench/shared_pairs.csv, keeping marks")
    parser.add_argument("--unmarked", type=Path, help="write the pairs no mark covers to this CSV, for reading")
    args = parser.parse_args()
    store = open_store(args.store or ":memory:")
    if not args.store:
        ingest([SEEDS, CORPUS], store)
    rows = load_query("shared-boards").run(store, {}).as_dicts()
    asserted = {(r["authority_a_code"], r["authority_b_code"]) for r in rows}
    truth = truth_pairs()
    missed = sorted(truth - asserted)
    print(f"pair recall: {len(truth) - len(missed)}/{len(truth)} = {(len(truth) - len(missed)) / max(1, len(truth)):.1%}")
    for a, b in missed:
        print(f"  missed pair {a} {b}")

    ties: dict[tuple[str, str], set[str]] = {}
    for r in store.select(_TIES).as_dicts():
        ties.setdefault((r["path"], r["org"]), set()).add(r["gss"])
    by_path: dict[str, list[set[str]]] = {}
    for (path, _), councils in ties.items():
        by_path.setdefault(path, []).append(councils)
    stated = [row for row in truth_rows() if row.shared and len(row.all_councils()) >= 2]
    found = [row for row in stated
             if any(len(councils & row.all_councils()) >= 2 for councils in by_path.get(row.source, []))]
    print(f"sentence recall: {len(found)}/{len(stated)} = {len(found) / max(1, len(stated)):.1%}")
    for row in stated:
        if row not in found:
            print(f"  missed {row.file} p{row.page} {' '.join(sorted(row.all_councils()))} {row.body!r}: {row.quote}")

    marks = marked_pairs()
    verdicts = [marks.get(mark_key(r), {}).get("verdict", "") for r in rows]
    true, false = verdicts.count("true"), verdicts.count("false")
    print(f"asserted pairs: {len(rows)} rows, {len(asserted)} council pairs; marked true {true}, false {false}, "
          f"unmarked {len(rows) - true - false}")
    if true + false:
        print(f"precision over marked rows: {true}/{true + false} = {true / (true + false):.1%}")
    if args.unmarked:
        unmarked = [r for r, verdict in zip(rows, verdicts) if not verdict]
        with args.unmarked.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, MARK_COLUMNS, extrasaction="ignore")
            writer.writeheader()
            writer.writerows({**pair_row(r), "verdict": "", "note": ""} for r in unmarked)
        for n, r in enumerate(unmarked, start=2):  # the evidence to read, by the file's line
            print(f"  line {n}: {r['authority_a']} / {r['authority_b']}, {r['body']} ({r['body_id']})")
            for side in "ab":
                print(f"    {side}: {r[f'source_{side}']} p{r[f'page_{side}'] or '-'}: {r[f'evidence_{side}']}")
        print(f"wrote {len(unmarked)} unmarked rows to {args.unmarked}")
    if args.write_pairs:
        with PAIRS_CSV.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, PAIR_COLUMNS, extrasaction="ignore")
            writer.writeheader()
            for r in rows:
                old = marks.get(mark_key(r), {})
                writer.writerow({**pair_row(r), "verdict": old.get("verdict", ""), "note": old.get("note", "")})
        print(f"wrote {PAIRS_CSV}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
