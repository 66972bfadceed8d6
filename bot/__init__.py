"""Intake bot for onafhankelijke cliëntondersteuning: domain logic, storage and tools."""
