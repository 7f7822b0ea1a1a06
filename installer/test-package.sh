#!/usr/bin/env bash
# The Debian package end to end, on THIS machine (it must be root, as in CI):
# build it with cpack from an existing build, lint it (lintian, systemd-analyze verify,
# desktop-file-validate, appstreamcli), install it with dpkg, run the installed binary as the
# installed user the way the unit does, write a call, upgrade to a newer version, check that
# the call and local configuration survived, then purge with the service still running and
# check nothing is left: no process, user, group, state, configuration or unit.
# Usage: test-package.sh BUILD_DIR [CPACK]
set -euo pipefail

build=$(realpath "${1:?usage: test-package.sh BUILD_DIR [CPACK]}")
cpack=${2:-cpack}
started=$SECONDS

fail() {
    echo "package test FAILED: $*" >&2
    exit 1
}
step() { echo "== [$((SECONDS - started)) s] $*"; }
show_and_fail() { # FILE MESSAGE
    cat "$1" >&2 || true
    fail "$2"
}

[ "$(id -u)" -eq 0 ] || fail "needs root: it installs the package into this machine with dpkg"
for tool in "$cpack" dpkg-deb dpkg-query lintian systemd-analyze desktop-file-validate \
    appstreamcli curl jq openssl runuser flock ps; do
    command -v "$tool" >/dev/null || fail "$tool is missing (run: bash installer/install-deps.sh)"
done
[ -x "$build/app/callbook" ] || fail "$build/app/callbook does not exist: build first"
[ -f "$build/CPackConfig.cmake" ] || fail "$build/CPackConfig.cmake does not exist: configure first"

# dpkg and the callbook user are machine-wide: one package test at a time.
exec 9>/run/lock/callbook-package-test.lock
flock -w 600 9 || fail "another package test holds /run/lock/callbook-package-test.lock"

# Present while this test may have left the package installed; lets a rerun clean up after a
# killed run without ever purging an installation that is somebody else's.
marker=/run/callbook-package-test.installed
status=$(dpkg-query -W -f='${db:Status-Status}' callbook 2>/dev/null || echo not-installed)
if [ "$status" != not-installed ]; then
    [ -e "$marker" ] || fail "a callbook package is installed here already ($status);" \
        "this test would replace and purge it. Remove it first: dpkg --purge callbook"
    echo "purging the package a previous, interrupted run left installed"
    dpkg --purge callbook >/dev/null
fi

work=$(mktemp -d /tmp/callbook-package-test.XXXXXX)
chmod 0711 "$work" # the callbook user reaches its credentials directory inside
runner="" # runuser's pid while the service runs
cleanup() {
    local rc=$?
    if [ -n "$runner" ]; then
        pkill -TERM -P "$runner" 2>/dev/null || true
        wait "$runner" 2>/dev/null || true
    fi
    if [ -e "$marker" ]; then
        dpkg --purge callbook >/dev/null 2>&1 || true
        rm -f "$marker"
    fi
    rm -rf "$work"
    exit "$rc"
}
trap cleanup EXIT

db=/var/lib/callbook/callbook.db
unit=/lib/systemd/system/callbook.service
cpack_var() { sed -n "s/^set($1 \"\\(.*\\)\")\$/\\1/p" "$build/CPackConfig.cmake"; }
version=$(cpack_var CPACK_PACKAGE_VERSION)
[ -n "$version" ] || fail "no CPACK_PACKAGE_VERSION in $build/CPackConfig.cmake"
# The upgrade: the same version with +pkgtest appended (the project config reads the suffix).
suffix2=${version#"$(cpack_var CPACK_CALLBOOK_PROJECT_VERSION)"}+pkgtest
arch=$(dpkg --print-architecture)

step "cpack: $version (DEB, TGZ) and $version+pkgtest (DEB) from $build"
(cd "$work" && "$cpack" --config "$build/CPackConfig.cmake" -B "$work/pkg") >"$work/cpack.log" 2>&1 ||
    show_and_fail "$work/cpack.log" "cpack failed"
(cd "$work" && CALLBOOK_PACKAGE_VERSION_SUFFIX="$suffix2" \
    "$cpack" --config "$build/CPackConfig.cmake" -G DEB -B "$work/pkg2") >"$work/cpack2.log" 2>&1 ||
    show_and_fail "$work/cpack2.log" "cpack of the upgrade failed"
deb=$work/pkg/callbook_${version}_$arch.deb
deb2=$work/pkg2/callbook_${version}+pkgtest_$arch.deb
tgz=$(echo "$work"/pkg/callbook-"$version"-*.tar.gz)
for f in "$deb" "$deb2" "$tgz"; do [ -f "$f" ] || fail "cpack did not make $f"; done

step "package metadata and contents"
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = callbook ] || fail "Package is '$(field Package)'"
[ "$(field Version)" = "$version" ] || fail "Version is '$(field Version)', not $version"
has() { # FIELD PACKAGE: PACKAGE is named in the relation field FIELD
    field "$1" | tr ',' '\n' | sed 's/^ *//; s/ .*//' | grep -qx "$2" ||
        fail "$1 lacks $2: $(field "$1")"
}
for p in adduser procps tzdata libqt6sql6-sqlite libsecret-1-0 libqt6core6 libqt6network6 libqt6httpserver6 \
    libqt6sql6 libqt6widgets6 libqt6keychain1 libstdc++6; do has Depends "$p"; done
for p in libqt6sql6-psql gnome-keyring; do has Recommends "$p"; done
dpkg-deb -I "$deb" conffiles >"$work/conffiles"
diff -u <(printf '%s\n' /etc/callbook/callbook.env /etc/callbook/config.json) \
    <(sort "$work/conffiles") || fail "conffiles differ from the expected ones"
dpkg-deb -c "$deb" | awk '{print $6}' >"$work/contents"
tar -tzf "$tgz" | sed 's|^[^/]*/|./|' >"$work/tgz-contents"
for f in ./usr/bin/callbook ".$unit" ./etc/callbook/config.json ./etc/callbook/callbook.env \
    ./usr/share/applications/org.callbook.Callbook.desktop \
    ./usr/share/icons/hicolor/scalable/apps/callbook.svg \
    ./usr/share/metainfo/org.callbook.Callbook.metainfo.xml \
    ./usr/share/man/man1/callbook.1.gz ./usr/share/doc/callbook/copyright \
    ./usr/share/doc/callbook/changelog.gz; do
    grep -qx "$f" "$work/contents" || fail "the .deb lacks $f"
    grep -qx "$f" "$work/tgz-contents" || fail "the .tar.gz lacks $f"
done

step "lintian (fails on errors and warnings; overrides ship in the package)"
# Unprivileged: lintian unpacks the archive and does not want to be root.
runuser -u nobody -- env HOME=/tmp TMPDIR=/tmp lintian --display-info --fail-on error,warning "$deb" \
    >"$work/lintian.log" 2>&1 ||
    show_and_fail "$work/lintian.log" "lintian reports errors or warnings"
cat "$work/lintian.log"

step "dpkg -i $(basename "$deb")"
touch "$marker"
dpkg -i "$deb" </dev/null >"$work/install.log" 2>&1 || show_and_fail "$work/install.log" "dpkg -i failed"
[ "$(dpkg-query -W -f='${db:Status-Status}' callbook)" = installed ] || fail "not installed"

step "what postinst made: user, state directory, migrated database, credentials directory"
getent passwd callbook >/dev/null || fail "no user callbook"
IFS=: read -r _ _ uid _ _ home shell < <(getent passwd callbook)
[ "$uid" -lt 1000 ] || fail "callbook is not a system user (uid $uid)"
[ "$home" = /var/lib/callbook ] || fail "callbook's home is $home"
case $shell in */nologin | /bin/false) ;; *) fail "callbook has a login shell: $shell" ;; esac
getent group callbook >/dev/null || fail "no group callbook"
owner() { stat -c '%U:%G %a' "$1"; }
[ "$(owner /var/lib/callbook)" = "callbook:callbook 750" ] ||
    fail "/var/lib/callbook is $(owner /var/lib/callbook)"
[ -s "$db" ] || fail "the migrations did not run at install: no $db"
[ "$(stat -c %U "$db")" = callbook ] || fail "$db belongs to $(stat -c %U "$db")"
[ "$(owner /etc/callbook/credentials)" = "root:root 700" ] ||
    fail "/etc/callbook/credentials is $(owner /etc/callbook/credentials)"
as_callbook() { runuser -u callbook -- env CALLBOOK_NO_KEYCHAIN=1 "$@"; }
as_callbook callbook calls --json --database "sqlite://$db" >"$work/calls0.json" 2>&1 ||
    show_and_fail "$work/calls0.json" "the installed database cannot be read (not migrated?)"
[ -L /etc/systemd/system/multi-user.target.wants/callbook.service ] ||
    fail "postinst did not enable callbook.service"

step "systemd-analyze verify, desktop-file-validate, appstreamcli validate"
# verify also opens Documentation=man:callbook(1); minimal images have no man-db, or drop
# /usr/share/man at install (dpkg path-exclude), and then only the unit itself is checked.
man_check=--man=yes
if ! man -w callbook >/dev/null 2>&1; then
    echo "   (no man-db or no installed man page here: systemd-analyze verify --man=no)"
    man_check=--man=no
fi
systemd-analyze verify "$man_check" "$unit" >"$work/verify.log" 2>&1 ||
    show_and_fail "$work/verify.log" "systemd-analyze verify failed"
[ ! -s "$work/verify.log" ] || show_and_fail "$work/verify.log" "systemd-analyze verify complains"
desktop-file-validate /usr/share/applications/org.callbook.Callbook.desktop
appstreamcli validate --no-net --explain /usr/share/metainfo/org.callbook.Callbook.metainfo.xml \
    >"$work/appstream.log" 2>&1 || show_and_fail "$work/appstream.log" "appstreamcli validate failed"

# Runs the unit's ExecStart as the callbook user in the background, with the environment the
# unit gives it (Environment=, then /etc/callbook/callbook.env), systemd's STATE_DIRECTORY and
# CREDENTIALS_DIRECTORY, and the listen address replaced by a free loopback port. Sets $port.
creds=$work/credentials
key=pkgtest-retell-key
install -d -o callbook -g callbook -m 0700 "$creds"
printf '%s\n' "$key" >"$creds/retell-api-key"
chown callbook:callbook "$creds/retell-api-key"
chmod 0400 "$creds/retell-api-key"
start_service() { # LOG
    local -A env=()
    local word line
    # shellcheck disable=SC2013 # the words of Environment= lines
    for word in $(sed -n 's/^Environment=//p' "$unit"); do env[${word%%=*}]=${word#*=}; done
    while IFS= read -r line; do
        case $line in '' | '#'*) continue ;; esac
        env[${line%%=*}]=${line#*=}
    done </etc/callbook/callbook.env
    env[CALLBOOK_LISTEN]=127.0.0.1:0
    # As systemd: ${NAME} is one argument, $NAME is split at white space.
    local args=() assignments=()
    # shellcheck disable=SC2013,SC2016 # words on purpose; the patterns are literal
    for word in $(sed -n 's/^ExecStart=//p' "$unit"); do
        case $word in
        '${'*'}') word=${word#\$\{} && args+=("${env[${word%\}}]}") ;;
        '$'*) read -ra line <<<"${env[${word#\$}]}" && args+=("${line[@]}") ;;
        *) args+=("$word") ;;
        esac
    done
    for word in "${!env[@]}"; do assignments+=("$word=${env[$word]}"); done
    runuser -u callbook -- env -i PATH=/usr/bin:/bin LANG=C.UTF-8 HOME=/var/lib/callbook \
        STATE_DIRECTORY=/var/lib/callbook CREDENTIALS_DIRECTORY="$creds" "${assignments[@]}" \
        "${args[@]}" >"$1" 2>&1 &
    runner=$!
    for _ in $(seq 150); do
        port=$(sed -n 's/^callbook: listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$1")
        [ "${port:-0}" != 0 ] && return 0
        [ -n "$port" ] && show_and_fail "$1" "the service says it listens on port 0"
        kill -0 "$runner" 2>/dev/null || break
        sleep 0.2
    done
    show_and_fail "$1" "the installed service did not start (command: ${args[*]})"
}
stop_service() {
    local child
    child=$(ps -o pid= --ppid "$runner" | tr -d ' ')
    [ -n "$child" ] || fail "the service process is gone"
    kill -TERM "$child"
    local rc=0
    wait "$runner" || rc=$?
    runner=""
    [ "$rc" -eq 0 ] || fail "the service exited with $rc after SIGTERM"
}
check_health() { # LOG
    local code
    code=$(curl -sS -o "$work/health.json" -w "%{http_code}" "http://127.0.0.1:$port/api/health" || true)
    [ "$code" = 200 ] || show_and_fail "$work/health.json" "GET /api/health answered $code"
    jq -e '.status == "ok" and .database.ok == true and .database.engine == "sqlite"
           and .businesses == 1 and .retell_key_configured == true' "$work/health.json" \
        >/dev/null || show_and_fail "$work/health.json" "unexpected /api/health"
    echo "   /api/health: $(cat "$work/health.json")"
}

step "the installed callbook --headless as user callbook, as the unit runs it"
start_service "$work/service1.log"
check_health
# A signed Retell call event: the row whose survival the upgrade must show.
body='{"event":"call_started","call":{"call_id":"pkgtest-call-1","agent_id":"agent_pkgtest","call_type":"phone_call","direction":"inbound","from_number":"+4915112345678","to_number":"+493012345678"}}'
ts=$(date +%s%3N)
sig=$(printf '%s%s' "$body" "$ts" | openssl dgst -sha256 -hmac "$key" -hex | sed 's/^.*= *//')
code=$(curl -sS -o "$work/event.json" -w '%{http_code}' -H 'Content-Type: application/json' \
    -H "X-Retell-Signature: v=$ts,d=$sig" --data-binary "$body" \
    "http://127.0.0.1:$port/api/webhooks/retell" || true)
case $code in 2??) ;; *) show_and_fail "$work/event.json" "the call event was answered $code" ;; esac
stop_service
as_callbook callbook calls --json --database "sqlite://$db" >"$work/calls1.json"
grep -q pkgtest-call-1 "$work/calls1.json" || show_and_fail "$work/calls1.json" "the call was not stored"

step "upgrade: dpkg -i $(basename "$deb2") over a locally changed callbook.env"
echo "# local change, kept across upgrades" >>/etc/callbook/callbook.env
inode=$(stat -c %i "$db")
dpkg -i "$deb2" </dev/null >"$work/upgrade.log" 2>&1 ||
    show_and_fail "$work/upgrade.log" "dpkg -i of the upgrade failed"
[ "$(dpkg-query -W -f='${Version}' callbook)" = "$version+pkgtest" ] || fail "not upgraded"
grep -qx '# local change, kept across upgrades' /etc/callbook/callbook.env ||
    fail "the upgrade lost the local change to callbook.env"
[ "$(stat -c %i "$db")" = "$inode" ] || fail "the upgrade replaced $db"
as_callbook callbook calls --json --database "sqlite://$db" >"$work/calls2.json"
grep -q pkgtest-call-1 "$work/calls2.json" || show_and_fail "$work/calls2.json" "the upgrade lost the call"
start_service "$work/service2.log"
check_health

step "dpkg -r with the service running: the program and its process go, data and configuration stay"
dpkg -r callbook </dev/null >"$work/remove.log" 2>&1 || show_and_fail "$work/remove.log" "dpkg -r failed"
wait "$runner" 2>/dev/null || true
runner=""
left=$(ps -o pid=,args= -u "$uid" || true)
[ -z "$left" ] || fail "processes of uid $uid survived the removal: $left"
[ ! -e /usr/bin/callbook ] || fail "dpkg -r left /usr/bin/callbook"
for f in "$db" /etc/callbook/config.json /etc/callbook/callbook.env; do
    [ -e "$f" ] || fail "dpkg -r removed $f"
done
getent passwd callbook >/dev/null || fail "dpkg -r removed the user"
[ "$(readlink /etc/systemd/system/callbook.service)" = /dev/null ] ||
    fail "dpkg -r did not mask callbook.service"
dpkg -i "$deb2" </dev/null >"$work/reinstall.log" 2>&1 ||
    show_and_fail "$work/reinstall.log" "dpkg -i after dpkg -r failed"
[ ! -L /etc/systemd/system/callbook.service ] || fail "the reinstallation left callbook.service masked"
as_callbook callbook calls --json --database "sqlite://$db" >"$work/calls3.json"
grep -q pkgtest-call-1 "$work/calls3.json" ||
    show_and_fail "$work/calls3.json" "remove and reinstall lost the call"
start_service "$work/service3.log"
check_health

step "dpkg --purge with the service still running"
dpkg --purge callbook </dev/null >"$work/purge.log" 2>&1 || show_and_fail "$work/purge.log" "dpkg --purge failed"
wait "$runner" 2>/dev/null || true
runner=""
rm -f "$marker"
[ "$(dpkg-query -W -f='${db:Status-Status}' callbook 2>/dev/null || echo not-installed)" = not-installed ] ||
    fail "callbook is still known to dpkg after purge"
left=$(ps -o pid=,args= -u "$uid" || true)
[ -z "$left" ] || fail "processes of uid $uid survived the purge: $left"
! getent passwd callbook >/dev/null || fail "the user callbook survived the purge"
! getent group callbook >/dev/null || fail "the group callbook survived the purge"
for f in /var/lib/callbook /etc/callbook /usr/bin/callbook "$unit" \
    /etc/systemd/system/callbook.service \
    /etc/systemd/system/multi-user.target.wants/callbook.service \
    /var/lib/systemd/deb-systemd-helper-enabled/callbook.service.dsh-also \
    /var/lib/systemd/deb-systemd-helper-enabled/multi-user.target.wants/callbook.service \
    /var/lib/systemd/deb-systemd-helper-masked/callbook.service; do
    if [ -e "$f" ] || [ -L "$f" ]; then fail "$f survived the purge"; fi
done

step "passed"
