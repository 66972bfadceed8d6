"""Rasa SDK custom actions, thin: they read the tracker, call `bot/` and return events. One module per concern:
`gesprek` (around the questions), `intake` (the form and the choice), `overdracht` (the warm handover),
`privacy` (erasure); `gedeeld` builds what they share on first use, so importing them has no side effects.
Registered with rasa_sdk as the package `actions` (bot/rasa_adapters/action_server.py)."""
