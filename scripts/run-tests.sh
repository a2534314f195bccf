#!/usr/bin/env bash
# One command for a new user and for CI: install what is needed, then run the whole suite
# (type check, Node-side tests, unit and component tests in Chromium, end-to-end).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/provision.sh test
export SF_AUTOUPDATE_DISABLE=true SF_DISABLE_AUTOUPDATE=true SF_DISABLE_TELEMETRY=true
exec npm test
