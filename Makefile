# OMO: the two commands a developer needs. See README.md.
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
STAMP := $(VENV)/.requirements-installed

.PHONY: run test bench install lint clean-data demo-code idp idp-groepen

run: $(STAMP)  ## Run OMO (web, Celery worker and beat); embedded PostgreSQL/Redis when not configured
	$(PY) -m omo.devservices run

demo-code:  ## The current second-factor code of the demo accounts (make run prints their secret)
	@$(PY) -m omo.devservices code

idp: $(STAMP)  ## A real OpenID Connect provider on 127.0.0.1:8090 (IDP_PORT) with demo users, to try single sign-on with `make run`
	$(PY) -m tests.oidc_idp.handmatig start

# make idp-groepen                                   every demo user's groups at that provider
# make idp-groepen GEBRUIKER=sso-consulent           one user's
# make idp-groepen GEBRUIKER=sso-consulent GROEPEN=omo-consulenten,omo-functionarissen   (GROEPEN= : none)
idp-groepen: $(STAMP)  ## Show or change a user's groups at the provider of `make idp` (counts at the next login)
	@$(PY) -m tests.oidc_idp.handmatig groepen $(GEBRUIKER) $(if $(filter undefined,$(origin GROEPEN)),,--groepen="$(GROEPEN)")

test: $(STAMP)  ## Run the whole test suite
	$(PY) -m omo.devservices test $(ARGS)

bench: $(STAMP)  ## Benchmark the case pages (100,000 cases), the verzoek scan and the ledger (1,000,000 postings) in a separate database (omo_bench)
	$(PY) -m omo.devservices bench $(ARGS)

install: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

lint: $(STAMP)
	$(VENV)/bin/ruff check .

clean-data:  ## Remove the embedded servers' data (.data/)
	rm -rf .data
