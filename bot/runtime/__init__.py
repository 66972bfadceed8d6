"""Running it: the launcher that starts and stops all processes (`launcher`), the production profile with
PostgreSQL, Redis and nginx (`productie`), the `bot` command (`cli`), and the terminal chat (`chat`). May import anything."""
