"""The plain SQL the application paths are measured against (a psycopg connection of its own,
no ORM): what a card page reads and writes, and a person search with or without the scope
check, returning the same rows as ``contacts.selectors``."""

SCOPE_SQL = """
    (EXISTS (SELECT 1 FROM contacts_tenancy st JOIN contacts_unit su ON su.id = st.unit_id
             WHERE st.person_id = p.id AND su.team_id = ANY(%(teams)s))
     OR EXISTS (SELECT 1 FROM contacts_personuserobjectpermission g
                WHERE g.content_object_id = p.id AND g.user_id = %(user)s
                  AND g.permission_id = %(perm)s))
"""

TENANCIES_SQL = """
    SELECT t.id, t.person_id, t.contract_number, t.start_date, t.end_date, u.street,
           u.house_number, u.house_number_addition, u.postcode, u.town, r.name
    FROM contacts_tenancy t JOIN contacts_unit u ON u.id = t.unit_id
    JOIN referencedata_referencecode r ON r.id = t.role_id
    WHERE t.person_id = ANY(%s) ORDER BY t.end_date DESC NULLS FIRST, t.start_date DESC
"""


def raw_card(cur, person_id, user_id, teams, perm):
    """The data of one card page in plain SQL (what the view reads and writes)."""
    params = {"teams": teams, "user": user_id, "perm": perm, "person": person_id}
    cur.execute(
        f"SELECT p.id FROM contacts_person p WHERE p.id = %(person)s AND {SCOPE_SQL}",  # noqa: S608
        params,
    )
    assert cur.fetchone() is not None
    cur.execute(  # as audit.services.log_access does outside a transaction
        "WITH a AS (SELECT set_config('synchronous_commit', 'off', true)) "
        'INSERT INTO audit_accesslogentry (actor_id, person_id, what, object_id, "grant", '
        "reason, at, remote_addr) SELECT %s, %s, 'card', %s, 'team', '', now(), '127.0.0.1' "
        "FROM a",
        [user_id, person_id, person_id],
    )
    card_header(cur, person_id)
    timeline_page(cur, person_id)


def card_header(cur, person_id):
    """What the card shows above the timeline: the person, contact details, tenancies, valid
    mandates, the first ten open tasks with their count, the signals."""
    cur.execute(
        "SELECT id, relation_number, initials, given_name, surname_prefix, surname, "
        "date_of_birth FROM contacts_person WHERE id = %s",
        [person_id],
    )
    cur.fetchall()
    cur.execute("SELECT id, number, kind, is_preferred FROM contacts_phonenumber "
                "WHERE person_id = %s", [person_id])  # fmt: skip
    cur.fetchall()
    cur.execute("SELECT id, address, kind, is_preferred FROM contacts_emailaddress "
                "WHERE person_id = %s", [person_id])  # fmt: skip
    cur.fetchall()
    cur.execute(TENANCIES_SQL, [[person_id]])
    cur.fetchall()
    cur.execute(
        """
        SELECT m.id, m.scope, p.initials, p.given_name, p.surname_prefix, p.surname, r.name
        FROM contacts_mandate m JOIN contacts_person p ON p.id = m.representative_id
        JOIN referencedata_referencecode r ON r.id = m.role_id
        WHERE m.represented_id = %s AND m.valid_from <= current_date
          AND (m.valid_to IS NULL OR m.valid_to >= current_date) ORDER BY p.search_name
        """,
        [person_id],
    )
    cur.fetchall()
    cur.execute(
        """
        SELECT t.id, t.requested_action, t.due_date, t.status, k.name, count(*) OVER ()
        FROM contacts_task t JOIN contacts_taskkind k ON k.id = t.kind_id
        WHERE t.person_id = %s AND NOT t.status = 'done' ORDER BY t.due_date, t.id LIMIT 10
        """,
        [person_id],
    )
    cur.fetchall()
    cur.execute(
        "SELECT s.id, st.card_label FROM contacts_signal s JOIN contacts_signaltype st "
        "ON st.id = s.signal_type_id WHERE s.person_id = %s AND s.ended_on IS NULL "
        "ORDER BY st.name",
        [person_id],
    )
    cur.fetchall()


def timeline_page(cur, person_id):
    """One timeline page: the keys of contacts and task events merged, then their details."""
    cur.execute(
        """
        (SELECT 'contact' AS entry, id, occurred_at AS moment FROM contacts_contactmoment
         WHERE person_id = %(p)s ORDER BY occurred_at DESC, id DESC LIMIT 21)
        UNION ALL
        (SELECT 'task', id, at FROM contacts_taskevent WHERE person_id = %(p)s
         ORDER BY at DESC, id DESC LIMIT 21)
        ORDER BY moment DESC, id DESC LIMIT 21
        """,
        {"p": person_id},
    )
    keys = cur.fetchall()[:20]
    contact_ids = [pk for entry, pk, _m in keys if entry == "contact"]
    event_ids = [pk for entry, pk, _m in keys if entry == "task"]
    cur.execute(
        """
        SELECT c.id, c.occurred_at, c.direction, c.summary, c.notes, c.outcome, c.caller_kind,
               ch.name, s.name, d.name, u.first_name, u.last_name, tm.name, f.name
        FROM contacts_contactmoment c
        JOIN referencedata_referencecode ch ON ch.id = c.channel_id
        JOIN contacts_contactsubject s ON s.id = c.subject_id
        LEFT JOIN referencedata_referencecode d ON d.id = c.defect_id
        LEFT JOIN accounts_user u ON u.id = c.handled_by_id
        JOIN accounts_team tm ON tm.id = c.team_id
        LEFT JOIN accounts_team f ON f.id = c.forwarded_to_id
        WHERE c.id = ANY(%s)
        """,
        [contact_ids],
    )
    cur.fetchall()
    cur.execute(
        """
        SELECT e.id, e.kind, e.at, e.note, t.requested_action, k.name, u.first_name, u.last_name
        FROM contacts_taskevent e JOIN contacts_task t ON t.id = e.task_id
        JOIN contacts_taskkind k ON k.id = t.kind_id
        LEFT JOIN accounts_user u ON u.id = e.by_id
        WHERE e.id = ANY(%s)
        """,
        [event_ids],
    )
    cur.fetchall()


def name_sql(words):
    conditions, params = [], {}
    for i, word in enumerate(words):
        params[f"w{i}"] = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        conditions.append(
            f"(p.search_name LIKE %(w{i})s || '%%' OR p.search_name LIKE '%% ' || %(w{i})s || '%%')"
        )
    return " AND ".join(conditions), params


def raw_search(cur, query, user_id, teams, perm, scoped=True):
    """Persons matching a parsed query (scope-filtered) and their tenancies, in plain SQL."""
    params = {"teams": teams, "user": user_id, "perm": perm}
    if query.kind == "name":
        condition, extra = name_sql(query.value)
        params.update(extra)
    elif query.kind == "phone":
        condition = "p.id IN (SELECT person_id FROM contacts_phonenumber WHERE number = %(v)s)"
        params["v"] = query.value
    elif query.kind == "email":
        condition = (
            "p.id IN (SELECT person_id FROM contacts_emailaddress "
            "WHERE lower(address) = lower(%(v)s))"
        )
        params["v"] = query.value
    elif query.kind == "address":
        postcode, number, addition = query.value
        extra = " AND upper(u.house_number_addition) = upper(%(add)s)" if addition else ""
        condition = (
            (  # noqa: S608 (fixed text; the values are parameters)
                "p.id IN (SELECT t.person_id FROM contacts_tenancy t JOIN contacts_unit u "
                "ON u.id = t.unit_id WHERE u.postcode = %(pc)s AND u.house_number = %(nr)s"
            )
            + extra
            + ")"
        )
        params.update(pc=postcode, nr=number, add=addition)
    elif query.kind == "relation_number":
        condition = "p.relation_number = %(v)s"
        params["v"] = query.value
    elif query.kind == "contract_number":
        condition = "p.id IN (SELECT person_id FROM contacts_tenancy WHERE contract_number = %(v)s)"
        params["v"] = query.value
    else:
        return []
    scope = f" AND {SCOPE_SQL}" if scoped else ""
    cur.execute(
        "SELECT p.id, p.initials, p.given_name, p.surname_prefix, p.surname, p.relation_number "  # noqa: S608
        f"FROM contacts_person p WHERE {condition}{scope} "
        "ORDER BY p.search_name || '', p.id LIMIT 25",
        params,
    )
    persons = cur.fetchall()
    if persons:
        cur.execute(TENANCIES_SQL, [[row[0] for row in persons]])
        cur.fetchall()
    return persons
