# Everything an organiser or CI needs: a local virtualenv in .venv, nothing installed globally.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test check-lowest bench bench-peers notebooks clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@# lapjv (the 'fast' extra) only as a prebuilt wheel: its newer releases are source only and need a
	@# C++ compiler; without it dense assignments go to scipy's LSA (same optimum, certificate kept)
	$(BIN)/python -m pip install --quiet --only-binary lapjv -e '.[fast]' \
	  || echo "lapjv: no prebuilt wheel for this Python; dense assignments use scipy's LSA"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/matcher run data/samples/round.toml -o data/samples/output

# static checks first (seconds), then the tests and the doctests of matcher/ (pyproject.toml configures all three)
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

# run the notebooks and save them with their outputs (shown on code hosts)
notebooks: $(STAMP)
	$(BIN)/python notebooks/execute.py

# The tests on the lowest versions pyproject.toml allows for its direct dependencies (wheels for this
# Python only), in a scratch virtualenv: proves each lower bound. Transitive dependencies come newest.
LOWEST := .venv-lowest
check-lowest:
	rm -rf $(LOWEST)
	$(PYTHON) -m venv $(LOWEST)
	$(LOWEST)/bin/python -m pip install --quiet --upgrade pip
	$(PYTHON) tools/lowest_requirements.py pyproject.toml test fast > $(LOWEST)/lowest.txt
	$(LOWEST)/bin/python -m pip install --quiet --only-binary :all: -r $(LOWEST)/lowest.txt
	$(LOWEST)/bin/python -m pip install --quiet --no-deps -e .
	$(LOWEST)/bin/python -m pip check
	$(LOWEST)/bin/python -m pip freeze --exclude-editable | grep -iFf $(LOWEST)/lowest.txt
	$(LOWEST)/bin/python -m pytest -p no:cacheprovider

# the solver's shape matrix (benchmarks/results.md and .png); `python -m benchmarks.run` runs the rest
bench: $(STAMP)
	$(BIN)/python -m benchmarks.bench_shapes

# peers (mentor-match, plain PuLP/CBC) and OR-Library; ORLIB=folder uses Beasley's own instance files
bench-peers: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python -m benchmarks.bench_peers
	$(BIN)/python -m benchmarks.bench_orlib $(if $(ORLIB),--folder $(ORLIB))

clean:
	rm -rf $(VENV) $(LOWEST) data/samples/output
