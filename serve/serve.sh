#!/usr/bin/env bash
# Serve the assistant in the foreground: the action server and the web pages in the
# background, Rasa with the REST channel in front. Ctrl-C (or Rasa exiting) stops all three.
# Usage: serve/serve.sh MODEL
# Settings: RASA_PORT, ACTION_PORT, WEB_PORT, HOST (address to bind), WEB_ORIGINS (origins
# allowed to call Rasa from a browser), RASA_API_TOKEN (turns on Rasa's HTTP API, token-only),
# TRACKER_STORE_URL (where conversations are kept; default a SQLite file under var/),
# ACTION_SERVER_URL (where Rasa calls the actions; default this machine's ACTION_PORT),
# RASA_WORKERS (Sanic workers of Rasa and of the action server; default 1; more need
# LOCK_STORE_URL=redis://HOST:PORT/DB, see serve/workers.py).
set -euo pipefail
model=$1
: "${RASA_PORT:=5005}" "${ACTION_PORT:=5055}" "${WEB_PORT:=8080}" "${HOST:=127.0.0.1}"
: "${WEB_ORIGINS:=http://localhost:$WEB_PORT http://127.0.0.1:$WEB_PORT}"
: "${TRACKER_STORE_URL:=sqlite:///var/conversations.db}"
# Rasa calls the action server here (on HOST, or the loopback when HOST is every address);
# another machine's when the operator says so.
if [ "$HOST" = 0.0.0.0 ]; then local_host=127.0.0.1; else local_host=$HOST; fi
: "${ACTION_SERVER_URL:=http://$local_host:$ACTION_PORT/webhook}"
export ACTION_PORT RASA_PORT WEB_PORT HOST TRACKER_STORE_URL ACTION_SERVER_URL
mkdir -p var
# The lock store and worker settings, or a clear refusal (exit 2) when they cannot work.
settings=$(.venv/bin/python -m serve.workers) || exit 2
eval "$settings"
# rasa-sdk binds the address in SANIC_HOST (0.0.0.0 when unset): keep it on HOST like Rasa.
export SANIC_HOST=$HOST

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true' EXIT

echo "==> Starting the action server on http://$HOST:$ACTION_PORT ($ACTION_SERVER_SANIC_WORKERS worker(s))"
.venv/bin/rasa run actions --actions actions --port "$ACTION_PORT" &
pids+=($!)
echo "==> Starting the web pages on http://$HOST:$WEB_PORT (chat) and /clerk/ (clerk staff; accounts: make clerk-user)"
.venv/bin/python -m serve.web &
pids+=($!)

api=()
if [ -n "${RASA_API_TOKEN:-}" ]; then
  api=(--enable-api "--auth-token=$RASA_API_TOKEN")  # one word: a token may begin with "-"
  echo "==> Rasa's HTTP API is on, for requests carrying RASA_API_TOKEN"
fi
# shellcheck disable=SC2086  # WEB_ORIGINS is a space-separated list of origins
echo "==> Starting Rasa on http://$HOST:$RASA_PORT with $SANIC_WORKERS worker(s), lock store: $LOCK_STORE_TYPE (REST: POST /webhooks/rest/webhook)"
.venv/bin/rasa run --model "$model" --endpoints endpoints.yml --credentials credentials.yml \
  --interface "$HOST" --port "$RASA_PORT" --cors $WEB_ORIGINS "${api[@]}"
