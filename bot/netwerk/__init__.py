"""The meedenkers network: the spreadsheet file coordinators keep (import with every problem listed, export),
its storage and a cache the bot re-reads (`netwerk`), and matching an inwoner's question to 2-4 meedenkers
(`matching`). May import the foundations only."""
