# One command runs the bot, one tests it. Everything below is built from the project's own files.
SHELL := /bin/bash
.DEFAULT_GOAL := help
# Rasa sends usage data and error reports to third parties unless told not to: never, for anything we start.
# (Every Rasa command also goes through bot/rasa_adapters/cli.py, which switches it off in code.)
export RASA_TELEMETRY_ENABLED := false

VENV   := .venv
PY     := $(VENV)/bin/python
RASA   := $(PY) -m bot.rasa_adapters.cli
BOT    := $(VENV)/bin/bot
MODEL  := models/intake.tar.gz
STAMP  := $(VENV)/.installed-stamp
# Retrain only when one of these changed (make compares the files' times with the model's).
TRAIN_INPUTS := config.yml domain.yml $(wildcard data/*.yml data/nlu/*.yml) bot/rasa_adapters/nlu.py bot/gesprek/crisis.py \
	bot/gesprek/onzin.py bot/gesprek/herkennen.py bot/vocabulaire.py

.PHONY: help setup run chat train test test-fast screenshots browser nginx run-prod nlu-eval b1-figures bench-matching bench nlu-bench nlu-heldout dialogues demo-signals lock clean

help:
	@echo "make run       - alles installeren, model trainen (als nodig) en de bot starten"
	@echo "make test      - alle tests"
	@echo "make test-fast - snelle tests voor dagelijks werk (geen servers of browser, ongeveer 40 s)"
	@echo "make run-prod  - productieprofiel: 2 Rasa-servers en 2 actieservers achter nginx, PostgreSQL, Redis"
	@echo "make chat      - chatten in de terminal met de draaiende bot"
	@echo "make nlu-eval  - kruisvalidatie van het NLU-model, rapport in reports/"
	@echo "make b1-figures - leesbaarheid van de teksten (standaard en B1)"
	@echo "make bench-matching - snelheid van het matchen met 5.000 meedenkers"
	@echo "make bench     - belasting: 10/50/100 gesprekken tegelijk, standaard, productie en kale Rasa (~25 min)"
	@echo "make nlu-bench - ons NLU tegen de Rasa-standaard en TF-IDF, schoon en met typfouten (~40 min)"
	@echo "make nlu-heldout - de NLU-pijplijnen op de achtergehouden berichten: kwaliteit, crisis, training, geheugen"
	@echo "make dialogues - gesimuleerde inwoners door de echte servers: geslaagd, zonder misverstand, berichten"
	@echo "make demo-signals - een jaar verzonnen signalen voor het beleidsrapport (opnieuw: make demo-signals ARGS=--opnieuw)"

# What the tools print goes to these logs; the terminal gets one Dutch line per step (scripts/stap.sh).
INSTALL_LOG := var/log/installatie.log
STEP := scripts/stap.sh

$(STAMP): requirements.txt pyproject.toml
	@test -x $(PY) || { PYTHON=$$(scripts/find-python.sh) && echo "Python 3.10 gevonden: $$PYTHON" && $$PYTHON -m venv $(VENV); }
	@$(STEP) "Python-pakketten installeren (de eerste keer een paar minuten)" $(INSTALL_LOG) \
		$(PY) -m pip install --disable-pip-version-check -r requirements.txt
	@$(STEP) "De bot zelf installeren" $(INSTALL_LOG) \
		$(PY) -m pip install --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

# Scrubbing needs its deduce lookups built once (seconds), never on an inwoner's first message.
ANON_STAMP := var/cache/.anonimiseren-gewarmd
$(ANON_STAMP): $(STAMP)
	@mkdir -p var/cache
	@$(STEP) "Het anonimiseren voorbereiden (namenlijsten)" $(INSTALL_LOG) $(PY) -m bot.privacy.anonimiseren --warm
	@touch $@

setup: $(STAMP) web/node_modules $(ANON_STAMP)
	@mkdir -p var
	@test -f .env || echo "Geen .env gevonden: de ingebouwde standaardwaarden worden gebruikt (zie .env.example)."

# NL Design System CSS for the workspace, from the npm registry at the locked versions; served by the app itself.
web/node_modules: web/package-lock.json
	@$(STEP) "Huisstijl (NL Design System) ophalen" $(INSTALL_LOG) npm ci --prefix web --no-audit --no-fund
	@touch $@

$(MODEL): $(TRAIN_INPUTS) | $(STAMP)
	@$(STEP) "Het taalmodel trainen (nodig omdat de trainingsdata veranderde)" var/log/training.log \
		$(RASA) train --fixed-model-name intake --out models
	@touch $@

train: setup $(MODEL)

run: setup $(MODEL)
	@$(BOT) serve

chat: setup
	$(BOT) chat

test: setup browser nginx $(MODEL)
	$(PY) -m pytest

# Daily work: unit and action tests on both cores, no servers, processes or browser (about 40 seconds).
test-fast: setup
	$(PY) -m pytest -m "not e2e" -n 2 -q

# The browser tests' screenshots into reports/ (the tests themselves write them to var/screenshots/).
screenshots: setup browser $(MODEL)
	SCREENSHOTS=reports $(PY) -m pytest -q tests/web/site/test_widget.py tests/web/werkplek/test_browser.py \
		tests/web/werkplek/test_traject_browser.py tests/web/site/test_vragenlijst_browser.py tests/web/site/test_mening.py \
		tests/signalen/rapportage/test_browser.py

# The workspace's browser tests drive Debian's Chromium (Playwright cannot download a browser here).
browser:
	@test -x /usr/bin/chromium || $(STEP) "Chromium installeren voor de browsertests" $(INSTALL_LOG) \
		sh -c "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium"

# The production profile's load balancer (Debian's nginx; only its binary is used, with our own config).
nginx:
	@test -x /usr/sbin/nginx || $(STEP) "nginx installeren voor het productieprofiel" $(INSTALL_LOG) \
		sh -c "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y nginx"

# Two Rasa servers and two action servers behind nginx, PostgreSQL and Redis (.env.productie).
run-prod: setup nginx $(MODEL)
	@$(BOT) serve --profiel productie

nlu-eval: setup
	$(PY) scripts/nlu_eval.py

b1-figures: setup
	@$(PY) scripts/b1_figures.py

bench-matching: setup
	@$(PY) benchmarks/bench_matching.py

bench: setup nginx $(MODEL)
	$(PY) benchmarks/bench_load.py

nlu-bench: setup
	$(PY) scripts/nlu_bench.py

# Every pipeline (config.yml and scripts/pipelines/) trained on data/nlu, measured on eval/ (never trained on).
nlu-heldout: setup
	$(PY) scripts/nlu_heldout.py $(ARGS)

# Simulated inwoners (eval/dialogen/) through the real servers: ended right, without misunderstanding, messages.
dialogues: setup $(MODEL)
	$(PY) scripts/dialogen.py $(ARGS)

demo-signals: setup
	$(PY) scripts/demo_signalen.py $(ARGS)

lock:
	rm -rf /tmp/intakebot-lock && $$(scripts/find-python.sh) -m venv /tmp/intakebot-lock
	/tmp/intakebot-lock/bin/pip install -q -r requirements.in
	{ echo "# Generated by 'make lock' from requirements.in: the whole dependency set, resolved together, pinned exactly."; \
	  /tmp/intakebot-lock/bin/pip freeze --exclude-editable; } > requirements.txt

clean:
	rm -rf $(VENV) models var/log
