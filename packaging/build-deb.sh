#!/usr/bin/env bash
# Builds a .deb of LatentNav from the app-image that build-app-image.sh makes; the package
# installs it to /opt/latentnav. Arguments after -- go to build-app-image.sh.
set -euo pipefail

die() {
    echo "error: $*" >&2
    exit 1
}

root=$(cd "$(dirname "$0")/.." && pwd)
dest="$root/target/packaging"
if [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ]; then
    echo "Usage: packaging/build-deb.sh [-- build-app-image.sh arguments except --dest]"
    exit 0
fi
if [ "${1:-}" = "--" ]; then
    shift
fi

command -v fakeroot >/dev/null || die "fakeroot not found: install it with apt-get install -y fakeroot."
command -v dpkg-deb >/dev/null || die "dpkg-deb not found: build the .deb on Debian or Ubuntu."

"$root/packaging/build-app-image.sh" --dest "$dest" "$@"

java_home=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
version=$(sed -n 's|^  <version>\([0-9.]*\).*</version>|\1|p' "$root/pom.xml" | head -n 1)
rm -f "$dest"/latentnav_*.deb
"$java_home/bin/jpackage" --type deb \
    --app-image "$dest/LatentNav" \
    --name latentnav \
    --app-version "$version" \
    --vendor LatentNav \
    --description "Controllable GAN image editing by latent space navigation" \
    --linux-package-name latentnav \
    --linux-deb-maintainer "latentnav@localhost" \
    --linux-app-category graphics \
    --linux-menu-group Graphics \
    --linux-shortcut \
    --dest "$dest"

deb=$(ls "$dest"/latentnav_*.deb)
echo "Built $deb ($(du -h "$deb" | cut -f1))"
