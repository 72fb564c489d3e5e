# A small test library for command-line scenarios, after git's t/test-lib.sh.
#
#   . "$(dirname "$0")/lib.sh"
#   test_expect_success 'adding a person' '
#       kith add "Ada Lovelace" --tag ai &&
#       kith ls +ai >out &&
#       grep "Ada Lovelace" out
#   '
#   test_done
#
# Each script gets its own temporary folder (the current directory while
# tests run) and database ($KITH_DB), with KITH_TODAY fixed to 2026-11-26
# unless the script sets it first. `kith` runs the binary under test.
# Output is TAP.

set -u
KITH=${KITH:?set KITH to the kith binary}
export KITH_TODAY=${KITH_TODAY:-2026-11-26}
export NO_COLOR=1
unset XDG_DATA_HOME
TEST_DIR=$(mktemp -d "${TMPDIR:-/tmp}/kith-cli.XXXXXX")
export KITH_DB="$TEST_DIR/kith.db"
export HOME="$TEST_DIR/home"
mkdir -p "$HOME"
trap 'rm -rf "$TEST_DIR"' EXIT
cd "$TEST_DIR" || exit 1

SHARED_DATA=${KITH_SHARED_DATA:-}
test_count=0
test_failed=0

kith() {
	"$KITH" "$@"
}

# test_must_fail CMD...: CMD exits 1 or 2 (not 0, not a crash or signal)
test_must_fail() {
	"$@"
	local status=$?
	if [ $status -eq 0 ]; then
		echo "# test_must_fail: '$*' succeeded" >&2
		return 1
	fi
	if [ $status -gt 2 ]; then
		echo "# test_must_fail: '$*' died with status $status" >&2
		return 1
	fi
	return 0
}

# test_expect_code N CMD...: CMD exits with status N
test_expect_code() {
	local want=$1
	shift
	"$@"
	local status=$?
	if [ $status -ne "$want" ]; then
		echo "# test_expect_code: '$*' exited $status, expected $want" >&2
		return 1
	fi
	return 0
}

# test_cmp EXPECTED ACTUAL: files are equal (shows a diff when not)
test_cmp() {
	diff -u "$1" "$2"
}

# json_get FILE EXPR: evaluate a Python expression on the parsed JSON `j`
json_get() {
	python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}

test_expect_success() {
	local desc=$1 body=$2
	test_count=$((test_count + 1))
	local out
	out=$(cd "$TEST_DIR" && eval "$body" 2>&1)
	local status=$?
	if [ $status -eq 0 ]; then
		echo "ok $test_count - $desc"
	else
		test_failed=$((test_failed + 1))
		echo "not ok $test_count - $desc"
		printf '%s\n' "$out" | tail -n 20 | sed 's/^/#   /'
	fi
}

test_done() {
	echo "1..$test_count"
	[ $test_failed -eq 0 ]
}

# jv FILE PATH: a value of a JSON file by a dotted path ("emails",
# "interactions.0.kind"; "*" maps over a list, "#" is a length, "keys" the
# sorted keys of an object). Lists print comma-separated, null as "null".
PYTHON=$(python3 -c 'import sys; print(sys.executable)')
jv() {
	"$PYTHON" -S -c '
import json, sys
def walk(v, keys):
    if not keys:
        return v
    k, rest = keys[0], keys[1:]
    if k == "*":
        return [walk(x, rest) for x in v]
    if k == "#":
        return len(v)
    if k == "keys":
        return sorted(v.keys())
    return walk(v[int(k)] if isinstance(v, list) else v[k], rest)
def show(v):
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return ",".join(show(x) for x in v)
    if isinstance(v, dict):
        return json.dumps(v, sort_keys=True)
    return str(v)
p = sys.argv[2]
print(show(walk(json.load(open(sys.argv[1])), p.split(".") if p else [])))
' "$1" "${2:-}"
}
