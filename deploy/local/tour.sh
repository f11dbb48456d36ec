#!/usr/bin/env bash
# The README's tour as one script: a programme year in a minute, against the system `npm start`
# runs in simulation mode (TL_SIMULATION_MODE=true npm start), where requests may state the date.
#
#   bash deploy/local/tour.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

E=http://127.0.0.1:3101 D=http://127.0.0.1:3102 C=http://127.0.0.1:3103 R=http://127.0.0.1:3104
mint() { npx --no-install tsx libs/auth/src/cli/tokens.ts mint --dir .local/keys "$@"; }
field() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=process.argv[1].split(".").reduce((o,k)=>o?.[k],JSON.parse(s));process.stdout.write(typeof v==="string"?v:JSON.stringify(v))})' "$1"; }
say() { printf '\n== %s\n' "$*"; }
# POST with a bearer token at a simulated instant: call TOKEN INSTANT URL [JSON] [extra curl args...]
call() {
  local token=$1 now=$2 url=$3 body=${4:-'{}'}
  shift 4 || shift $#
  curl -sS -X POST "$url" -H "authorization: Bearer $token" -H "x-simulated-now: $now" -H 'content-type: application/json' "$@" -d "$body"
}
# Facts travel between services over Kafka: ask again until the answer holds what is expected.
until_matches() {
  local pattern=$1; shift
  for _ in $(seq 1 100); do
    out=$("$@") && grep -q -- "$pattern" <<<"$out" && { printf '%s\n' "$out"; return 0; }
    sleep 0.3
  done
  printf 'gave up waiting for %s; last answer: %s\n' "$pattern" "$out" >&2
  return 1
}

# Issuing, replaying and restating an evaluation run as jobs (202, Location: /evaluation-jobs/<id>):
# follow one from the answer that accepted it until it ends, and print its result.
follow_job() {
  local token=$1 accepted=$2 status job
  status=$(field statusUrl <<<"$accepted")
  [ -n "$status" ] || { printf 'not accepted as a job: %s\n' "$accepted" >&2; return 1; }
  for _ in $(seq 1 600); do
    job=$(curl -sS "$R$status" -H "authorization: Bearer $token")
    case $(field state <<<"$job") in
      succeeded) field result <<<"$job"; echo; return 0 ;;
      failed) printf 'the job failed: %s\n' "$job" >&2; return 1 ;;
    esac
    sleep 0.5
  done
  printf 'gave up waiting for %s; last answer: %s\n' "$status" "$job" >&2
  return 1
}

TOUR=${TOUR_ID:-$(date +%s)}
RUN="RUN-TOUR-$TOUR" COURSE="TOUR-NEG-$TOUR" TRAINEE="tour-trainee-$TOUR"

say "Tokens (programme office, an agency's system, the institution's system, certifier, evaluator, auditor)"
ADMIN=$(mint --role programme-admin)
AGENCY=$(mint --role agency-integration --agency BNV)
HVNG=$(mint --role institution-integration --institution HVNG)
CERTIFIER=$(mint --role certifier)
EVALUATOR=$(mint --role evaluator)
AUDITOR=$(mint --role auditor)

say "Register an agency: Bộ Nội vụ"
call "$ADMIN" 2026-06-01T09:00:00+07:00 "$E/agencies" '{"code":"BNV","nameVi":"Bộ Nội vụ","nameEn":"Ministry of Home Affairs","kind":"ministry"}'

say "The programme office defines a course and schedules a run"
call "$ADMIN" 2027-01-05T09:00:00+07:00 "$D/courses" "{\"courseId\":\"$COURSE\",\"code\":\"$COURSE\",\"titleVi\":\"Kỹ năng đàm phán quốc tế\",\"titleEn\":\"International negotiation\",\"trainingGroup\":\"skills-and-style\",\"level\":\"universal\",\"requirementGroups\":[\"skills-and-style\"],\"format\":\"in-person\",\"lengthDays\":1,\"lengthHours\":7,\"languages\":[\"vi\"],\"eligibleTargetGroups\":[\"regular\"],\"eligibleRanks\":[\"specialist\"],\"completionRule\":{\"minAttendanceShare\":\"0.8000\",\"excusedCountsAsAttended\":false,\"assessmentRequired\":false,\"passMark\":null}}"
call "$ADMIN" 2027-01-10T09:00:00+07:00 "$D/runs" "{\"runId\":\"$RUN\",\"courseId\":\"$COURSE\",\"providerInstitutionId\":\"HVNG\",\"hostAgencyId\":null,\"venue\":\"Học viện Ngoại giao\",\"startDate\":\"2027-03-15\",\"endDate\":\"2027-03-15\",\"nominationDeadline\":\"2027-03-01\",\"capacity\":30,\"agencyQuotas\":[],\"waitlistPolicy\":\"auto-approve\",\"sessions\":[{\"sessionId\":\"S1\",\"date\":\"2027-03-15\",\"startsAt\":\"2027-03-15T08:00:00+07:00\",\"endsAt\":\"2027-03-15T11:30:00+07:00\"},{\"sessionId\":\"S2\",\"date\":\"2027-03-15\",\"startsAt\":\"2027-03-15T13:30:00+07:00\",\"endsAt\":\"2027-03-15T17:00:00+07:00\"}],\"lecturers\":[{\"lecturerId\":\"L1\",\"name\":\"Trần Thị Mai\",\"origin\":\"vietnamese\",\"affiliation\":\"Học viện Ngoại giao\"}]}"

say "The agency declares its roster, registers a trainee and nominates her (cử cán bộ)"
call "$AGENCY" 2027-01-06T09:00:00+07:00 "$E/agencies/BNV/rosters" '{"asOf":"2027-01-01","regular":40,"nonRegular":10}'
call "$AGENCY" 2027-01-15T09:00:00+07:00 "$E/agencies/BNV/trainees" "{\"traineeId\":\"$TRAINEE\",\"targetGroup\":\"regular\",\"rank\":\"specialist\",\"leadership\":false,\"sector\":null,\"fullName\":\"Nguyễn Thị Hồng Nhung\",\"dateOfBirth\":\"1990-04-12\",\"staffNumber\":\"SHCC-$TOUR\"}"
NOMINATED=$(until_matches '"submitted":1' call "$AGENCY" 2027-01-20T09:00:00+07:00 "$E/runs/$RUN/nominations" "{\"nominations\":[{\"traineeId\":\"$TRAINEE\"}]}" -H "idempotency-key: tour-$TOUR")
echo "$NOMINATED"
NOMINATION=$(field items.0.nominationId <<<"$NOMINATED")

say "MOFA approves (duyệt); course delivery learns of it over Kafka"
call "$ADMIN" 2027-02-25T09:00:00+07:00 "$E/runs/$RUN/nominations/$NOMINATION/approve"
until_matches "$TRAINEE" curl -sS "$D/runs/$RUN/roster" -H "authorization: Bearer $ADMIN"

say "The run starts; the institution's system posts attendance (điểm danh); the run completes"
call "$ADMIN" 2027-03-15T07:30:00+07:00 "$D/runs/$RUN/start"
call "$HVNG" 2027-03-15T18:00:00+07:00 "$D/runs/$RUN/attendance" "{\"marks\":[{\"recordId\":\"$RUN/S1\",\"traineeId\":\"$TRAINEE\",\"sessionId\":\"S1\",\"status\":\"present\",\"observedAt\":\"2027-03-15T08:03:00+07:00\"},{\"recordId\":\"$RUN/S2\",\"traineeId\":\"$TRAINEE\",\"sessionId\":\"S2\",\"status\":\"late\",\"observedAt\":\"2027-03-15T13:50:00+07:00\"}]}" -H "idempotency-key: tour-attendance-$TOUR"
call "$ADMIN" 2027-03-15T18:30:00+07:00 "$D/runs/$RUN/complete"

say "MOFA issues the certificate (cấp chứng nhận); anyone verifies it"
until_matches "$TRAINEE" curl -sS "$C/runs/$RUN/worklist" -H "authorization: Bearer $CERTIFIER"
ISSUED=$(call "$CERTIFIER" 2027-03-22T09:00:00+07:00 "$C/runs/$RUN/certificates" "{\"holders\":[{\"traineeId\":\"$TRAINEE\",\"holderName\":\"Nguyễn Thị Hồng Nhung\"}]}" -H "idempotency-key: tour-certificates-$TOUR")
echo "$ISSUED"
CODE=$(field items.0.verificationCode <<<"$ISSUED")
curl -sS "$C/verify/$CODE"; echo

say "The evaluator issues an evaluation from the log; the auditor replays it"
until_matches '"trained"' curl -sS "$R/progress?asOf=2027-03-31" -H "authorization: Bearer $AUDITOR" >/dev/null
sleep 2
EVALUATION=$(follow_job "$EVALUATOR" "$(call "$EVALUATOR" 2027-04-05T09:00:00+07:00 "$R/evaluations" '{"kind":"ad-hoc","asOf":"2027-03-31"}')")
echo "$EVALUATION"
EVALUATION_ID=$(field evaluationId <<<"$EVALUATION")
follow_job "$AUDITOR" "$(call "$AUDITOR" 2027-04-06T09:00:00+07:00 "$R/evaluations/$EVALUATION_ID/replay")"
