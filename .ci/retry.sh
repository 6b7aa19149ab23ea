# Sourced by .ci scripts. The package registries are reached over a network that sometimes stalls
# (npm's EIDLETIMEOUT once failed a whole CI run before a single test ran): a stall is not an
# answer, so the same call is tried again, up to three times, with a pause that grows. A real
# refusal fails the same way each time and still fails the run.
retry() {
  local attempt=1 max=3
  until "$@"; do
    if [ "$attempt" -ge "$max" ]; then
      echo "retry: '$*' failed $max times" >&2
      return 1
    fi
    echo "retry: '$*' failed (attempt $attempt of $max), trying again in $((attempt * 15)) s" >&2
    sleep $((attempt * 15))
    attempt=$((attempt + 1))
  done
}
