#!/usr/bin/env bash
# Prints the path of a working Python 3.10 interpreter (rasa 3.6 does not install on 3.11).
# Tries python3.10 on PATH, then pyenv's 3.10 versions; explains what is missing otherwise.
set -u

works() { "$1" -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null; }

if command -v python3.10 >/dev/null 2>&1 && works python3.10; then
  command -v python3.10
  exit 0
fi
if command -v pyenv >/dev/null 2>&1; then
  for version in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.10\.[0-9]+$' | sort -t. -k3 -n -r); do
    candidate=$(PYENV_VERSION="$version" pyenv which python3.10 2>/dev/null) || continue
    if works "$candidate"; then
      echo "$candidate"
      exit 0
    fi
  done
fi
cat >&2 <<'MSG'
error: no working Python 3.10 found (rasa 3.6 needs Python 3.10; it does not install on 3.11).
Looked for: `python3.10` on PATH, and pyenv versions 3.10.x (`pyenv versions`).
Install one, e.g. `pyenv install 3.10.13`, or put a python3.10 on PATH, then run make again.
MSG
exit 1
