#!/usr/bin/env bash
# One setup step, calmly: a Dutch line for the person at the terminal, all the tool's own output in a log file,
# the time it took; on failure the end of the log. Usage: scripts/stap.sh "Wat er gebeurt" LOGBESTAND COMMANDO...
set -u
wat=$1; log=$2; shift 2
mkdir -p "$(dirname "$log")"
echo "=== $(date '+%Y-%m-%d %H:%M:%S') $wat: $*" >>"$log"
start=$(date +%s)
tijd() { local t=$(( $(date +%s) - start )); printf '%d:%02d' $((t / 60)) $((t % 60)); }
if [ -t 1 ]; then printf '%s... ' "$wat"; else echo "$wat..."; fi
"$@" >>"$log" 2>&1 &
pid=$!
while kill -0 "$pid" 2>/dev/null; do
  sleep 1
  t=$(( $(date +%s) - start ))
  if [ -t 1 ]; then printf '\r%s... %s ' "$wat" "$(tijd)"
  elif (( t > 0 && t % 60 == 0 )); then echo "  ... $(tijd)"; fi
done
wait "$pid"; rc=$?
if [ "$rc" -eq 0 ]; then
  if [ -t 1 ]; then printf '\r%s... klaar (%s)\n' "$wat" "$(tijd)"; else echo "  klaar ($(tijd))"; fi
else
  printf '\n%s is mislukt (code %d). Het einde van het logboek %s:\n' "$wat" "$rc" "$log" >&2
  tail -n 30 "$log" >&2
fi
exit "$rc"
