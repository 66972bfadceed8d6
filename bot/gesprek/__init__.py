"""The conversation, in plain Python (no Rasa): the gespreksleider that decides every turn (`gespreksleider`), what
a free-text message tells besides its intent (`herkennen`: sub-topic, wijk, language, doelgroep, for whom, a
request for contact, overburdened), the answers to the questions (`intake`), the levensdomeinen (`levensdomein`),
how a choice of meedenkers is put to the inwoner (`keuze`), unmistakable crisis phrasings (`crisis`), messages
without a real word (`onzin`), the language level (`taalniveau`), B1 readability (`leesbaarheid`) and the bot's
texts from domain.yml (`teksten`). May import the foundations, `netwerk` and `overdracht`."""
