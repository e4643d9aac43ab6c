/// The PostgreSQL schema: the same tables, columns and versions as `SQLiteSchema`
/// (instants as BIGINT milliseconds, ids as lower-case UUID text), so both engines run
/// the same queries and the conformance suite holds them to the same behaviour.
enum PostgresSchema {
    static let migrations: [(version: Int, sql: [String])] = [
        (1, [
            "CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
            """
            CREATE TABLE users (
                user_id TEXT PRIMARY KEY,
                email TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('customer','organizer','scanner','admin')),
                created_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE events (
                event_id TEXT PRIMARY KEY,
                organizer_id TEXT NOT NULL REFERENCES users(user_id),
                title TEXT NOT NULL,
                artist TEXT NOT NULL,
                category TEXT NOT NULL,
                venue_name TEXT NOT NULL,
                city TEXT NOT NULL,
                starts_at BIGINT NOT NULL,
                sale_starts_at BIGINT,
                hold_duration_minutes INTEGER NOT NULL,
                max_tickets_per_user INTEGER NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX events_by_start ON events (starts_at, event_id)",
            """
            CREATE TABLE sections (
                section_id TEXT PRIMARY KEY,
                event_id TEXT NOT NULL REFERENCES events(event_id),
                name TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('seated','general_admission')),
                price_cents INTEGER NOT NULL,
                capacity INTEGER NOT NULL,
                sold INTEGER NOT NULL DEFAULT 0,
                position INTEGER NOT NULL,
                CHECK (sold >= 0 AND sold <= capacity)
            )
            """,
            "CREATE INDEX sections_by_event ON sections (event_id, position)",
            """
            CREATE TABLE seats (
                seat_id TEXT PRIMARY KEY,
                event_id TEXT NOT NULL,
                section_id TEXT NOT NULL REFERENCES sections(section_id),
                row_label TEXT NOT NULL,
                row_index INTEGER NOT NULL,
                seat_number INTEGER NOT NULL,
                price_cents INTEGER NOT NULL,
                status TEXT NOT NULL DEFAULT 'AVAILABLE' CHECK (status IN ('AVAILABLE','HELD','SOLD','BLOCKED')),
                reservation_id TEXT,
                held_until BIGINT
            )
            """,
            "CREATE INDEX seats_by_event ON seats (event_id, row_index, seat_number)",
            "CREATE INDEX seats_by_reservation ON seats (reservation_id) WHERE reservation_id IS NOT NULL",
            """
            CREATE TABLE reservations (
                reservation_id TEXT PRIMARY KEY,
                user_id TEXT NOT NULL,
                event_id TEXT NOT NULL,
                ga_section_id TEXT,
                lines TEXT NOT NULL,
                quantity INTEGER NOT NULL CHECK (quantity > 0),
                status TEXT NOT NULL CHECK (status IN ('HELD','PAYMENT_PENDING','CONFIRMED','EXPIRED','CANCELLED')),
                total_price_cents INTEGER NOT NULL,
                held_until BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                confirmed_at BIGINT,
                payment_id TEXT,
                idempotency_key TEXT,
                request_hash TEXT,
                UNIQUE (user_id, idempotency_key)
            )
            """,
            "CREATE INDEX reservations_by_buyer ON reservations (user_id, event_id, status)",
            "CREATE INDEX reservations_by_ga_section ON reservations (ga_section_id, status) WHERE ga_section_id IS NOT NULL",
            "CREATE INDEX reservations_lapsing ON reservations (held_until) WHERE status = 'HELD'",
            """
            CREATE TABLE tickets (
                ticket_id TEXT PRIMARY KEY,
                reservation_id TEXT NOT NULL REFERENCES reservations(reservation_id),
                event_id TEXT NOT NULL,
                section_id TEXT NOT NULL,
                seat_id TEXT,
                seat_label TEXT NOT NULL,
                owner_id TEXT NOT NULL,
                holder_name TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('ACTIVE','USED','CANCELLED','TRANSFERRED')),
                qr_code TEXT NOT NULL,
                issued_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX tickets_by_owner ON tickets (owner_id, issued_at)",
            "CREATE INDEX tickets_by_reservation ON tickets (reservation_id)",
            "CREATE INDEX tickets_by_event ON tickets (event_id)",
            "CREATE UNIQUE INDEX one_live_ticket_per_seat ON tickets (seat_id) WHERE seat_id IS NOT NULL AND status IN ('ACTIVE','USED')",
        ]),
        (2, [
            "ALTER TABLE sections ADD COLUMN held INTEGER NOT NULL DEFAULT 0",
            """
            UPDATE sections SET held = (
                SELECT COALESCE(SUM(quantity), 0) FROM reservations
                WHERE ga_section_id = sections.section_id AND status IN ('HELD', 'PAYMENT_PENDING'))
            """,
        ]),
        (3, [
            // Sharding: an event's rows live on its shard, accounts on the directory shard,
            // so a shard cannot reference users; buyers are locked through buyer_locks.
            "ALTER TABLE events DROP CONSTRAINT IF EXISTS events_organizer_id_fkey",
            "CREATE TABLE IF NOT EXISTS buyer_locks (user_id TEXT PRIMARY KEY)",
            "CREATE TABLE IF NOT EXISTS event_shards (event_id TEXT PRIMARY KEY, shard INTEGER NOT NULL)",
        ]),
        (4, [
            "ALTER TABLE tickets ADD COLUMN IF NOT EXISTS used_at BIGINT",
            "ALTER TABLE tickets ADD COLUMN IF NOT EXISTS used_by TEXT",
        ]),
        (5, [
            "ALTER TABLE tickets ADD COLUMN IF NOT EXISTS updated_at BIGINT NOT NULL DEFAULT 0",
            "UPDATE tickets SET updated_at = COALESCE(used_at, issued_at)",
            "CREATE INDEX IF NOT EXISTS tickets_changes ON tickets (event_id, updated_at)",
        ]),
    ]
}
