#!/bin/sh
# A signed GET to a Hashwatch installation's Function URL (AWS_IAM auth) with curl's own SigV4
# (curl 7.75 or later), for the service "lambda":
#
#   HASHWATCH_URL="$URL" AWS_REGION=us-east-1 examples/signed-request.sh 'v1/latest?currency=EUR'
#
# HASHWATCH_URL is the stack's CalculatorUrl output; the credentials come from AWS_ACCESS_KEY_ID,
# AWS_SECRET_ACCESS_KEY and, for SSO or a role, AWS_SESSION_TOKEN
# (eval "$(aws configure export-credentials --format env)"). docs/api.md, "Signed requests";
# test/integration/api/signedRequests.test.ts runs it against the local server. With curl before
# 8.1, write the query's parameters in sorted order (format=csv&ticker=MARA&view=monthly): those
# versions sign the query as written, and the URL checks it sorted.
set -eu
: "${HASHWATCH_URL:?set HASHWATCH_URL to the Function URL (the CalculatorUrl output)}"
: "${AWS_REGION:?set AWS_REGION to the stack's region}"
: "${AWS_ACCESS_KEY_ID:?set AWS_ACCESS_KEY_ID}"
: "${AWS_SECRET_ACCESS_KEY:?set AWS_SECRET_ACCESS_KEY}"
path="${1:?usage: signed-request.sh 'v1/latest?currency=EUR'}"
# The session token is a header the signature covers; long-term keys have none.
if [ -n "${AWS_SESSION_TOKEN:-}" ]; then
  set -- -H "x-amz-security-token: $AWS_SESSION_TOKEN"
else
  set --
fi
exec curl --silent --show-error --fail-with-body \
  --aws-sigv4 "aws:amz:${AWS_REGION}:lambda" \
  --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" \
  "$@" "${HASHWATCH_URL%/}/${path#/}"
