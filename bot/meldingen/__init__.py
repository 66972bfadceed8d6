"""Notification mails: what is sent to whom and when (meldingen), and how it gets there (verzenden)."""
