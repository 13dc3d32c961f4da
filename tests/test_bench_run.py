"""benchmarks.bench_run's own arithmetic: the CPU lines it reads, this code against another, the
output comparison (the benchmark itself is too heavy for the suite)."""

from __future__ import annotations

import json

import pandas as pd

from benchmarks import bench_run


def test_cpu_lines_are_read_per_stage():
    printed = "✓ reading (4.1 s)\ncpu reading 3.10\n✓ scoring (2.0 s)\ncpu scoring 1.50\n"
    assert dict(bench_run._CPU_LINE.findall(printed)) == {"reading": "3.10", "scoring": "1.50"}
    assert dict(bench_run._STAGE_LINE.findall(printed)) == {"reading": "4.1", "scoring": "2.0"}


def test_ratios_are_this_code_over_the_other():
    def row(code, cpu, peak):
        return {"shape": "form", "supply": 0.8, "code": code, "run_s": 10.0, "cpu_s": cpu,
                **{f"{name}_cpu": cpu / 4 for name in bench_run.STAGES}, "peak_GiB": peak,
                "outputs": "identical"}

    table = pd.DataFrame([row("against", 12.0, 1.5), row("this", 9.0, 1.0)])
    out = bench_run.ratios(table).iloc[0]
    assert out["cpu_s this/against"] == 0.75 and out["peak_GiB this/against"] == 0.67
    assert out["run_s this/against"] == 1.0 and out["outputs"] == "identical"


def test_same_outputs_names_files_that_differ_but_not_timings(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    for folder, seconds, pairs in ((first, 1.0, "x"), (second, 2.0, "y")):
        folder.mkdir()
        (folder / "audit.json").write_text(json.dumps({"run_seconds": seconds, "pairs": 3}))
        (folder / "pairs.csv").write_text(pairs)
        (folder / "report.html").write_text("same")
    assert bench_run.same_outputs(first, second) == ["pairs.csv"]
    (second / "pairs.csv").write_text("x")
    assert bench_run.same_outputs(first, second) == []
