#!/usr/bin/env bash
# Builds the streamer, trainer and generator container images as tarballs with Jib: no Docker engine, no registry.
#
#   scripts/build-images.sh                 # base from Debian packages + jlink, then the images
#   scripts/build-images.sh --base eclipse-temurin:17-jre   # a base from a registry instead (needs access to it)
#
# Writes streamer/target/vigil-streamer-image.tar, trainer/target/vigil-trainer-image.tar and
# generator/target/vigil-generator-image.tar, tagged vigil/<name>:<version>; load them with `docker load -i <tar>`
# (or podman, or push them with skopeo/crane). Other Maven options pass through (-o for offline once the plugins are cached).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
base=""
maven_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --base) base="$2"; shift 2 ;;
    --base=*) base="${1#--base=}"; shift ;;
    -h|--help) sed -n '2,9p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) maven_args+=("$1"); shift ;;
  esac
done

start=$SECONDS
if [[ -z "$base" ]]; then
  "$root/scripts/build-base-image.sh"
else
  maven_args+=("-Djib.from.image=$base")
fi

cd "$root"
./mvnw -B -q -Pimage -pl streamer,trainer,generator -am package -DskipTests -Djib.disableUpdateChecks=true \
  ${maven_args[@]+"${maven_args[@]}"}
for image in streamer/target/vigil-streamer-image.tar trainer/target/vigil-trainer-image.tar generator/target/vigil-generator-image.tar; do
  echo "Wrote $image ($(du -m "$image" | cut -f1) MB)"
done
echo "Images built in $((SECONDS - start)) s; load them with: docker load -i <tar>"
