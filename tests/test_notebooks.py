"""The notebooks in notebooks/ run top to bottom on the bundled sample round, and the saved copies
carry their outputs (``make notebooks`` refreshes them) without anything run-dependent."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
pytest.importorskip("nbclient")

FOLDER = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOKS = sorted(FOLDER.glob("*.ipynb"))
_spec = importlib.util.spec_from_file_location("execute_notebooks", FOLDER / "execute.py")
assert _spec and _spec.loader
execute_notebooks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(execute_notebooks)


def test_there_is_a_notebook_for_exploring_and_one_for_tuning():
    assert {p.name for p in NOTEBOOKS} >= {"explore_round.ipynb", "tune_weights.ipynb"}


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_top_to_bottom_and_its_saved_outputs_are_there(path):
    fresh = execute_notebooks.execute(path)
    errors = [output for cell in fresh.cells if cell.cell_type == "code"
              for output in cell.get("outputs", []) if output.get("output_type") == "error"]
    assert not errors
    assert execute_notebooks.unstable_outputs(fresh) == [], "outputs must not depend on the run"
    saved = nbformat.read(path, as_version=4)
    for number, (ran, kept) in enumerate(zip(fresh.cells, saved.cells)):
        if ran.cell_type == "code" and ran.get("outputs"):
            assert kept.get("outputs"), f"{path.name} cell {number} was saved without its output: run make notebooks"
    assert not any("execution" in cell.get("metadata", {}) for cell in saved.cells), "no timing metadata"
    if path.name == "tune_weights.ipynb":
        assert any("image/png" in output.get("data", {}) for cell in saved.cells
                   for output in cell.get("outputs", [])), "the trade-off plot is saved"


def test_unstable_outputs_finds_paths_and_times():
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x")])
    notebook.cells[0].outputs = [nbformat.v4.new_output("stream", text="wrote /tmp/x/output in 0.42 s\n")]
    assert len(execute_notebooks.unstable_outputs(notebook)) == 1
    notebook.cells[0].outputs = [nbformat.v4.new_output("stream", text="88 pairs, 2 unmatched\n")]
    assert execute_notebooks.unstable_outputs(notebook) == []
