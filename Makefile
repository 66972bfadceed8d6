# One command runs the bot, one tests it. Everything below is built from the project's own files.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV   := .venv
PY     := $(VENV)/bin/python
RASA   := $(VENV)/bin/rasa
BOT    := $(VENV)/bin/bot
MODEL  := models/intake.tar.gz
STAMP  := $(VENV)/.installed-stamp
# Retrain only when one of these changed (make compares the files' times with the model's).
TRAIN_INPUTS := config.yml domain.yml $(wildcard data/*.yml data/nlu/*.yml) bot/rasa_nlu.py bot/crisis.py bot/onzin.py

.PHONY: help setup run chat train test nlu-eval b1-figures bench-matching lock clean

help:
	@echo "make run       - alles installeren, model trainen (als nodig) en de bot starten"
	@echo "make test      - alle tests"
	@echo "make chat      - chatten in de terminal met de draaiende bot"
	@echo "make nlu-eval  - kruisvalidatie van het NLU-model, rapport in reports/"
	@echo "make b1-figures - leesbaarheid van de teksten (standaard en B1)"
	@echo "make bench-matching - snelheid van het matchen met 5.000 meedenkers"

$(STAMP): requirements.txt pyproject.toml
	@test -x $(PY) || { PYTHON=$$(scripts/find-python.sh) && echo "Python: $$PYTHON" && $$PYTHON -m venv $(VENV); }
	$(PY) -m pip install --disable-pip-version-check -q -r requirements.txt
	$(PY) -m pip install --disable-pip-version-check -q --no-deps --no-build-isolation -e .
	@touch $@

setup: $(STAMP)
	@mkdir -p var
	@test -f .env || echo "Geen .env gevonden: de ingebouwde standaardwaarden worden gebruikt (zie .env.example)."

$(MODEL): $(TRAIN_INPUTS) | $(STAMP)
	@echo "Model trainen (de trainingsdata is veranderd)..."
	$(RASA) train --fixed-model-name intake --out models --quiet
	@touch $@

train: setup $(MODEL)

run: setup $(MODEL)
	$(BOT) serve

chat: setup
	$(BOT) chat

test: setup $(MODEL)
	$(PY) -m pytest

nlu-eval: setup
	$(PY) scripts/nlu_eval.py

b1-figures: setup
	@$(PY) scripts/b1_figures.py

bench-matching: setup
	@$(PY) benchmarks/bench_matching.py

lock:
	rm -rf /tmp/intakebot-lock && $$(scripts/find-python.sh) -m venv /tmp/intakebot-lock
	/tmp/intakebot-lock/bin/pip install -q -r requirements.in
	/tmp/intakebot-lock/bin/pip freeze --exclude-editable > requirements.txt

clean:
	rm -rf $(VENV) models var/log
