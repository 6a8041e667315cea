#!/bin/sh
# A helpline's path through the Caseflow API with curl: sign in, register a case from a call,
# refer it to the child's district JKM office, follow its clocks. python3 reads the JSON.
#   CASEFLOW_URL=<your Caseflow address> CASEFLOW_USER=helpline.operator \
#     CASEFLOW_PASSWORD=... sh helpline.sh
set -eu
api="$CASEFLOW_URL/api/v1"
field() { python3 -c "import json, sys; print(json.load(sys.stdin)$1)"; }
post() { path=$1; shift; curl -sS --fail-with-body -X POST "$api$path" -H 'Content-Type: application/json' "$@"; }

# 1. Sign in: a bearer token for every other call.
token=$(post /tokens -d "{\"username\": \"$CASEFLOW_USER\", \"password\": \"$CASEFLOW_PASSWORD\"}" \
  | field '["token"]')
auth="Authorization: Bearer $token"

# 2. Register the case the caller reported (synthetic data), reported now: clocks count from it.
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
case=$(post /cases -H "$auth" -d '{
  "child": {"given_name": "Aina", "family_name": "Contoh", "date_of_birth": null,
            "age_estimate": 12, "sex": "female", "state": "KDH", "district": "Kota Setar"},
  "source": {"type": "helpline", "reported_at": "'"$now"'"},
  "concerns": [{"form": "sexual_extortion", "online": true, "platforms": ["tiktok"]}],
  "risk_level": "high",
  "narrative": "Synthetic example: a caller reports threats to share images."}')
case_id=$(echo "$case" | field '["id"]')
version=$(echo "$case" | field '["version"]')

# 3. Refer it to the JKM office of the child's district, found in the directory.
office=$(curl -sS --fail-with-body -H "$auth" "$api/facilities?type=jkm&state=KDH&per_page=200" \
  | python3 -c "import json, sys
print(next(f['id'] for f in json.load(sys.stdin)['items'] if f['district'] == 'Kota Setar'))")
post "/cases/$case_id/referrals" -H "$auth" -d "{\"to_facility_id\": $office,
  \"reason\": \"Helpline call: online sexual extortion\", \"urgency\": \"urgent\",
  \"version\": $version}"
echo

# 4. Follow the clocks the referral started (ask again later to see them move).
curl -sS --fail-with-body -H "$auth" "$api/cases/$case_id/clocks"
echo
