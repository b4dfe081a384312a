#!/usr/bin/env bash
# Debian packages the tests need (browser, web server, Java for the HTML checker, npm for
# vnu.jar). Installs only what is missing; run by `make test` (its
# system-deps step; .ci/run runs `make test`) and by `make system-deps`.
set -euo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v nginx >/dev/null || need+=(nginx-light)
command -v java >/dev/null || need+=(default-jre-headless)
command -v npm >/dev/null || need+=(npm)
# OCR reads the words drawn into memes and social cards back (tests/campaign_memes)
command -v tesseract >/dev/null || need+=(tesseract-ocr)
ocr_langs=$(tesseract --list-langs 2>/dev/null || true)
for lang in eng fra ara; do
  grep -qx "$lang" <<<"$ocr_langs" || need+=("tesseract-ocr-$lang")
done
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
