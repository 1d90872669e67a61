#!/bin/sh
# Creates the replica-set keyfile once, in the named volume mounted at /keyfile (compose service mongo-keyfile).
# mongod requires a keyfile when authentication and a replica set are both on; it must be readable by the
# mongodb user (uid 999 in the official image) and by no one else. It is generated here, never committed.
set -eu
key=/keyfile/mongo.key
if [ ! -s "$key" ]; then
  head -c 756 /dev/urandom | base64 -w 0 > "$key"
  echo "generated $key"
fi
chown 999:999 "$key"
chmod 0400 "$key"
