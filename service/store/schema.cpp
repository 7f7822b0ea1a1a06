#include "schema.h"

namespace Callbook {

QStringList tenantTables() {
    return {QStringLiteral("phone_numbers"),
            QStringLiteral("agents"),
            QStringLiteral("services"),
            QStringLiteral("business_hours"),
            QStringLiteral("closures"),
            QStringLiteral("customers"),
            QStringLiteral("calls"),
            QStringLiteral("call_events"),
            QStringLiteral("function_calls"),
            QStringLiteral("appointments"),
            QStringLiteral("booking_holds"),
            QStringLiteral("callback_requests"),
            QStringLiteral("calcom_webhook_events")};
}

// Timestamps are milliseconds since the epoch (UTC) in BIGINT columns, identical on both
// engines; flags are INTEGER 0/1; JSON is TEXT. That keeps one schema for SQLite and
// PostgreSQL.
static QList<Migration> buildMigrations() {
    Migration v1{1, QStringLiteral("tenants, calls, events, bookings"), {}, {}, {}};
    v1.statements = {
        QStringLiteral(R"(CREATE TABLE companies (
            id {{ID}},
            slug TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            timezone TEXT NOT NULL,
            locale TEXT NOT NULL DEFAULT 'de',
            price_per_minute_eur {{REAL}} NOT NULL DEFAULT 0,
            calendar_provider TEXT NOT NULL DEFAULT 'local',
            calendar_settings TEXT NOT NULL DEFAULT '{}',
            transfer_number TEXT,
            retention_days INTEGER NOT NULL DEFAULT 90,
            settings TEXT NOT NULL DEFAULT '{}',
            created_at_ms BIGINT NOT NULL,
            updated_at_ms BIGINT NOT NULL))"),
        QStringLiteral(R"(CREATE TABLE phone_numbers (
            e164 TEXT PRIMARY KEY,
            company_id BIGINT NOT NULL REFERENCES companies(id) ON DELETE CASCADE))"),
        QStringLiteral(R"(CREATE TABLE agents (
            agent_id TEXT PRIMARY KEY,
            company_id BIGINT NOT NULL REFERENCES companies(id) ON DELETE CASCADE))"),
        QStringLiteral(R"(CREATE TABLE services (
            id {{ID}},
            company_id BIGINT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            aliases TEXT NOT NULL DEFAULT '[]',
            duration_min INTEGER NOT NULL,
            price_eur {{REAL}},
            event_type_id BIGINT,
            buffer_before_min INTEGER NOT NULL DEFAULT 0,
            buffer_after_min INTEGER NOT NULL DEFAULT 0,
            active INTEGER NOT NULL DEFAULT 1,
            UNIQUE (company_id, name)))"),
        QStringLiteral(R"(CREATE TABLE business_hours (
            company_id BIGINT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
            weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
            opens_min INTEGER NOT NULL,
            closes_min INTEGER NOT NULL,
            CHECK (opens_min < closes_min),
            PRIMARY KEY (company_id, weekday, opens_min)))"),
        QStringLiteral(R"(CREATE TABLE closures (
            company_id BIGINT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
            day TEXT NOT NULL,
            reason TEXT,
            PRIMARY KEY (company_id, day)))"),
        QStringLiteral(R"(CREATE TABLE customers (
            id {{ID}},
            company_id BIGINT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
            phone_e164 TEXT,
            first_name TEXT,
            last_name TEXT,
            email TEXT,
            created_at_ms BIGINT NOT NULL,
            updated_at_ms BIGINT NOT NULL,
            UNIQUE (company_id, phone_e164)))"),
        QStringLiteral(R"(CREATE TABLE calls (
            call_id TEXT PRIMARY KEY,
            company_id BIGINT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
            agent_id TEXT,
            call_type TEXT,
            direction TEXT,
            from_number TEXT,
            to_number TEXT,
            status TEXT NOT NULL,
            status_rank INTEGER NOT NULL,
            started_at_ms BIGINT,
            ended_at_ms BIGINT,
            duration_ms BIGINT,
            disconnection_reason TEXT,
            retell_cost_cents {{REAL}},
            price_cents {{REAL}},
            total_cost_cents {{REAL}},
            summary TEXT,
            sentiment TEXT,
            successful INTEGER,
            transcript TEXT,
            customer_id BIGINT REFERENCES customers(id) ON DELETE SET NULL,
            booked INTEGER NOT NULL DEFAULT 0,
            created_at_ms BIGINT NOT NULL,
            updated_at_ms BIGINT NOT NULL))"),
        QStringLiteral("CREATE INDEX calls_company_created ON calls (company_id, created_at_ms)"),
        // Every webhook delivery we acknowledged. (call_id, dedupe_key) makes a redelivery a
        // no-op: the key is the event name for once-per-call events, and name + body hash for
        // events that arrive many times by design (transcript_updated). v5 adds company_id
        // to that key.
        QStringLiteral(R"(CREATE TABLE call_events (
            id {{ID}},
            company_id BIGINT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
            call_id TEXT NOT NULL,
            event TEXT NOT NULL,
            dedupe_key TEXT NOT NULL,
            received_at_ms BIGINT NOT NULL,
            payload TEXT NOT NULL,
            UNIQUE (call_id, dedupe_key)))"),
        // Deliveries whose tenant we could not resolve: kept (never lost), visible to admins.
        QStringLiteral(R"(CREATE TABLE unrouted_events (
            id {{ID}},
            call_id TEXT,
            event TEXT NOT NULL,
            to_number TEXT,
            agent_id TEXT,
            received_at_ms BIGINT NOT NULL,
            dedupe_key TEXT NOT NULL UNIQUE,
            payload TEXT NOT NULL))"),
        QStringLiteral(R"(CREATE TABLE function_calls (
            id {{ID}},
            company_id BIGINT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
            call_id TEXT NOT NULL,
            name TEXT NOT NULL,
            args TEXT NOT NULL DEFAULT '{}',
            outcome TEXT NOT NULL,
            result TEXT,
            duration_us BIGINT NOT NULL,
            cache_hit INTEGER NOT NULL DEFAULT 0,
            upstream_ms BIGINT,
            created_at_ms BIGINT NOT NULL))"),
        QStringLiteral("CREATE INDEX function_calls_call ON function_calls (call_id)"),
        QStringLiteral("CREATE INDEX function_calls_company_created ON function_calls (company_id, "
                       "created_at_ms)"),
        QStringLiteral(R"(CREATE TABLE appointments (
            id {{ID}},
            company_id BIGINT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
            service_id BIGINT REFERENCES services(id) ON DELETE SET NULL,
            customer_id BIGINT REFERENCES customers(id) ON DELETE SET NULL,
            call_id TEXT,
            starts_at_ms BIGINT NOT NULL,
            ends_at_ms BIGINT NOT NULL,
            status TEXT NOT NULL DEFAULT 'booked',
            provider TEXT NOT NULL DEFAULT 'local',
            external_uid TEXT,
            idempotency_key TEXT UNIQUE,
            attendee_name TEXT,
            attendee_phone TEXT,
            attendee_email TEXT,
            notes TEXT,
            created_at_ms BIGINT NOT NULL,
            updated_at_ms BIGINT NOT NULL,
            CHECK (starts_at_ms < ends_at_ms)))"),
        QStringLiteral(
            "CREATE INDEX appointments_company_time ON appointments (company_id, starts_at_ms)"),
        QStringLiteral(R"(CREATE TABLE booking_holds (
            id {{ID}},
            company_id BIGINT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
            service_id BIGINT REFERENCES services(id) ON DELETE CASCADE,
            call_id TEXT NOT NULL,
            token TEXT NOT NULL UNIQUE,
            starts_at_ms BIGINT NOT NULL,
            ends_at_ms BIGINT NOT NULL,
            expires_at_ms BIGINT NOT NULL,
            status TEXT NOT NULL DEFAULT 'held',
            created_at_ms BIGINT NOT NULL))"),
        QStringLiteral(
            "CREATE INDEX booking_holds_company_time ON booking_holds (company_id, starts_at_ms)"),
        QStringLiteral(R"(CREATE TABLE callback_requests (
            id {{ID}},
            company_id BIGINT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
            call_id TEXT,
            phone TEXT,
            name TEXT,
            reason TEXT,
            preferred_time TEXT,
            status TEXT NOT NULL DEFAULT 'open',
            note TEXT,
            created_at_ms BIGINT NOT NULL,
            done_at_ms BIGINT))"),
    };
    // Lets the non-owner service role learn which company a number or agent belongs to
    // without being able to read any tenant's rows.
    v1.postgresOnly = {
        QStringLiteral(R"(CREATE FUNCTION callbook_current_company() RETURNS BIGINT
            LANGUAGE sql STABLE AS
            $$ SELECT NULLIF(current_setting('callbook.company_id', true), '')::BIGINT $$)"),
        QStringLiteral(R"(CREATE FUNCTION callbook_routing()
            RETURNS TABLE (company_id BIGINT, slug TEXT, name TEXT, timezone TEXT, locale TEXT,
                           price_per_minute_eur DOUBLE PRECISION, kind TEXT, address TEXT)
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
              SELECT c.id, c.slug, c.name, c.timezone, c.locale, c.price_per_minute_eur,
                     'company', NULL FROM companies c
              UNION ALL
              SELECT p.company_id, NULL, NULL, NULL, NULL, NULL, 'number', p.e164 FROM phone_numbers p
              UNION ALL
              SELECT a.company_id, NULL, NULL, NULL, NULL, NULL, 'agent', a.agent_id FROM agents a
            $$)"),
    };
    // The time an appointment blocks (with its service's buffers), the link to a Cal.com
    // booking, and the Cal.com webhook ledger.
    Migration v2{2, QStringLiteral("calendar providers and Cal.com webhooks"), {}, {}, {}};
    v2.statements = {
        QStringLiteral("ALTER TABLE appointments ADD COLUMN blocked_from_ms BIGINT"),
        QStringLiteral("ALTER TABLE appointments ADD COLUMN blocked_until_ms BIGINT"),
        QStringLiteral("UPDATE appointments SET blocked_from_ms = starts_at_ms, "
                       "blocked_until_ms = ends_at_ms"),
        QStringLiteral("CREATE UNIQUE INDEX appointments_external ON appointments "
                       "(company_id, provider, external_uid)"),
        QStringLiteral(R"(CREATE TABLE calcom_webhook_events (
            id {{ID}},
            company_id BIGINT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
            trigger_event TEXT NOT NULL,
            booking_uid TEXT,
            dedupe_key TEXT NOT NULL,
            body TEXT NOT NULL,
            received_at_ms BIGINT NOT NULL,
            UNIQUE (company_id, dedupe_key)))"),
    };
    // Two-step booking: a hold remembers who it is for and, once confirmed, its appointment.
    Migration v3{3, QStringLiteral("booking holds for two-step booking"), {}, {}, {}};
    v3.statements = {
        QStringLiteral("ALTER TABLE booking_holds ADD COLUMN blocked_from_ms BIGINT"),
        QStringLiteral("ALTER TABLE booking_holds ADD COLUMN blocked_until_ms BIGINT"),
        QStringLiteral("ALTER TABLE booking_holds ADD COLUMN appointment_id BIGINT"),
        QStringLiteral("ALTER TABLE booking_holds ADD COLUMN customer_name TEXT"),
        QStringLiteral("ALTER TABLE booking_holds ADD COLUMN customer_phone TEXT"),
        QStringLiteral("ALTER TABLE booking_holds ADD COLUMN customer_email TEXT"),
        QStringLiteral("CREATE INDEX booking_holds_call ON booking_holds (call_id)"),
    };
    // Who changed what through the admin commands, the admin endpoint or the console.
    // Append-only for the service role (see Migrator::grantServiceRole); company_id NULL means
    // every business (e.g. the whole cache cleared).
    Migration v4{4, QStringLiteral("audit log"), {}, {}, {}};
    v4.statements = {
        QStringLiteral(R"(CREATE TABLE audit_log (
            id {{ID}},
            at_ms BIGINT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            company_id BIGINT,
            details TEXT NOT NULL DEFAULT '{}'))"),
        QStringLiteral("CREATE INDEX audit_log_at ON audit_log (at_ms)"),
    };
    v4.postgresOnly = {
        QStringLiteral("ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY"),
        QStringLiteral(
            "CREATE POLICY audit_visibility ON audit_log "
            "USING (company_id IS NULL OR company_id = callbook_current_company()) "
            "WITH CHECK (company_id IS NULL OR company_id = callbook_current_company())"),
    };
    // A delivery is a redelivery only within its own business. Keyed by (call_id, dedupe_key)
    // alone, an event sent to another business's number with a call id this business already
    // has (misrouted or forged) took the key, and this business's own event of that name was
    // then answered "duplicate" and never applied.
    Migration v5{5, QStringLiteral("call events deduplicated per business"), {}, {}, {}};
    v5.postgresOnly = {
        QStringLiteral(
            "ALTER TABLE call_events DROP CONSTRAINT call_events_call_id_dedupe_key_key"),
        QStringLiteral("CREATE UNIQUE INDEX call_events_delivery ON call_events "
                       "(company_id, call_id, dedupe_key)"),
    };
    // SQLite cannot drop a table constraint: the table is rebuilt, rows and ids kept.
    v5.sqliteOnly = {
        QStringLiteral(R"(CREATE TABLE call_events_v5 (
            id {{ID}},
            company_id BIGINT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
            call_id TEXT NOT NULL,
            event TEXT NOT NULL,
            dedupe_key TEXT NOT NULL,
            received_at_ms BIGINT NOT NULL,
            payload TEXT NOT NULL))"),
        QStringLiteral("INSERT INTO call_events_v5 (id, company_id, call_id, event, dedupe_key, "
                       "received_at_ms, payload) SELECT id, company_id, call_id, event, "
                       "dedupe_key, received_at_ms, payload FROM call_events"),
        QStringLiteral("DROP TABLE call_events"),
        QStringLiteral("ALTER TABLE call_events_v5 RENAME TO call_events"),
        QStringLiteral("CREATE UNIQUE INDEX call_events_delivery ON call_events "
                       "(company_id, call_id, dedupe_key)"),
    };
    // Lookups that stay quick as a business's history grows. The slot check and the busy times
    // ask for appointments whose buffered end is after a moment: by that end, the past is never
    // read (the time index, by start, reads every appointment before the moment's end). A
    // caller's appointments by number, live holds by expiry, a call's callbacks by call.
    Migration v6{6, QStringLiteral("indexes for a long history"), {}, {}, {}};
    v6.statements = {
        QStringLiteral("CREATE INDEX appointments_company_blocked_until ON appointments "
                       "(company_id, (COALESCE(blocked_until_ms, ends_at_ms)))"),
        QStringLiteral("CREATE INDEX appointments_company_phone ON appointments "
                       "(company_id, attendee_phone)"),
        QStringLiteral("CREATE INDEX booking_holds_company_expiry ON booking_holds "
                       "(company_id, expires_at_ms)"),
        QStringLiteral("CREATE INDEX callback_requests_company_call ON callback_requests "
                       "(company_id, call_id)"),
    };
    return {v1, v2, v3, v4, v5, v6};
}

const QList<Migration> &migrations() {
    static const QList<Migration> all = buildMigrations();
    return all;
}

} // namespace Callbook
