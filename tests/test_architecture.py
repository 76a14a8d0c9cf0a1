"""The package's rooms and the order they import in (docs/architecture.md)."""

import ast
import os

from tests.helpers import ROOT

PACKAGE = os.path.join(ROOT, "keras_gans")
ROOT_MODULES = {"__init__.py", "errors.py", "version.py", "losses.py", "latent.py"}
# Each room may import the rooms of a lower rank and itself, nothing else.
RANKS = {
    "errors": 0,
    "version": 0,
    "utils": 1,
    "losses": 2,
    "networks": 2,
    "data": 2,
    "features": 2,
    "latent": 2,
    "metrics": 3,
    "models": 4,
    "export": 5,
    "reports": 5,
    "callbacks": 6,
    "runs": 7,
    "cli": 8,
}


def room_of(dotted):
    """``keras_gans.models.base`` -> ``models``; ``keras_gans.losses`` -> ``losses``."""
    parts = dotted.split(".")
    return parts[1] if len(parts) > 1 else None


def imported_rooms(path):
    """``{(room, line)}`` of every keras_gans import in ``path``, lazy ones included."""
    found = set()
    for node in ast.walk(ast.parse(open(path).read(), path)):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            assert node.level == 0, f"{path}:{node.lineno} uses a relative import"
            if node.module == "keras_gans":
                names = [f"keras_gans.{a.name}" for a in node.names]
            else:
                names = [node.module]
        else:
            continue
        found |= {(room_of(n), node.lineno) for n in names if n.startswith("keras_gans.")}
    return found


def package_modules():
    for folder, _, files in os.walk(PACKAGE):
        for name in files:
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                rel = os.path.relpath(path, PACKAGE)
                yield path, rel


def module_room(rel):
    first = rel.split(os.sep)[0]
    return first[:-3] if first.endswith(".py") else first


def violations():
    bad = []
    for path, rel in package_modules():
        if rel == "__init__.py":
            continue  # the public re-exports
        room = module_room(rel)
        for target, line in imported_rooms(path):
            if target != room and RANKS[target] >= RANKS[room]:
                bad.append(f"keras_gans/{rel}:{line}: {room} imports {target}")
    return sorted(bad)


def test_the_package_root_holds_only_the_core_modules_and_rooms():
    entries = {e for e in os.listdir(PACKAGE) if e != "__pycache__"}
    files = {e for e in entries if os.path.isfile(os.path.join(PACKAGE, e))}
    rooms = entries - files
    assert files == ROOT_MODULES
    assert rooms == {r for r in RANKS if r not in ("errors", "version", "losses", "latent")}
    for room in rooms:
        assert os.path.isfile(os.path.join(PACKAGE, room, "__init__.py")), room


def test_every_import_points_down_the_layer_order():
    assert violations() == []


def test_the_checker_sees_an_upward_import(tmp_path):
    planted = tmp_path / "base.py"
    planted.write_text("def f():\n    from keras_gans.export import save_generator\n")
    assert imported_rooms(str(planted)) == {("export", 2)}
    assert RANKS["export"] >= RANKS["models"]  # so models/base.py doing this is flagged


def test_the_layer_order_is_the_one_docs_architecture_states():
    doc = open(os.path.join(ROOT, "docs", "architecture.md")).read()
    for room, rank in RANKS.items():
        assert f"| {rank} | `{room}` |" in doc, f"docs/architecture.md lacks the row of {room}"


def test_no_source_file_is_hidden_by_gitignore():
    import shutil
    import subprocess

    import pytest

    if shutil.which("git") is None or not os.path.isdir(os.path.join(ROOT, ".git")):
        pytest.skip("not a git checkout")
    ignored = subprocess.run(
        ["git", "ls-files", "--others", "--ignored", "--exclude-standard", "--", "keras_gans", "tests"],
        capture_output=True, text=True, cwd=ROOT, check=True,
    ).stdout.split()  # fmt: skip
    assert [f for f in ignored if f.endswith((".py", ".md", ".json", ".keras"))] == []
