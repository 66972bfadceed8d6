"""The only code that touches Rasa's internals, each piece a small adapter with the reason it exists: the REST
channel with its safety net and conversation keys (`channel`), the tracker store with erasure and no silent
in-memory fallback (`tracker_store`), an atomic Redis lock store (`lock_store`), the crisis and gibberish guards
in the NLU pipeline (`nlu`), Rasa's check of action-server answers with one validator (`action_answer`), the
action server behind a shared secret (`action_server`) and Rasa's command line without telemetry (`cli`).
May import everything in `bot/` but `runtime` and `web`."""
