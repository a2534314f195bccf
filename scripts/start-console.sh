#!/usr/bin/env bash
# One command for a new user: install what is needed, build ContactPad, start the local
# console (Kamailio + the console page + the fake org) and leave it running until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/provision.sh console
exec npm start
