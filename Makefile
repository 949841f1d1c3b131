.PHONY: bench-accuracy bench-smoke

PYTHON ?= python

bench-accuracy:
	$(PYTHON) -m bench.accuracy

bench-smoke:
	$(PYTHON) -m bench.accuracy --smoke --json $${TMPDIR:-/tmp}/newswatch-bench-smoke.json

.PHONY: train-events
# Retrain the shipped event-type model (needs the `bench` extra: scikit-learn) on the
# development half of the PLOVER gold records; data from $NEWSWATCH_DATA or ../shared/data.
train-events:
	$(PYTHON) scripts/train_events.py $(if $(NEWSWATCH_DATA),--data $(NEWSWATCH_DATA),)
