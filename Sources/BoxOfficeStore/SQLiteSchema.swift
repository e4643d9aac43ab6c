/// The versioned, forward-only schema of the embedded engine.
///
/// Version 8 indexes a buyer's reservations only once they are paying or paid: holds by
/// buyer are counted in memory (`HeldPlaces`), so a hold no longer writes a page of a
/// buyer index picked at random.
/// Version 7 records the payment method and the start of a payment, so a confirm that
/// never finished (a crash, or a provider that did not answer) is settled later by
/// asking the provider again with the same idempotency key.
/// Version 6 rebuilds `reservations` so that only holds that carry an idempotency key
/// have an entry in the idempotency index (a partial unique index instead of a table
/// constraint), and makes the buyer index cover the per-buyer limit check (status,
/// expiry and quantity in the index, so the check never reads the table). A hold then
/// dirties one page fewer picked at random by buyer, and the check stays an index range
/// read however many reservations a buyer has.
/// Version 5 adds the virtual queue (`queue_state`, `queue_entries`), presale windows
/// (`events.rules`, `reservations.presale`, `presale_claims`).
/// Version 2 adds `sections.held`: the GA places in HELD or PAYMENT_PENDING
/// reservations, lapsed or not, an upper bound that lets a GA hold skip summing every
/// live hold while stock is plentiful. Instants are integer
/// milliseconds since 1970 and ids lower-case UUID text, the same representation the
/// PostgreSQL engine uses, so both engines share their SQL.
enum SQLiteSchema {
    static let migrations: [(version: Int, sql: String)] = [
        (1, """
        CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE users (
            user_id TEXT PRIMARY KEY,
            email TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('customer','organizer','scanner','admin')),
            created_at INTEGER NOT NULL
        );
        CREATE TABLE events (
            event_id TEXT PRIMARY KEY,
            organizer_id TEXT NOT NULL REFERENCES users(user_id),
            title TEXT NOT NULL,
            artist TEXT NOT NULL,
            category TEXT NOT NULL,
            venue_name TEXT NOT NULL,
            city TEXT NOT NULL,
            starts_at INTEGER NOT NULL,
            sale_starts_at INTEGER,
            hold_duration_minutes INTEGER NOT NULL,
            max_tickets_per_user INTEGER NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX events_by_start ON events (starts_at, event_id);
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
        );
        CREATE INDEX sections_by_event ON sections (event_id, position);
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
            held_until INTEGER
        );
        CREATE INDEX seats_by_event ON seats (event_id, row_index, seat_number);
        CREATE INDEX seats_by_reservation ON seats (reservation_id) WHERE reservation_id IS NOT NULL;
        CREATE TABLE reservations (
            reservation_id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL,
            event_id TEXT NOT NULL,
            ga_section_id TEXT,
            lines TEXT NOT NULL,
            quantity INTEGER NOT NULL CHECK (quantity > 0),
            status TEXT NOT NULL CHECK (status IN ('HELD','PAYMENT_PENDING','CONFIRMED','EXPIRED','CANCELLED')),
            total_price_cents INTEGER NOT NULL,
            held_until INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            confirmed_at INTEGER,
            payment_id TEXT,
            idempotency_key TEXT,
            request_hash TEXT,
            UNIQUE (user_id, idempotency_key)
        );
        CREATE INDEX reservations_by_buyer ON reservations (user_id, event_id, status);
        CREATE INDEX reservations_by_ga_section ON reservations (ga_section_id, status) WHERE ga_section_id IS NOT NULL;
        CREATE INDEX reservations_lapsing ON reservations (held_until) WHERE status = 'HELD';
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
            issued_at INTEGER NOT NULL
        );
        CREATE INDEX tickets_by_owner ON tickets (owner_id, issued_at);
        CREATE INDEX tickets_by_reservation ON tickets (reservation_id);
        CREATE UNIQUE INDEX one_live_ticket_per_seat ON tickets (seat_id) WHERE seat_id IS NOT NULL AND status IN ('ACTIVE','USED');
        """),
        (2, """
        ALTER TABLE sections ADD COLUMN held INTEGER NOT NULL DEFAULT 0;
        UPDATE sections SET held = (
            SELECT COALESCE(SUM(quantity), 0) FROM reservations
            WHERE ga_section_id = sections.section_id AND status IN ('HELD', 'PAYMENT_PENDING'));
        """),
        (3, """
        ALTER TABLE tickets ADD COLUMN used_at INTEGER;
        ALTER TABLE tickets ADD COLUMN used_by TEXT;
        """),
        (4, """
        ALTER TABLE tickets ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;
        UPDATE tickets SET updated_at = COALESCE(used_at, issued_at);
        CREATE INDEX tickets_changes ON tickets (event_id, updated_at);
        """),
        (5, """
        ALTER TABLE events ADD COLUMN rules TEXT;
        ALTER TABLE reservations ADD COLUMN presale TEXT;
        CREATE TABLE queue_state (
            event_id TEXT PRIMARY KEY,
            sealed INTEGER NOT NULL DEFAULT 0,
            early_count INTEGER NOT NULL DEFAULT 0,
            last_position INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE queue_entries (
            event_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            position INTEGER,
            draw INTEGER,
            joined_at INTEGER NOT NULL,
            PRIMARY KEY (event_id, user_id)
        );
        CREATE UNIQUE INDEX queue_draws ON queue_entries (event_id, draw) WHERE draw IS NOT NULL;
        CREATE UNIQUE INDEX queue_positions ON queue_entries (event_id, position) WHERE position IS NOT NULL;
        CREATE TABLE presale_claims (
            event_id TEXT NOT NULL,
            code TEXT NOT NULL,
            user_id TEXT NOT NULL,
            claimed_at INTEGER NOT NULL,
            PRIMARY KEY (event_id, code)
        );
        """),
        (6, """
        CREATE TABLE reservations_v6 (
            reservation_id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL,
            event_id TEXT NOT NULL,
            ga_section_id TEXT,
            lines TEXT NOT NULL,
            quantity INTEGER NOT NULL CHECK (quantity > 0),
            status TEXT NOT NULL CHECK (status IN ('HELD','PAYMENT_PENDING','CONFIRMED','EXPIRED','CANCELLED')),
            total_price_cents INTEGER NOT NULL,
            held_until INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            confirmed_at INTEGER,
            payment_id TEXT,
            idempotency_key TEXT,
            request_hash TEXT,
            presale TEXT
        );
        INSERT INTO reservations_v6 (reservation_id, user_id, event_id, ga_section_id, lines, quantity, status,
            total_price_cents, held_until, created_at, confirmed_at, payment_id, idempotency_key, request_hash, presale)
        SELECT reservation_id, user_id, event_id, ga_section_id, lines, quantity, status,
            total_price_cents, held_until, created_at, confirmed_at, payment_id, idempotency_key, request_hash, presale
        FROM reservations;
        DROP TABLE reservations;
        ALTER TABLE reservations_v6 RENAME TO reservations;
        CREATE UNIQUE INDEX reservations_idempotency ON reservations (user_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
        CREATE INDEX reservations_by_buyer ON reservations (user_id, event_id, status, held_until, quantity);
        CREATE INDEX reservations_by_ga_section ON reservations (ga_section_id, status) WHERE ga_section_id IS NOT NULL;
        CREATE INDEX reservations_lapsing ON reservations (held_until) WHERE status = 'HELD';
        """),
        (7, """
        ALTER TABLE reservations ADD COLUMN payment_method TEXT;
        ALTER TABLE reservations ADD COLUMN payment_started_at INTEGER;
        CREATE INDEX reservations_paying ON reservations (payment_started_at) WHERE status = 'PAYMENT_PENDING';
        """),
        (8, """
        DROP INDEX reservations_by_buyer;
        CREATE INDEX reservations_paid_by_buyer ON reservations (user_id, event_id, status, quantity)
            WHERE status IN ('PAYMENT_PENDING', 'CONFIRMED');
        """),
        // The idempotency key of the confirm that started a payment (`Reservation.confirmKey`).
        (9, """
        ALTER TABLE reservations ADD COLUMN confirm_key TEXT;
        """),
        // Door staff working for one organizer, and accounts switched off (`User.organizerID`, `disabledAt`).
        (10, """
        ALTER TABLE users ADD COLUMN organizer_id TEXT;
        ALTER TABLE users ADD COLUMN disabled_at INTEGER;
        CREATE INDEX users_by_organizer ON users (organizer_id) WHERE organizer_id IS NOT NULL;
        """),
        // Places taken after the sale start are admitted no faster than the rate (`QueueJoin.spacing`).
        (11, """
        ALTER TABLE queue_state ADD COLUMN last_admit_at INTEGER;
        ALTER TABLE queue_entries ADD COLUMN admit_at INTEGER;
        """),
        // The currency every charge and refund of an event is made in (ISO 4217, lower case).
        (12, """
        ALTER TABLE events ADD COLUMN currency TEXT NOT NULL DEFAULT 'usd';
        """),
        // Refunds, and REFUNDED tickets (SQLite cannot widen a CHECK, so `tickets` is rebuilt).
        (13, """
        CREATE TABLE tickets_v13 (
            ticket_id TEXT PRIMARY KEY,
            reservation_id TEXT NOT NULL REFERENCES reservations(reservation_id),
            event_id TEXT NOT NULL,
            section_id TEXT NOT NULL,
            seat_id TEXT,
            seat_label TEXT NOT NULL,
            owner_id TEXT NOT NULL,
            holder_name TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('ACTIVE','USED','CANCELLED','TRANSFERRED','REFUNDED')),
            qr_code TEXT NOT NULL,
            issued_at INTEGER NOT NULL,
            used_at INTEGER,
            used_by TEXT,
            updated_at INTEGER NOT NULL DEFAULT 0
        );
        INSERT INTO tickets_v13 (ticket_id, reservation_id, event_id, section_id, seat_id, seat_label, owner_id, holder_name,
            status, qr_code, issued_at, used_at, used_by, updated_at)
        SELECT ticket_id, reservation_id, event_id, section_id, seat_id, seat_label, owner_id, holder_name,
            status, qr_code, issued_at, used_at, used_by, updated_at
        FROM tickets;
        DROP TABLE tickets;
        ALTER TABLE tickets_v13 RENAME TO tickets;
        CREATE INDEX tickets_by_owner ON tickets (owner_id, issued_at);
        CREATE INDEX tickets_by_reservation ON tickets (reservation_id);
        CREATE UNIQUE INDEX one_live_ticket_per_seat ON tickets (seat_id) WHERE seat_id IS NOT NULL AND status IN ('ACTIVE','USED');
        CREATE INDEX tickets_changes ON tickets (event_id, updated_at);
        CREATE TABLE refunds (
            refund_id TEXT PRIMARY KEY,
            reservation_id TEXT NOT NULL REFERENCES reservations(reservation_id),
            event_id TEXT NOT NULL,
            ticket_ids TEXT NOT NULL,
            amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
            fee_cents INTEGER NOT NULL CHECK (fee_cents >= 0),
            currency TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('PENDING','SUCCEEDED','FAILED')),
            reason TEXT,
            requested_by TEXT NOT NULL,
            idempotency_key TEXT,
            provider_refund_id TEXT,
            failure_message TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        );
        CREATE INDEX refunds_by_reservation ON refunds (reservation_id, created_at);
        CREATE INDEX refunds_by_event ON refunds (event_id);
        CREATE UNIQUE INDEX refunds_by_key ON refunds (reservation_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
        CREATE INDEX refunds_unsettled ON refunds (updated_at) WHERE status <> 'SUCCEEDED';
        """),
        // Cancelled events: nothing more is sold and every order is refunded.
        (14, """
        ALTER TABLE events ADD COLUMN cancelled_at INTEGER;
        ALTER TABLE events ADD COLUMN cancellation_reason TEXT;
        CREATE INDEX events_cancelled ON events (cancelled_at) WHERE cancelled_at IS NOT NULL;
        """),
        // The outbox (a message per change, written with the change), webhooks, their
        // deliveries and attempts, and the lease that lets one node dispatch at a time.
        (15, """
        -- One writer commits in sequence order, so "dispatched" is a high-water mark, not a
        -- per-row flag: a hold's message costs one append to the table and nothing more.
        CREATE TABLE outbox (
            sequence INTEGER PRIMARY KEY,
            message_id TEXT NOT NULL,
            type TEXT NOT NULL,
            event_id TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            data TEXT,
            subject_id TEXT
        );
        CREATE TABLE outbox_cursor (id INTEGER PRIMARY KEY CHECK (id = 1), dispatched_through INTEGER NOT NULL);
        INSERT INTO outbox_cursor (id, dispatched_through) VALUES (1, 0);
        CREATE TABLE webhooks (
            webhook_id TEXT PRIMARY KEY,
            owner_id TEXT NOT NULL,
            url TEXT NOT NULL,
            events TEXT NOT NULL,
            event_id TEXT,
            secret TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            disabled_at INTEGER,
            disabled_reason TEXT
        );
        CREATE INDEX webhooks_by_owner ON webhooks (owner_id, created_at);
        CREATE TABLE webhook_deliveries (
            sequence INTEGER PRIMARY KEY,
            delivery_id TEXT NOT NULL UNIQUE,
            webhook_id TEXT NOT NULL REFERENCES webhooks(webhook_id) ON DELETE CASCADE,
            message_id TEXT NOT NULL,
            type TEXT NOT NULL,
            event_id TEXT NOT NULL,
            body TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('PENDING','DELIVERED','FAILED')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            delivered_at INTEGER,
            last_status_code INTEGER,
            last_error TEXT,
            UNIQUE (webhook_id, message_id)
        );
        CREATE INDEX deliveries_pending ON webhook_deliveries (webhook_id, sequence) WHERE status = 'PENDING';
        CREATE INDEX deliveries_by_webhook ON webhook_deliveries (webhook_id, sequence);
        CREATE INDEX deliveries_finished ON webhook_deliveries (created_at) WHERE status <> 'PENDING';
        CREATE TABLE webhook_attempts (
            delivery_id TEXT NOT NULL REFERENCES webhook_deliveries(delivery_id) ON DELETE CASCADE,
            attempted_at INTEGER NOT NULL,
            status_code INTEGER,
            duration_ms INTEGER NOT NULL,
            error TEXT
        );
        CREATE INDEX attempts_by_delivery ON webhook_attempts (delivery_id, attempted_at);
        CREATE TABLE leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, until INTEGER NOT NULL);
        """),
        // The venue's time zone, and the emails the outbox sends buyers.
        (16, """
        ALTER TABLE events ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';
        CREATE TABLE email_deliveries (
            email_id TEXT PRIMARY KEY,
            message_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            event_id TEXT NOT NULL,
            reservation_id TEXT NOT NULL,
            refund_id TEXT,
            recipient TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('PENDING','SENT','FAILED')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            sent_at INTEGER,
            last_error TEXT,
            UNIQUE (message_id, kind, reservation_id)
        );
        CREATE INDEX emails_pending ON email_deliveries (next_attempt_at) WHERE status = 'PENDING';
        CREATE INDEX emails_by_reservation ON email_deliveries (reservation_id, created_at);
        CREATE INDEX emails_finished ON email_deliveries (created_at) WHERE status <> 'PENDING';
        """),
    ]
}
