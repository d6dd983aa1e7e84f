# Sourced by scripts/bench: makes sure the Python baselines can run honestly — numpy, PyTorch and
# threadpoolctl from Debian, with OpenBLAS (libopenblas0-pthread) so that they do not fall back to
# the reference BLAS. Installs them with apt-get when run as root, else says what to install.

jemini_baseline_packages() {
    local pkgs=(python3-numpy python3-torch python3-threadpoolctl libopenblas0-pthread)
    local missing=()
    local p
    for p in "${pkgs[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "bench: installing the baselines' packages: ${missing[*]}" >&2
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
        echo "bench: the baselines need ${missing[*]} (apt-get install ${missing[*]}); they are skipped without them" >&2
    fi
}
