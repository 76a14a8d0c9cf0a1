"""docs/results.md's figures from seed rows: the EMA/raw split and FID at the floor's n."""

from benchmarks.seeds_doc import _at_floor_n, _classifier_note, _mark, summarise, with_raw_rows


def row(seed, fid, **extra):
    return {"config": "dcgan", "data": "digits", "seed": seed, "fid": fid, "precision": 0.5,
            "recall": 0.8, "coverage": 1.0, "train_seconds": 10.0, "epochs": 2,
            "image_size": 16, "date": "2026-12-04", **extra}  # fmt: skip


def test_a_raw_row_takes_the_raw_generators_figures_and_never_the_ema_ones():
    rows = with_raw_rows(
        [
            row(0, 5.0, fid_raw=7.0, fid_at_floor_n=6.0),
            row(1, 4.0, fid_raw=8.0, fid_at_floor_n=5.0, fid_at_floor_n_raw=9.0),
        ]
    )
    raw = {r["seed"]: r for r in rows if r["config"] == "dcgan-no-ema"}
    assert raw[0]["fid"] == 7.0 and "fid_at_floor_n" not in raw[0]
    assert raw[1]["fid"] == 8.0 and raw[1]["fid_at_floor_n"] == 9.0


def test_fid_at_the_floors_n_is_shown_against_the_floor_with_the_seeds_it_covers():
    summary = summarise([row(0, 3.0, fid_at_floor_n=6.0), row(1, 4.0, fid_at_floor_n=8.0),
                         row(2, 5.0)])  # fmt: skip
    assert _at_floor_n(summary, {"n": 359, "fid": 4.0}) == "7.00 (1.8x, 2 of its seeds)"
    # a floor of 1,000 images is already at the protocol's n: the median FID itself
    assert _at_floor_n(summary, {"n": 1000, "fid": 2.0}) == "4.00 (2.0x)"
    assert _at_floor_n(summarise([row(0, 3.0)]), {"n": 359, "fid": 4.0}) == "-"
    assert _at_floor_n(summary, None) == "-"


def test_a_median_is_marked_where_a_seed_was_not_scored_by_the_floors_classifier():
    floor = {"n": 1000, "fid": 2.0, "classifier": "aaaa"}
    same = summarise([row(0, 3.0, classifier="aaaa"), row(1, 4.0, classifier="aaaa")])
    mixed = summarise([row(0, 3.0, classifier="aaaa"), row(1, 4.0, classifier="bbbb")])
    unrecorded = summarise([row(0, 3.0, classifier="aaaa"), row(1, 4.0)])
    assert _mark(same, floor) == ""
    assert _mark(mixed, floor) == _mark(unrecorded, floor) == " †"
    assert _mark(mixed, {"n": 1000, "fid": 2.0}) == ""  # a floor that records none
    assert "aaaa" in _classifier_note(floor) and _classifier_note({"n": 1, "fid": 1}) == ""
