#!/usr/bin/env bash
# Debian packages the tests need (browser, web server, Java for the HTML checker, npm for
# vnu.jar). Installs only what is missing; used by `make test` and by .ci/run.
set -euo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v nginx >/dev/null || need+=(nginx-light)
command -v java >/dev/null || need+=(default-jre-headless)
command -v npm >/dev/null || need+=(npm)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  apt=(apt-get)
elif command -v sudo >/dev/null; then
  apt=(sudo apt-get)
else
  echo "system-deps: please install these Debian packages: ${need[*]}" >&2
  exit 0
fi
echo "system-deps: installing ${need[*]} with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
"${apt[@]}" update -qq
"${apt[@]}" install -y -qq "${need[@]}" >/dev/null
