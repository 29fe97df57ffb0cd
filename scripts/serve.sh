#!/usr/bin/env bash
# Serve the assistant in the foreground: the action server in the background, Rasa with the
# REST channel in front. Ctrl-C (or Rasa exiting) stops both.
# Usage: scripts/serve.sh MODEL   (ports and address from RASA_PORT, ACTION_PORT, HOST)
set -euo pipefail
model=$1
: "${RASA_PORT:=5005}" "${ACTION_PORT:=5055}" "${HOST:=127.0.0.1}"
export ACTION_PORT

echo "==> Starting the action server on :$ACTION_PORT"
.venv/bin/rasa run actions --actions actions --port "$ACTION_PORT" &
actions_pid=$!
trap 'kill "$actions_pid" 2>/dev/null || true; wait "$actions_pid" 2>/dev/null || true' EXIT

echo "==> Starting Rasa on http://$HOST:$RASA_PORT (REST: POST /webhooks/rest/webhook)"
.venv/bin/rasa run --model "$model" --endpoints endpoints.yml --credentials credentials.yml \
  --interface "$HOST" --port "$RASA_PORT"
