#!/usr/bin/env bash
# OpenStack chain overhead (listing with 0/20/100 managed servers, request counts, create throughput):
#   scripts/bench/openstack.sh              (env: SIZES=0,20,100 REPS=10 CREATES=20 OPENSTACK_ARGS=--poll-interval=2s)
# Needs the local OpenStack of scripts/openstack-dev/up.sh; exits 3 saying so when Keystone does not answer.
source "$(dirname "$0")/lib.sh"
build_release
python3 "$ROOT/scripts/bench/openstack.py" --swarmd "$SWARMD_DLL" \
  --sizes "${SIZES:-0,20,100}" --reps "${REPS:-10}" --creates "${CREATES:-20}" --rounds "${ROUNDS:-3}" --waiters "${WAITERS:-1,5,20}" --openstack-args "${OPENSTACK_ARGS:-}"
echo
echo "machine: $(machine)"
