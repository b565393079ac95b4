#!/bin/sh
# Part of `npm run check`: Go code is gofmt-formatted and passes go vet.
set -e
cd "$(dirname "$0")"
unformatted=$(gofmt -l .)
if [ -n "$unformatted" ]; then
	echo "gofmt would change these files (run: gofmt -w server/pocketbase):" >&2
	echo "$unformatted" >&2
	exit 1
fi
go vet ./...
