.PHONY: bench-accuracy bench-smoke

PYTHON ?= python

bench-accuracy:
	$(PYTHON) -m bench.accuracy

bench-smoke:
	$(PYTHON) -m bench.accuracy --smoke --json $${TMPDIR:-/tmp}/newswatch-bench-smoke.json
