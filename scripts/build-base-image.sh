#!/usr/bin/env bash
# Assembles Vigil's container base image as a tarball, with no Docker engine and no registry:
#   - C and C++ runtime libraries (glibc, libstdc++, libgcc_s, zlib) for the JVM, ONNX Runtime, RocksDB and
#     libtorch, plus what headless AWT needs to draw the trainer's charts (freetype, harfbuzz, fontconfig, one
#     font family), all from the build host's Debian packages (apt-get download + dpkg-deb -x);
#   - a Java runtime made by jlink from the build JDK (which must have its jmods);
#   - /etc/passwd with user 65532 (nonroot), /tmp (1777), and the folders the apps write to, owned by that user:
#     /var/lib/vigil (streamer state), /models (model files), /home/nonroot.
# The result, target/image-base/vigil-base.tar, is in `docker save` format: Jib reads it as a tar:// base image
# (scripts/build-images.sh), and `docker load` takes it too. amd64 only (the host's packages).
#
# Environment: JAVA_HOME (or VIGIL_IMAGE_JDK) picks the JDK; VIGIL_IMAGE_DEB_CACHE keeps downloaded packages
# (default ~/.cache/vigil/debs: later builds download only packages with a newer version); SOURCE_DATE_EPOCH sets
# the file times (default 0, so the same inputs give the same layer).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/target/image-base"
cache="${VIGIL_IMAGE_DEB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/vigil/debs}"
epoch="${SOURCE_DATE_EPOCH:-0}"
uid=65532

# Runtime libraries; the closure check below fails the build when a needed library is missing.
packages=(
  libc6 libgcc-s1 libstdc++6 zlib1g
  libfreetype6 libpng16-16 libbrotli1 libharfbuzz0b libgraphite2-3 libglib2.0-0 libffi8 libpcre2-8-0 libmount1
  libblkid1 libselinux1 libfontconfig1 libexpat1 fontconfig-config fonts-dejavu-core libjpeg62-turbo libgif7
  liblcms2-2
)
# Only parts are taken from these: the C.UTF-8 locale (libc-bin) and os-release (base-files).
partial=(libc-bin base-files)
# The union of what jdeps finds for the streamer and the trainer, plus modules loaded by name at run time:
# TLS with EC keys (jdk.crypto.ec), Kerberos/SASL logins (jdk.security.*), Java agents (java.instrument), and
# diagnostics (jcmd, JFR).
modules=java.base,java.compiler,java.desktop,java.instrument,java.management,java.naming,java.net.http
modules+=,java.security.jgss,java.security.sasl,java.sql,jdk.crypto.ec,jdk.httpserver,jdk.jcmd,jdk.jfr
modules+=,jdk.management,jdk.management.jfr,jdk.security.auth,jdk.security.jgss,jdk.unsupported

fail() { echo "build-base-image: $*" >&2; exit 1; }

for tool in apt-get dpkg-deb tar sha256sum; do
  command -v "$tool" >/dev/null 2>&1 || fail "needs $tool (a Debian or Ubuntu build host)"
done
tar --version | grep -q 'GNU tar' || fail "needs GNU tar"
arch="$(dpkg --print-architecture)"
[[ "$arch" == amd64 ]] || fail "builds amd64 images only; this host is $arch"
jdk="${VIGIL_IMAGE_JDK:-${JAVA_HOME:-}}"
if [[ -z "$jdk" ]]; then
  jdk="$(dirname "$(dirname "$(readlink -f "$(command -v javac || command -v jlink || echo /nonexistent)")")")"
fi
[[ -x "$jdk/bin/jlink" && -d "$jdk/jmods" ]] || fail "no JDK with jlink and jmods at '$jdk'; set JAVA_HOME"
java_version="$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.version = /{print $2}')"
[[ "${java_version%%.*}" -ge 17 ]] || fail "needs a JDK 17 or newer, found $java_version at $jdk"

rm -rf "$out"
rootfs="$out/rootfs"
mkdir -p "$rootfs" "$cache" "$out/partial"

echo "Downloading ${#packages[@]} + ${#partial[@]} Debian packages into $cache (those not there yet)"
for pkg in "${packages[@]}" "${partial[@]}"; do
  # --print-uris names the exact file of the candidate version without downloading it
  file="$(apt-get download --print-uris "$pkg" | awk '{print $2}')"
  [[ -n "$file" ]] || fail "apt knows no package $pkg (run apt-get update)"
  if [[ ! -s "$cache/$file" ]]; then
    # apt warns when it downloads as root into a folder its sandbox user cannot write; only failures matter
    if ! (cd "$cache" && apt-get download -q "$pkg" >"$out/apt.log" 2>&1); then
      cat "$out/apt.log" >&2
      fail "could not download $pkg"
    fi
  fi
  if [[ " ${partial[*]} " == *" $pkg "* ]]; then
    dpkg-deb -x "$cache/$file" "$out/partial/$pkg"
  else
    dpkg-deb -x "$cache/$file" "$rootfs"
  fi
  # package records in the distroless style, so image scanners can tell what is inside
  mkdir -p "$rootfs/var/lib/dpkg/status.d"
  dpkg-deb -f "$cache/$file" Package Version Architecture Source Maintainer Description \
    > "$rootfs/var/lib/dpkg/status.d/$pkg"
done
mkdir -p "$rootfs/usr/lib/locale" "$rootfs/usr/lib"
cp -a "$out/partial/libc-bin/usr/lib/locale/C.utf8" "$rootfs/usr/lib/locale/"
cp -a "$out/partial/base-files/usr/lib/os-release" "$rootfs/usr/lib/os-release"

# merged /usr, as on an installed Debian 12: /lib, /lib64, /bin and /sbin point into /usr
for dir in lib lib64 bin sbin; do
  if [[ -d "$rootfs/$dir" && ! -L "$rootfs/$dir" ]]; then
    mkdir -p "$rootfs/usr/$dir"
    cp -a "$rootfs/$dir/." "$rootfs/usr/$dir/"
    rm -rf "${rootfs:?}/$dir"
  fi
  mkdir -p "$rootfs/usr/$dir"
  ln -sfn "usr/$dir" "$rootfs/$dir"
done
rm -rf "$rootfs"/usr/share/{doc,man,info,lintian,locale,bug,gdb} "$rootfs"/usr/lib/x86_64-linux-gnu/gconv \
  "$rootfs"/etc/{init.d,ld.so.conf.d} "$rootfs"/usr/libexec "$rootfs"/usr/bin "$rootfs"/usr/sbin
mkdir -p "$rootfs/usr/bin" "$rootfs/usr/sbin"

echo "Linking a Java runtime from $jdk (Java $java_version)"
java_home=/opt/java/openjdk
mkdir -p "$rootfs/opt/java"
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 \
  --output "$rootfs$java_home"
# a headless server needs neither X11, sound nor a splash screen
rm -f "$rootfs$java_home"/lib/{libawt_xawt,libjawt,libjsound,libsplashscreen}.so
if [[ -L "$jdk/lib/security/cacerts" || ! -s "$rootfs$java_home/lib/security/cacerts" ]]; then
  cp -L "$jdk/lib/security/cacerts" "$rootfs$java_home/lib/security/cacerts"
fi

mkdir -p "$rootfs"/{etc,tmp,root,home/nonroot,var/lib/vigil,models}
ln -sfn ../usr/lib/os-release "$rootfs/etc/os-release"
printf 'root:x:0:0:root:/root:/usr/sbin/nologin\nnonroot:x:%s:%s:nonroot:/home/nonroot:/usr/sbin/nologin\n' \
  "$uid" "$uid" > "$rootfs/etc/passwd"
printf 'root:x:0:\nnonroot:x:%s:\n' "$uid" > "$rootfs/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$rootfs/etc/nsswitch.conf"
chmod 1777 "$rootfs/tmp"
chmod 700 "$rootfs/root"
chmod 755 "$rootfs"/{home/nonroot,var/lib/vigil,models}

echo "Checking that every shared library finds what it needs inside the image"
loader="$rootfs/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"
libpath="$rootfs/usr/lib/x86_64-linux-gnu:$rootfs$java_home/lib:$rootfs$java_home/lib/server"
missing=0
while IFS= read -r -d '' lib; do
  # the image's own loader resolves the library; anything it finds outside the image is missing from it
  while read -r name _ path _; do
    if [[ "$path" != "$rootfs"/* ]]; then
      echo "  $lib needs $name: not in the image" >&2
      missing=1
    fi
  done < <("$loader" --inhibit-cache --library-path "$libpath" --list "$lib" | grep '=>' || true)
done < <(find "$rootfs$java_home" "$rootfs/usr/lib/x86_64-linux-gnu" -name '*.so*' -type f -print0)
[[ $missing -eq 0 ]] || fail "shared libraries are missing; add their packages"

echo "Packing the layer"
owned=(./home/nonroot ./var/lib/vigil ./models)
layer="$out/layer.tar"
common=(--format=gnu --sort=name --mtime="@$epoch" --numeric-owner -C "$rootfs")
excludes=()
for dir in "${owned[@]}"; do excludes+=(--exclude="$dir"); done
tar -cf "$layer" "${common[@]}" --owner=0 --group=0 "${excludes[@]}" .
tar -rf "$layer" "${common[@]}" --owner="$uid" --group="$uid" --no-recursion "${owned[@]}"
diff_id="sha256:$(sha256sum "$layer" | cut -d' ' -f1)"

created="$(date -u -d "@$epoch" +%Y-%m-%dT%H:%M:%SZ)"
cat > "$out/config.json" <<EOF
{"architecture":"amd64","os":"linux","created":"$created",
 "config":{"User":"$uid:$uid","WorkingDir":"/home/nonroot",
  "Env":["PATH=$java_home/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
         "JAVA_HOME=$java_home","LANG=C.UTF-8","JAVA_VERSION=$java_version"],
  "Labels":{"org.opencontainers.image.title":"vigil-base",
            "org.opencontainers.image.description":"glibc, libstdc++ and a jlink Java $java_version runtime"}},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]},
 "history":[{"created":"$created","created_by":"scripts/build-base-image.sh"}]}
EOF
echo '[{"Config":"config.json","RepoTags":["vigil/base:latest"],"Layers":["layer.tar"]}]' > "$out/manifest.json"
tar -cf "$out/vigil-base.tar" --sort=name --mtime="@$epoch" --owner=0 --group=0 --numeric-owner \
  -C "$out" manifest.json config.json layer.tar
rm -f "$layer"

echo "Wrote $out/vigil-base.tar ($(du -m "$out/vigil-base.tar" | cut -f1) MB; Java $java_version, user $uid)"
