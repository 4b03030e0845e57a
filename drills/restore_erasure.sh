#!/usr/bin/env bash
# Drill: restore a backup taken before an erasure on request; the erasure is applied again.
#
# Backup (pg_dump -Fc) of a database with the demo data, then two erasures through the
# retention erasure path (one complete, one partial: a running tenancy is kept by statute),
# then the backup is restored (pg_restore into a fresh database): both persons are back.
# `manage.py replay_erasures` reads the erasure log (ERASURE_LOG_PATH, outside the database)
# and erases them again; a second replay changes nothing; nobody else is touched.
#
# Own PostgreSQL (55432) and Redis (6390); see drills/lib.sh.
source "$(dirname "$0")/lib.sh"
export ERASURE_LOG_PATH=$DRILL_DIR/erasure-log/erasures.jsonl
field() { "$PY" -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {'D': d, **d}))" "$1"; }

snapshot() {
  manage shell -c "
import json
from contacts.models import ContactMoment, Person, PhoneNumber
ids = [int(x) for x in '$1'.split(',')]
print(json.dumps({
    'persons': Person.objects.count(),
    'phones': PhoneNumber.objects.count(),
    'contacts': ContactMoment.objects.count(),
    'linked_contacts': ContactMoment.objects.filter(person__isnull=False).count(),
    'subjects': {str(i): {
        'exists': Person.objects.filter(pk=i).exists(),
        'phones': PhoneNumber.objects.filter(person_id=i).count(),
        'contacts': ContactMoment.objects.filter(person_id=i).count(),
    } for i in ids},
}))" 2>/dev/null | tail -1
}

say "PostgreSQL on $DRILL_PG_PORT, Redis on $DRILL_REDIS_PORT (throwaway, in $DRILL_DIR); demo data"
pg_start
redis_start
prepare_db demo
# A walk-in without a tenancy (nothing kept by statute): the complete erasure.
manage shell -c "
from accounts.models import User
from contacts import services
from contacts.models import ContactMoment
p = services.create_person(User.objects.get(username='medewerker'), surname='Inloop',
                           given_name='Drill', phone='0612345678')
c = ContactMoment.objects.filter(person__isnull=False).first()
c.pk = None
c.person = p
c.save()" >/dev/null 2>&1
ids=$(manage shell -c "
from django.db.models import Count
from contacts.models import Person
from retention.models import LegalHold
held = set(LegalHold.objects.values_list('person_id', flat=True))
base = Person.objects.exclude(pk__in=held).annotate(
    c=Count('contact_moments', distinct=True), p=Count('phone_numbers', distinct=True),
    t=Count('tenancies', distinct=True)).filter(c__gt=0, p__gt=0).order_by('pk')
partial = base.filter(t__gt=0, tenancies__end_date__isnull=True).first()
complete = base.filter(t=0).first()
print(','.join(str(p.pk) for p in (complete, partial) if p))" 2>/dev/null | tail -1)
say "persons to erase: $ids"
snapshot "$ids" >"$DRILL_DIR/before.json"
say "before: $(cat "$DRILL_DIR/before.json")"

say "backup (pg_dump -Fc)"
pg_dump -Fc -d "$DATABASE_URL" -f "$DRILL_DIR/backup.dump"

say "erasures on request (retention.services.erase_person, as the rights app calls it)"
manage shell -c "
from contacts.models import Person
from retention import services
for pk in [int(x) for x in '$ids'.split(',')]:
    log = services.erase_person(Person.objects.get(pk=pk), requested_by=None,
                                reason='Drill: verzoek AVG-DRILL-%s' % pk)
    print(pk, log.outcome)" 2>/dev/null
snapshot "$ids" >"$DRILL_DIR/erased.json"
say "after the erasures: $(cat "$DRILL_DIR/erased.json")"
say "erasure log: $(cat "$ERASURE_LOG_PATH")"
n_ids=$(echo "$ids" | tr ',' '\n' | wc -l)
check "the erasure log has a line per erasure ($n_ids)" test "$(wc -l <"$ERASURE_LOG_PATH")" = "$n_ids"
check "the log holds no names or reasons" \
  bash -c "! grep -qiE 'AVG-DRILL|surname|name' '$ERASURE_LOG_PATH'"

say "restore the backup into a fresh database (drop, create, pg_restore)"
PSQL_DB=postgres psql_drill -c "DROP DATABASE $DRILL_DB WITH (FORCE)"
PSQL_DB=postgres psql_drill -c "CREATE DATABASE $DRILL_DB"
pg_restore --no-owner -d "$DATABASE_URL" "$DRILL_DIR/backup.dump"
snapshot "$ids" >"$DRILL_DIR/restored.json"
say "restored: $(cat "$DRILL_DIR/restored.json")"
check "the restore brought the erased data back (as the backup had it)" \
  cmp -s <(field 'subjects' <"$DRILL_DIR/before.json") <(field 'subjects' <"$DRILL_DIR/restored.json")

say "manage.py replay_erasures --dry-run, then for real, then again"
manage replay_erasures --dry-run --skip-checks | tee "$DRILL_DIR/dry.txt"
snapshot "$ids" >"$DRILL_DIR/dry.json"
check "the dry run changed nothing" cmp -s "$DRILL_DIR/restored.json" "$DRILL_DIR/dry.json"
manage replay_erasures --skip-checks | tee "$DRILL_DIR/replay1.txt"
check "every logged erasure was applied again" grep -q "  $n_ids erased again" "$DRILL_DIR/replay1.txt"
snapshot "$ids" >"$DRILL_DIR/replayed.json"
say "after the replay: $(cat "$DRILL_DIR/replayed.json")"
check "the persons' data is as right after the original erasures" \
  cmp -s <(field 'subjects' <"$DRILL_DIR/erased.json") <(field 'subjects' <"$DRILL_DIR/replayed.json")
check "nobody else was touched (totals as after the original erasures)" \
  cmp -s "$DRILL_DIR/erased.json" "$DRILL_DIR/replayed.json"
manage replay_erasures --skip-checks | tee "$DRILL_DIR/replay2.txt"
check "a second replay erases nothing" grep -q "  0 erased again" "$DRILL_DIR/replay2.txt"
snapshot "$ids" >"$DRILL_DIR/replayed2.json"
check "and changes nothing" cmp -s "$DRILL_DIR/replayed.json" "$DRILL_DIR/replayed2.json"

verdict "restore of a backup from before an erasure"
