import json
import multiprocessing

from benchmarks.seeds import save_row


def _save_rows(path, worker, count):
    for seed in range(count):
        save_row({"config": f"c{worker}", "data": "digits", "seed": seed, "fid": 1.0}, path)


def test_rows_saved_by_runs_that_finish_at_once_are_all_kept(tmp_path):
    path = str(tmp_path / "results.json")
    with open(path, "w") as f:
        json.dump({"floors": {"digits": {"fid": 4.1}}}, f)
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_save_rows, args=(path, w, 10)) for w in range(6)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert [w.exitcode for w in workers] == [0] * 6
    with open(path) as f:
        results = json.load(f)
    keys = {(r["config"], r["seed"]) for r in results["seed_runs"]}
    assert keys == {(f"c{w}", s) for w in range(6) for s in range(10)}
    assert results["floors"] == {"digits": {"fid": 4.1}}


def test_a_row_replaces_the_one_of_the_same_config_data_and_seed(tmp_path):
    path = str(tmp_path / "results.json")
    save_row({"config": "dcgan", "data": "digits", "seed": 0, "fid": 5.0}, path)
    save_row({"config": "dcgan", "data": "mnist", "seed": 0, "fid": 6.0}, path)
    save_row({"config": "dcgan", "data": "digits", "seed": 0, "fid": 4.0}, path)
    with open(path) as f:
        rows = json.load(f)["seed_runs"]
    assert [(r["data"], r["fid"]) for r in rows] == [("mnist", 6.0), ("digits", 4.0)]
