"""Warm handovers: what an inwoner consented to pass on and what coordinators do with it (`overdracht`), phone
numbers and e-mail addresses as inwoners type them (`contact`), and the transcript of a conversation
(`transcript`). May import the foundations only."""
