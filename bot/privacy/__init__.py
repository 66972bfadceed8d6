"""Privacy by design: anonymising free text before it leaves the conversation store (`anonimiseren`), retention
by code (`bewaren`), erasure and retention on Rasa's conversation store (`gesprekken`), the access log after
Logius' Logboek Dataverwerkingen (`toegangslog`), and who may see personal data at all: workspace accounts,
passwords, the sign-in throttle and sessions (`accounts`), and the signal writer that scrubs first (`schrijver`). May import the foundations, `overdracht` (withdrawing
handovers) and `signalen` (abandoned conversations)."""
