"""Run the notebooks top to bottom and save them with their outputs: ``make notebooks``.

A code host then shows each notebook with its tables and plots. Outputs are kept deterministic,
so a re-run changes the files only when the results change: no timing metadata, no execution
times or temporary paths printed (:func:`unstable_outputs` finds them; this script refuses to
save a notebook that has any).

Usage: ``python notebooks/execute.py [NOTEBOOK ...]`` (default: every ``notebooks/*.ipynb``).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbclient
import nbformat

HERE = Path(__file__).resolve().parent
#: Printed text that differs between runs or machines: absolute paths and run times.
UNSTABLE = re.compile(r"(/tmp/|/home/|/Users/|/work/|[A-Z]:\\\\|\d+(\.\d+)? ?(s|ms|seconds)\b|solve_seconds)")


def execute(path: Path) -> nbformat.NotebookNode:
    """The notebook at ``path`` run in a fresh kernel from its own folder, without timing data."""
    notebook = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3", record_timing=False,
                                     resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    return notebook


def output_texts(notebook: nbformat.NotebookNode) -> list[tuple[int, str]]:
    """(cell number, text) of every text output: streams, plain text, HTML and errors."""
    texts = []
    for number, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            if output.get("output_type") == "stream":
                texts.append((number, output["text"]))
            elif output.get("output_type") == "error":
                texts.append((number, "\n".join(output["traceback"])))
            else:
                data = output.get("data", {})
                texts += [(number, data[kind]) for kind in ("text/plain", "text/html") if kind in data]
    return texts


def unstable_outputs(notebook: nbformat.NotebookNode) -> list[str]:
    """Outputs that would make the saved notebook differ from run to run, as 'cell N: text'."""
    return [f"cell {number}: {found.group()!r}" for number, text in output_texts(notebook)
            for found in [UNSTABLE.search(text)] if found]


def main(paths: list[Path]) -> None:
    for path in paths:
        notebook = execute(path)
        unstable = unstable_outputs(notebook)
        if unstable:
            sys.exit(f"{path.name}: outputs would change from run to run ({'; '.join(unstable[:3])}); "
                     "print names, counts and rounded figures instead of paths and times")
        nbformat.write(notebook, path)
        print(f"saved {path.relative_to(HERE.parent)} with outputs")


if __name__ == "__main__":
    main([Path(p).resolve() for p in sys.argv[1:]] or sorted(HERE.glob("*.ipynb")))
