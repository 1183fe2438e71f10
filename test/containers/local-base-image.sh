#!/usr/bin/env bash
# What the container test needs on a Debian machine with no Docker daemon and no image registry:
#  - podman with runc (crun refuses hybrid cgroups), and docker-compose driving podman's
#    Docker-compatible socket (what `podman compose` does on newer podman);
#  - a local base image for the Dockerfile's BASE_IMAGE: Debian bookworm from Debian's mirror
#    (debootstrap) plus this machine's own Node 20 and npm (bookworm's nodejs is 18), trusting the
#    certificate authorities this machine trusts (npm and apt inside the build go out as it does).
# Safe to run twice: each step checks first. Prints the base image's name on stdout.
set -euo pipefail

packages=(podman runc debootstrap docker-compose)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "local-base-image: installing ${missing[*]}" >&2
  if [[ $(id -u) != 0 ]]; then sudo=sudo; else sudo=; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

node_version=$(node -p 'process.versions.node')
if [[ ${node_version%%.*} != 20 ]]; then
  echo "local-base-image: this machine's node is $node_version; the image needs Node 20" >&2
  exit 1
fi
image="localhost/start-tutor-base:bookworm-node$node_version"
if podman image exists "$image"; then
  echo "$image"
  exit 0
fi

node_bin=$(command -v node)
npm_dir=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "local-base-image: debootstrap bookworm (about a minute)" >&2
debootstrap --variant=minbase bookworm "$work/root" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" >"$work/debootstrap.log" 2>&1 ||
  { tail -20 "$work/debootstrap.log" >&2; exit 1; }
root=$work/root
mkdir -p "$root/usr/local/bin" "$root/usr/local/lib/node_modules" "$root/usr/local/share/ca-certificates" "$root/etc/ssl/certs"
cp "$node_bin" "$root/usr/local/bin/node"
cp -a "$npm_dir" "$root/usr/local/lib/node_modules/npm"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"
cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/"
# Kept when the image installs ca-certificates (update-ca-certificates adds these to the bundle).
cp -a /usr/local/share/ca-certificates/. "$root/usr/local/share/ca-certificates/" 2>/dev/null || true
tar -C "$root" -c . | podman import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' \
  - "$image" >/dev/null
echo "$image"
