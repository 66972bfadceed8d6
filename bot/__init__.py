"""Intake bot for onafhankelijke cliëntondersteuning. A map of the packages, and what each may import:

- foundations, importable by all: `config` (settings from .env), `db` (engines, sessions, migrations), `models`
  (the tables), `vocabulaire` (every fixed vocabulary with its Dutch labels), `tijd` (now in UTC, Dutch days and
  working days), `geheimen` (the shared secrets, made on first use);
- `gesprek`: the conversation itself (the gespreksleider that decides every turn, what a message tells, the
  answers to the questions, choice texts, crisis, language level, B1 texts); imports foundations, `netwerk` and
  `overdracht` (contact details);
- `netwerk`: the meedenkers network (file, storage, cache) and matching; imports foundations;
- `overdracht`: warm handovers and their trajectory (assignment, acceptance, first contact, outcome), registered
  questions, contact details, transcripts; imports foundations;
- `meldingen`: notification mails without personal data (the outbox, reminders in Dutch working days, sending
  over SMTP or to files); imports foundations;
- `privacy`: anonymising, retention, erasure from the conversation store, the access log, accounts and sessions;
  imports foundations, `overdracht` and `signalen`;
- `signalen`: anonymous signals and the policy report; imports foundations and `gesprek`;
- `rasa_adapters`: the only code that touches Rasa's internals (channel, tracker store, lock store, NLU guards,
  action server, Rasa's command line); imports anything above;
- `web`: the two web apps, `werkplek` (coordinators, meedenkers, policy) and `site` (demo page, widget); imports
  anything above but `rasa_adapters`;
- `runtime`: running it all (launcher, production profile, the `bot` command, terminal chat); imports anything.
Nothing in `bot/` imports `actions/`, except the action server that runs them.
"""
