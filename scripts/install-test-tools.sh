#!/usr/bin/env bash
# Installs the real programs some integration tests run against, from Debian's packages:
# Prometheus (dashboard and alert-rule queries), Alertmanager (the alert sink) and kcat (a non-Java Kafka client).
# Idempotent; the tests call it when a binary is missing. Needs root or sudo.
set -euo pipefail
packages=()
command -v prometheus >/dev/null 2>&1 || packages+=(prometheus)
command -v prometheus-alertmanager >/dev/null 2>&1 || command -v alertmanager >/dev/null 2>&1 \
  || packages+=(prometheus-alertmanager)
command -v kcat >/dev/null 2>&1 || packages+=(kcat)
if [[ ${#packages[@]} -eq 0 ]]; then
  exit 0
fi
sudo=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null 2>&1 || { echo "installing ${packages[*]} needs root or sudo" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# the packages' own services are not wanted: the tests start the binaries themselves
$sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
for service in prometheus prometheus-alertmanager; do
  $sudo systemctl disable --now "$service" >/dev/null 2>&1 || true
  $sudo pkill -x "${service}" >/dev/null 2>&1 || true
done
echo "installed: ${packages[*]}"
