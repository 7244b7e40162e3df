# Shared by scripts/demo and scripts/test: install what is missing, configure, build.
# Sourced, not run. Everything the project needs on a fresh Debian bookworm is listed here.
set -euo pipefail

HANDSHAKE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# find_package(ns3) needs libgsl-dev, libxml2-dev, libpython3-dev and libsqlite3-dev: ns-3's imported
# targets name their paths; libtomlplusplus-dev reads --config=FILE.toml; libldns-dev builds and parses DNS
# messages (model/dns); libtcmalloc-minimal4 is the allocator the scripts preload (preload_allocator). tshark checks pcaps; sqlite3 reads results; python3 runs scripts/sweep
# and its tests and checks report.html; chromium opens report.html headless (ctest report.OpensInChromium:
# console errors, failed loads, the DOM it builds); python3-matplotlib draws the sweep plots; python3-scipy gives
# them (and export --aggregate) Student's t; python3-pandas holds handshake.results' tables; the Python
# package (python/, doc/python.rst) installs offline into a venv with python3-venv, python3-pip,
# python3-setuptools and python3-wheel (its build backend), and mypy checks its type hints; iproute2, ethtool,
# curl and apache2-utils (ab) are the Linux side of the emulation tests (scripts/emu) and of
# scripts/linux-ref; procps gives them sysctl (Priority important: not in a minimal image).
HANDSHAKE_PACKAGES=(
  g++ cmake ninja-build pkg-config
  libns3-dev ns3 libgsl-dev libxml2-dev libpython3-dev libsqlite3-dev
  libboost-dev libgtest-dev libtomlplusplus-dev libldns-dev libtcmalloc-minimal4
  tshark sqlite3 chromium
  python3 python3-matplotlib python3-scipy python3-pandas
  python3-venv python3-pip python3-setuptools python3-wheel mypy
  iproute2 ethtool curl apache2-utils procps
)

# Only for scripts/setup-ns3 (ns-3 built from Debian's source package): apt-get source unpacks with
# dpkg-source.
HANDSHAKE_NS3_SRC_PACKAGES=(dpkg-dev)

# Only for scripts/setup-ns3 --mpi: ns-3's mpi module builds against Debian's OpenMPI
# (libopenmpi-dev); openmpi-bin has mpirun, which handshake-sim --ranks=N starts itself under.
HANDSHAKE_NS3_MPI_PACKAGES=(libopenmpi-dev openmpi-bin)

# Only for the micro-benchmarks (bench/micro-benchmarks): Google Benchmark.
HANDSHAKE_BENCH_PACKAGES=(libbenchmark-dev)

# Only for the fuzz targets (bench/fuzz, scripts/fuzz-smoke): clang, its sanitizer runtimes (with
# libFuzzer's, which --no-install-recommends would leave out) and libFuzzer.
HANDSHAKE_FUZZ_PACKAGES=(clang-14 libclang-rt-14-dev libfuzzer-14-dev)

log() { printf '[handshake] %s\n' "$*" >&2; }

missing_packages() {
  # One dpkg-query for all (scripts/emu runs this once per emulation test).
  local pkg installed
  installed=$'\n'$(dpkg-query -W -f='${Package} ${Status}\n' "${HANDSHAKE_PACKAGES[@]}" 2>/dev/null |
    awk '$2 == "install" && $3 == "ok" && $4 == "installed" { print $1 }' || true)$'\n'
  for pkg in "${HANDSHAKE_PACKAGES[@]}"; do
    [[ $installed == *$'\n'"$pkg"$'\n'* ]] || echo "$pkg"
  done
}

# Installs only the packages that are missing (idempotent: nothing to do means no apt call at all).
install_missing() {
  local missing
  missing=$(missing_packages | tr '\n' ' ')
  [ -z "${missing// /}" ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo="sudo"
    else
      log "missing packages: $missing"
      log "run as root (or install sudo) so the script can apt-get install them"
      exit 1
    fi
  fi
  log "installing: $missing"
  export DEBIAN_FRONTEND=noninteractive
  # A fresh machine may have no package lists yet; refresh only when an install needs it.
  # shellcheck disable=SC2086
  if ! $sudo apt-get install -y -q --no-install-recommends $missing >/tmp/handshake-apt.log 2>&1; then
    $sudo apt-get update -q >>/tmp/handshake-apt.log 2>&1 || true
    # shellcheck disable=SC2086
    $sudo apt-get install -y -q --no-install-recommends $missing >>/tmp/handshake-apt.log 2>&1 || {
      tail -20 /tmp/handshake-apt.log >&2
      log "apt-get install failed (log: /tmp/handshake-apt.log)"
      exit 1
    }
  fi
}

# HANDSHAKE_NS3=DIR: build against the ns-3 that scripts/setup-ns3 installed in DIR instead of
# Debian's, in a build folder of its own (BUILD_DIR-ns3src, e.g. build-ns3src/; BUILD_DIR-ns3mpi for an
# install made with setup-ns3 --mpi, so that the two do not configure one folder in turn), never in build/.
# Sets HANDSHAKE_BUILD_SUFFIX and HANDSHAKE_NS3_CMAKE_ARGS (both empty without HANDSHAKE_NS3).
# That ns-3 has logging and asserts compiled out, so our code is compiled without NS3_LOG_ENABLE
# and NS3_ASSERT_ENABLE too (CMakeLists.txt, HANDSHAKE_NS3_LOG).
select_ns3() {
  HANDSHAKE_BUILD_SUFFIX=""
  HANDSHAKE_NS3_CMAKE_ARGS=()
  [ -n "${HANDSHAKE_NS3:-}" ] || return 0
  local dir
  dir=$(cd "$HANDSHAKE_NS3" 2>/dev/null && pwd) || dir=""
  if [ -z "$dir" ] || [ ! -f "$dir/setup-ns3.stamp" ] || [ ! -f "$dir/lib/cmake/ns3/ns3Config.cmake" ]; then
    log "HANDSHAKE_NS3=$HANDSHAKE_NS3 holds no ns-3 installed by scripts/setup-ns3 (run: scripts/setup-ns3 $HANDSHAKE_NS3)"
    exit 2
  fi
  HANDSHAKE_BUILD_SUFFIX="-ns3src"
  grep -q -- '--enable-mpi' "$dir/setup-ns3.stamp" && HANDSHAKE_BUILD_SUFFIX="-ns3mpi"
  HANDSHAKE_NS3_CMAKE_ARGS=(-Dns3_DIR="$dir/lib/cmake/ns3" -DHANDSHAKE_NS3_LOG=OFF -DHANDSHAKE_NS3_ASSERT=OFF)
}

# preload_allocator: Debian's tcmalloc (libtcmalloc-minimal4, in the install list) for the programs
# this script runs next, unless HANDSHAKE_ALLOCATOR=glibc. handshake-sim spends about a fifth of
# its time in glibc's malloc and free; with tcmalloc a 10,000-client run takes 20% less CPU and
# writes the same outputs (bench/README.md). Tests run the binaries as built, without it.
preload_allocator() {
  local tcmalloc=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4
  # AddressSanitizer aborts when another allocator is loaded before it (ASAN_OPTIONS: a sanitizer run).
  [ "${HANDSHAKE_ALLOCATOR:-tcmalloc}" != glibc ] && [ -e "$tcmalloc" ] && [ -z "${ASAN_OPTIONS:-}" ] || return 0
  case ":${LD_PRELOAD:-}:" in *":$tcmalloc:"*) return 0 ;; esac
  export LD_PRELOAD="$tcmalloc${LD_PRELOAD:+:$LD_PRELOAD}"
}

# configure_and_build BUILD_DIR [TARGET...] [-- CMAKE_ARGS...]: incremental; configures only once.
configure_and_build() {
  local build_dir=$1; shift
  local targets=() cmake_args=()
  while [ $# -gt 0 ]; do
    if [ "$1" = "--" ]; then shift; cmake_args=("$@"); break; fi
    targets+=("$1"); shift
  done
  # A build folder configured for another ns-3 (HANDSHAKE_NS3 changed) is configured again.
  local arg
  for arg in "${cmake_args[@]+"${cmake_args[@]}"}"; do
    case "$arg" in
      -Dns3_DIR=*)
        if [ -f "$build_dir/CMakeCache.txt" ] &&
          [ "$(sed -n 's/^ns3_DIR:[A-Z]*=//p' "$build_dir/CMakeCache.txt")" != "${arg#-Dns3_DIR=}" ]; then
          rm -f "$build_dir/build.ninja"
        fi ;;
    esac
  done
  if [ ! -f "$build_dir/build.ninja" ]; then
    log "configuring $build_dir"
    cmake -S "$HANDSHAKE_ROOT" -B "$build_dir" -G Ninja "${cmake_args[@]}" >"$build_dir.configure.log" 2>&1 || {
      cat "$build_dir.configure.log" >&2
      log "cmake configure failed"
      exit 1
    }
  fi
  log "building in $build_dir"
  local jobs
  jobs=$(nproc 2>/dev/null || echo 2)
  cmake --build "$build_dir" --parallel "$jobs" ${targets[@]+--target "${targets[@]}"} || {
    log "build failed"
    exit 1
  }
}
