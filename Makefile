# The court help desk assistant. `make run` and `make test` do all the set-up they need.
# Ports and the address to bind can be overridden: `RASA_PORT=5006 ACTION_PORT=5056 WEB_PORT=8081 make run`.

SHELL := /bin/bash

RASA_PORT ?= 5005
ACTION_PORT ?= 5055
WEB_PORT ?= 8080
HOST ?= 127.0.0.1
TRACKER_STORE_URL ?= sqlite:///var/conversations.db
# How long `make purge` keeps a conversation after its last message.
DAYS ?= 90
# Where `make review` writes review.html, review.md and review-nlu.yml; SINCE=YYYY-MM-DD.
REVIEW_DIR ?= build
SINCE ?=
PIP_VERSION := 24.0

VENV := .venv
VENV_STAMP := $(VENV)/.installed
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
SPACY_PIPELINE := build/spacy_iowa
PLACE_NLU := data/nlu/places.yml
MODEL := models/helpdesk.tar.gz
ANSWER_BOOK := build/answers.html
# Generated from answers/topics.yml and facts/court.yml (domain.yml and data/rules.yml below
# their marker line); committed, and checked current by tests/unit/test_topics.py.
GENERATED := domain.yml data/rules.yml tests/stories/topics.yml
TRAINING_INPUTS := config.yml $(GENERATED) $(shell find data -name "*.yml" 2>/dev/null) \
	$(PLACE_NLU) $(wildcard nlu_components/*.py nlu_components/*.yml understanding/*.py understanding/*.yml) \
	$(SPACY_PIPELINE)/meta.json

# No telemetry and no TensorFlow start-up chatter; rasa's SQLAlchemy 1.4 warning is known.
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export RASA_PORT ACTION_PORT WEB_PORT HOST TRACKER_STORE_URL

.DEFAULT_GOAL := help
.PHONY: help install places domain train answers lint chromium postgresql redis nginx run test test-fast eval bench bench-clerk review clerk-user purge clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

install: $(VENV_STAMP) ## Create .venv with Python 3.10 and install the pinned requirements

$(VENV_STAMP): requirements.txt
	@echo "==> Creating $(VENV) with Python 3.10"
	@python=$$(serve/find_python.sh) && "$$python" -m venv $(VENV)
	@echo "==> Installing pinned requirements (first time: a few minutes)"
	$(VENV)/bin/pip install --quiet --disable-pip-version-check pip==$(PIP_VERSION)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
	@echo "==> Checking installed packages are consistent (pip check)"
	$(VENV)/bin/pip check
	@touch $@

places: $(SPACY_PIPELINE)/meta.json ## Build the place gazetteer (spaCy pipeline), synonyms and lookup from facts/iowa_places.yml

$(SPACY_PIPELINE)/meta.json $(PLACE_NLU) &: facts/iowa_places.yml generate/places.py actions/places.py | $(VENV_STAMP)
	@echo "==> Building the spaCy place gazetteer, place synonyms and lookup from facts/iowa_places.yml"
	$(PY) -m generate.places facts/iowa_places.yml $(SPACY_PIPELINE) $(PLACE_NLU)

domain: $(GENERATED) ## Generate domain.yml's intents and answers, the topic rules and test stories from answers/topics.yml

$(GENERATED) &: answers/topics.yml answers/__init__.py facts/court.yml generate/domain.py | $(VENV_STAMP)
	@echo "==> Generating domain.yml, data/rules.yml and tests/stories/topics.yml from answers/topics.yml"
	$(PY) -m generate.domain

train: $(MODEL) ## Train the model, only when data, domain, config or places changed

$(MODEL): $(TRAINING_INPUTS) | $(VENV_STAMP)
	@echo "==> Training the model (its data, domain, config or places changed)"
	$(RASA) train --force --fixed-model-name helpdesk --out models

answers: $(ANSWER_BOOK) ## Write the clerk staff's answer book: build/answers.html and build/answers.md

$(ANSWER_BOOK): $(GENERATED) $(shell find data -name "*.yml" 2>/dev/null) facts/iowa_places.yml generate/answer_book.py | $(VENV_STAMP)
	@echo "==> Writing the answer book to build/"
	$(PY) -m generate.answer_book build

chromium: ## Install Debian's Chromium for the browser tests, when it is missing
	@command -v chromium >/dev/null || { echo "==> Installing Chromium from Debian's packages"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

postgresql: ## Install Debian's PostgreSQL server for the tracker store tests, when it is missing
	@ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || { \
	  echo "==> Installing PostgreSQL from Debian's packages"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; }

redis: ## Install Debian's Redis server for the lock store tests, when it is missing
	@command -v redis-server >/dev/null || { echo "==> Installing Redis from Debian's packages"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server; }

nginx: ## Install Debian's nginx for the load-balancer test, when it is missing
	@test -x /usr/sbin/nginx || { echo "==> Installing nginx from Debian's packages"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx; }

run: $(MODEL) $(ANSWER_BOOK) ## Set up, then serve: chat page :8080, Rasa REST :5005, actions :5055 (Ctrl-C stops all); RASA_WORKERS=N with LOCK_STORE_URL=redis://HOST:PORT/DB
	@serve/serve.sh $(MODEL)

lint: | $(VENV_STAMP) ## Check the code's style with ruff (pyproject.toml); `ruff format .` fixes the layout
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: lint $(MODEL) $(ANSWER_BOOK) chromium postgresql redis nginx ## Set up, then run every check: lint, unit, server, scaling (replicas) and browser tests
	$(PY) -m pytest tests

test-fast: lint places $(GENERATED) ## Lint and the unit tests only: no model, no servers, well under a minute
	$(PY) -m pytest tests/unit

eval: $(MODEL) ## Measure understanding (visitors and conversations sets, English and Spanish hold-outs, 5-fold cross-validation, off-topic rejection) into build/eval/
	$(PY) -m measure.evaluate build/eval

bench: $(MODEL) redis ## Load-test this assistant (1 worker; 2 workers with Redis) and stock Rasa (rasa init) into build/bench/
	$(PY) -m measure.bench build/bench

bench-clerk: postgresql | $(VENV_STAMP) ## Time each clerk page on 30 days of 1,000 generated conversations a day, SQLite and PostgreSQL, into build/bench/clerk.md
	$(PY) -m measure.clerk_bench build/bench

review: | $(VENV_STAMP) ## For operators: what visitors asked and what was missed since SINCE (default 7 days ago) into REVIEW_DIR (clerk staff see it at /clerk/)
	$(PY) -m conversations.review $(REVIEW_DIR) $(SINCE)

clerk-user: | $(VENV_STAMP) ## Add a clerk staff account or give it a new password: NAME=jdoe (file: CLERK_ACCOUNTS, default ~/.config/ianb-helpdesk/clerk-accounts)
	@test -n "$(NAME)" || { echo "Usage: make clerk-user NAME=jdoe" >&2; exit 2; }
	$(PY) -m serve.clerk.accounts $(NAME)

purge: | $(VENV_STAMP) ## Delete conversations with no message in the last DAYS days (default 90) from TRACKER_STORE_URL
	$(PY) -m conversations.purge $(DAYS)

clean: ## Remove everything built: .venv, build/, models/, results/ (var/, the conversations, stays)
	rm -rf $(VENV) build models results
