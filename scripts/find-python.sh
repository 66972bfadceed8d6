#!/usr/bin/env bash
# Print the path of a Python 3.10 interpreter (Rasa 3.6 needs >=3.8,<3.11).
# Looks on PATH first, then asks pyenv, then common install prefixes; never a fixed path of one machine.
set -eu
ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' 2>/dev/null; }
for c in "${PYTHON310:-}" python3.10; do
  [ -n "$c" ] || continue
  p=$(command -v "$c" 2>/dev/null) || continue
  ok "$p" && { echo "$p"; exit 0; }
done
if command -v pyenv >/dev/null 2>&1; then
  for v in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.10(\.|$)' | sort -V -r); do
    p="$(pyenv root)/versions/$v/bin/python3.10"
    ok "$p" && { echo "$p"; exit 0; }
  done
fi
for p in /usr/local/bin/python3.10 /usr/bin/python3.10 /opt/python3.10/bin/python3.10; do
  [ -x "$p" ] && ok "$p" && { echo "$p"; exit 0; }
done
echo "Python 3.10 niet gevonden. Installeer Python 3.10 (bijv. 'pyenv install 3.10') of zet PYTHON310=/pad/naar/python3.10." >&2
exit 1
