#!/usr/bin/env bash
# Serve the assistant in the foreground: the action server and the web pages in the
# background, Rasa with the REST channel in front. Ctrl-C (or Rasa exiting) stops all three.
# Usage: serve/serve.sh MODEL
# Settings: RASA_PORT, ACTION_PORT, WEB_PORT, HOST (address to bind), WEB_ORIGINS (origins
# allowed to call Rasa from a browser), RASA_API_TOKEN (turns on Rasa's HTTP API, token-only),
# TRACKER_STORE_URL (where conversations are kept; default a SQLite file under var/).
set -euo pipefail
model=$1
: "${RASA_PORT:=5005}" "${ACTION_PORT:=5055}" "${WEB_PORT:=8080}" "${HOST:=127.0.0.1}"
: "${WEB_ORIGINS:=http://localhost:$WEB_PORT http://127.0.0.1:$WEB_PORT}"
: "${TRACKER_STORE_URL:=sqlite:///var/conversations.db}"
export ACTION_PORT RASA_PORT WEB_PORT HOST TRACKER_STORE_URL
mkdir -p var

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true' EXIT

echo "==> Starting the action server on :$ACTION_PORT"
.venv/bin/rasa run actions --actions actions --port "$ACTION_PORT" &
pids+=($!)
echo "==> Starting the web pages on http://$HOST:$WEB_PORT (chat) and /clerk.html"
.venv/bin/python -m serve.web &
pids+=($!)

api=()
if [ -n "${RASA_API_TOKEN:-}" ]; then
  api=(--enable-api --auth-token "$RASA_API_TOKEN")
  echo "==> Rasa's HTTP API is on, for requests carrying RASA_API_TOKEN"
fi
# shellcheck disable=SC2086  # WEB_ORIGINS is a space-separated list of origins
echo "==> Starting Rasa on http://$HOST:$RASA_PORT (REST: POST /webhooks/rest/webhook)"
.venv/bin/rasa run --model "$model" --endpoints endpoints.yml --credentials credentials.yml \
  --interface "$HOST" --port "$RASA_PORT" --cors $WEB_ORIGINS "${api[@]}"
