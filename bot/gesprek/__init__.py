"""The conversation's domain, in plain Python (no Rasa): which levensdomein a question is about and what the bot
says about it (`levensdomein`), understanding the answers to the intake questions (`intake`), how a choice of
meedenkers is put to the inwoner (`keuze`), unmistakable crisis phrasings (`crisis`), when to hand over to a
person (`fallback`), messages without a real word (`onzin`), the language level (`taalniveau`), B1 readability
(`leesbaarheid`) and the bot's texts from domain.yml (`teksten`). May import the foundations and `netwerk`."""
