# Shared by the scripts (sourced, never run): one line per stage with its duration, each
# stage's output kept in a log that is shown only when the stage fails, the apt installs,
# the Rust check and the test counts. Messages are Vietnamese, like the product.

cd "$(dirname "${BASH_SOURCE[0]}")/.."
log_dir="${CARGO_TARGET_DIR:-$PWD/target}/logs"
mkdir -p "$log_dir"
stage_no=0
last_log=""

# "75 s" or "3 phút 12 s".
duration() {
  if [ "$1" -lt 60 ]; then echo "$1 s"; else echo "$(($1 / 60)) phút $(($1 % 60)) s"; fi
}

# stage LABEL COMMAND...: runs COMMAND (a function may be one; `set -e` holds inside it)
# with its output in a log, then prints "▸ LABEL… 12 s". When it fails: the end of the
# log, the log's path, and the script exits with COMMAND's status.
stage() {
  local label=$1 started=$SECONDS status
  shift
  stage_no=$((stage_no + 1))
  last_log="$log_dir/$(basename "$0")-$stage_no.log"
  printf '▸ %s… ' "$label"
  set +e
  (set -e; "$@") </dev/null >"$last_log" 2>&1
  status=$?
  set -e
  if [ "$status" -eq 0 ]; then
    duration $((SECONDS - started))
    return
  fi
  echo "lỗi sau $(duration $((SECONDS - started)))"
  tail -n 150 "$last_log" >&2
  echo "✗ $label: thất bại (mã $status). Nhật ký đầy đủ: $last_log" >&2
  exit "$status"
}

# A stage with nothing to do.
stage_done() {
  printf '▸ %s… đã đủ\n' "$1"
}

# install_packages LABEL "PACKAGE PROBE"...: installs with apt the packages whose probe
# fails. A probe is a command name, an absolute path that must exist, or "-" for dpkg's
# own record of the package.
install_packages() {
  local label=$1 entry package probe missing=()
  shift
  for entry in "$@"; do
    read -r package probe <<<"$entry"
    case "$probe" in
      -) dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ;;
      /*) [ -e "$probe" ] ;;
      *) command -v "$probe" >/dev/null 2>&1 ;;
    esac || missing+=("$package")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    stage_done "$label"
    return
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "✗ Không có apt-get: hãy tự cài các gói ${missing[*]} rồi chạy lại." >&2
    exit 2
  fi
  if [ "$(id -u)" -ne 0 ]; then
    sudo -v -p "Cần quyền quản trị (sudo) để cài ${missing[*]}. Mật khẩu của %u: "
  fi
  stage "$label: cài ${missing[*]}" apt_install "${missing[@]}"
}

apt_install() {
  local as_root=()
  [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "$@"
}

# Exits with a Vietnamese message unless cargo is there and at least the crate's
# rust-version (Cargo.toml).
require_rust() {
  local want have
  want=$(sed -n 's/^rust-version *= *"\(.*\)"/\1/p' Cargo.toml)
  if ! command -v cargo >/dev/null 2>&1; then
    echo "✗ Chưa có Rust (lệnh cargo). Cài Rust $want trở lên bằng rustup (https://rustup.rs, bản stable), mở lại cửa sổ dòng lệnh rồi chạy lại." >&2
    exit 2
  fi
  if ! have=$(cargo --version 2>&1); then
    echo "✗ Lệnh cargo không chạy được:" >&2
    echo "$have" >&2
    echo "Cài hoặc sửa Rust bằng rustup: rustup toolchain install stable --component rustfmt clippy" >&2
    exit 2
  fi
  have=$(awk '{print $2}' <<<"$have")
  if [ "$(printf '%s\n%s\n' "$want" "$have" | sort -V | head -n 1)" != "$want" ]; then
    echo "✗ Rust $have quá cũ: cần $want trở lên. Cập nhật bằng: rustup update stable" >&2
    echo "  (Rust cài từ apt của Debian/Ubuntu thường cũ hơn; hãy cài qua https://rustup.rs.)" >&2
    exit 2
  fi
}

# Test counts, summed over the stages of this run (scripts/test and scripts/test-app
# share one file through KHCDS_TEST_TALLY), for the closing line.
start_tally() {
  tally_owner=""
  if [ -z "${KHCDS_TEST_TALLY:-}" ]; then
    export KHCDS_TEST_TALLY="$log_dir/tally"
    : >"$KHCDS_TEST_TALLY"
    tally_owner=1
  fi
}

# Adds the counts in the last stage's log: cargo's "test result:" lines and node's
# "# pass N" / "ℹ pass N" summary lines.
tally() {
  awk '
    /^test result:/ {
      for (i = 2; i <= NF; i++) {
        if ($i ~ /^passed;?$/) p += $(i - 1)
        else if ($i ~ /^failed;?$/) f += $(i - 1)
        else if ($i ~ /^ignored;?$/) s += $(i - 1)
      }
    }
    /^(# |ℹ )pass [0-9]+$/ { p += $3 }
    /^(# |ℹ )fail [0-9]+$/ { f += $3 }
    /^(# |ℹ )skipped [0-9]+$/ { s += $3 }
    END { print p + 0, f + 0, s + 0 }
  ' "$last_log" >>"$KHCDS_TEST_TALLY"
}

# The closing line, by the script that started the tally only.
finish_tally() {
  local started=$1
  [ -n "$tally_owner" ] || return 0
  echo "✓ Tất cả kiểm thử đều đạt, trong $(duration $((SECONDS - started)))."
  awk '{ p += $1; f += $2; s += $3 } END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' \
    "$KHCDS_TEST_TALLY"
}
