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
        (6, [holdFunction]),
        (7, [holdBatchFunction]),
        (8, [
            "ALTER TABLE events ADD COLUMN IF NOT EXISTS rules TEXT",
            "ALTER TABLE reservations ADD COLUMN IF NOT EXISTS presale TEXT",
            """
            CREATE TABLE IF NOT EXISTS queue_state (
                event_id TEXT PRIMARY KEY,
                sealed BOOLEAN NOT NULL DEFAULT FALSE,
                early_count INTEGER NOT NULL DEFAULT 0,
                last_position INTEGER NOT NULL DEFAULT 0
            )
            """,
            """
            CREATE TABLE IF NOT EXISTS queue_entries (
                event_id TEXT NOT NULL,
                user_id TEXT NOT NULL,
                position INTEGER,
                draw BIGINT,
                joined_at BIGINT NOT NULL,
                PRIMARY KEY (event_id, user_id)
            )
            """,
            "CREATE UNIQUE INDEX IF NOT EXISTS queue_draws ON queue_entries (event_id, draw) WHERE draw IS NOT NULL",
            "CREATE UNIQUE INDEX IF NOT EXISTS queue_positions ON queue_entries (event_id, position) WHERE position IS NOT NULL",
            """
            CREATE TABLE IF NOT EXISTS presale_claims (
                event_id TEXT NOT NULL,
                code TEXT NOT NULL,
                user_id TEXT NOT NULL,
                claimed_at BIGINT NOT NULL,
                PRIMARY KEY (event_id, code)
            )
            """,
            // The hold functions gain the presale window and its per-buyer limit.
            "DROP FUNCTION IF EXISTS boxoffice_hold_batch(JSONB, BOOLEAN)",
            """
            DROP FUNCTION IF EXISTS boxoffice_hold(TEXT, TEXT, TEXT, TEXT[], TEXT, INTEGER, INTEGER, INTEGER, BIGINT, BIGINT,
                                                   INTEGER, TEXT, TEXT, BOOLEAN)
            """,
            holdFunction,
            holdBatchFunction,
        ]),
        (9, [queueJoinFunction]),
        // Only holds that carry an idempotency key enter the idempotency index, and the
        // buyer index covers the per-buyer limit check (as SQLite's version 6).
        (10, [
            "ALTER TABLE reservations DROP CONSTRAINT IF EXISTS reservations_user_id_idempotency_key_key",
            """
            CREATE UNIQUE INDEX IF NOT EXISTS reservations_idempotency ON reservations (user_id, idempotency_key)
                WHERE idempotency_key IS NOT NULL
            """,
            "DROP INDEX IF EXISTS reservations_by_buyer",
            "CREATE INDEX reservations_by_buyer ON reservations (user_id, event_id, status) INCLUDE (held_until, quantity)",
        ]),
        // The payment method and start of a payment, for settling unfinished confirms (SQLite's version 7).
        (11, [
            "ALTER TABLE reservations ADD COLUMN IF NOT EXISTS payment_method TEXT",
            "ALTER TABLE reservations ADD COLUMN IF NOT EXISTS payment_started_at BIGINT",
            "CREATE INDEX IF NOT EXISTS reservations_paying ON reservations (payment_started_at) WHERE status = 'PAYMENT_PENDING'",
        ]),
        // A batch adds its GA places to `sections.held` once per section, not once per hold.
        (12, [
            """
            DROP FUNCTION IF EXISTS boxoffice_hold(TEXT, TEXT, TEXT, TEXT[], TEXT, INTEGER, INTEGER, INTEGER, BIGINT, BIGINT,
                                                   INTEGER, TEXT, TEXT, BOOLEAN, TEXT, INTEGER)
            """,
            holdFunction,
            holdBatchFunction,
        ]),
        // A batch of GA holds is decided in memory and written with one statement per table.
        (13, [holdBatchFunction]),
        // Each buyer's holdings per event as an upper bound (`buyer_holdings`), so a hold
        // sums the buyer's reservations only when the bound says they may be near the limit.
        (14, [
            """
            CREATE TABLE IF NOT EXISTS buyer_holdings (
                user_id TEXT NOT NULL,
                event_id TEXT NOT NULL,
                quantity BIGINT NOT NULL DEFAULT 0,
                PRIMARY KEY (user_id, event_id)
            )
            """,
            """
            INSERT INTO buyer_holdings (user_id, event_id, quantity)
            SELECT user_id, event_id, SUM(quantity) FROM reservations
            WHERE status IN ('HELD', 'PAYMENT_PENDING', 'CONFIRMED') GROUP BY user_id, event_id
            ON CONFLICT (user_id, event_id) DO UPDATE SET quantity = EXCLUDED.quantity
            """,
            holdFunction,
            holdBatchFunction,
        ]),
        // A GA batch raises each buyer's bound once, when it locks it, by what the buyer
        // asks for (two statements fewer per batch).
        (15, [holdBatchFunction]),
        // A batch of GA holds as typed arrays in, one row of arrays out (`holdGABatchFunction`);
        // `boxoffice_hold_batch` keeps only its loop over `boxoffice_hold` for other batches.
        // The buyer index only finds a buyer's few reservations at an event for the limit
        // count: without the status and included columns every hold writes a smaller entry
        // (3 µs less a hold in the database).
        (16, [
            holdGABatchFunction,
            holdBatchFunction,
            "DROP INDEX IF EXISTS reservations_by_buyer",
            "CREATE INDEX reservations_by_buyer ON reservations (user_id, event_id)",
        ]),
        // A place taken after the sale start gets its own earliest admission, one spacing at
        // the rate after the previous one's (`QueueJoin.spacing`), and its session runs from
        // the later of that and the schedule: a returning buyer's place ends only if both
        // were a session ago (`QueueJoin.hasEnded`). The new arguments have defaults that
        // keep the old rule, so a node not yet upgraded can still call it with six.
        (17, [
            "ALTER TABLE queue_state ADD COLUMN IF NOT EXISTS last_admit_at BIGINT",
            "ALTER TABLE queue_entries ADD COLUMN IF NOT EXISTS admit_at BIGINT",
            "DROP FUNCTION IF EXISTS boxoffice_queue_join(TEXT, TEXT, BIGINT, BIGINT, BIGINT, INTEGER)",
            queueJoinFunction,
        ]),
        // The idempotency key of the confirm that started a payment (SQLite's version 9).
        (18, ["ALTER TABLE reservations ADD COLUMN IF NOT EXISTS confirm_key TEXT"]),
        // Door staff working for one organizer, and accounts switched off (SQLite's version 10).
        (19, [
            "ALTER TABLE users ADD COLUMN IF NOT EXISTS organizer_id TEXT REFERENCES users(user_id)",
            "ALTER TABLE users ADD COLUMN IF NOT EXISTS disabled_at BIGINT",
            "CREATE INDEX IF NOT EXISTS users_by_organizer ON users (organizer_id) WHERE organizer_id IS NOT NULL",
        ]),
        // Past the event's limit during a presale window with its own, lower limit, a hold
        // says what the window still allows (as SQLite's `checkLimit`).
        (20, [holdFunction]),
        // Queue joins are group-committed: several of one event in one call and transaction.
        (21, [queueJoinBatchFunction]),
        // The currency every charge and refund of an event is made in (SQLite's version 12).
        (22, ["ALTER TABLE events ADD COLUMN IF NOT EXISTS currency TEXT NOT NULL DEFAULT 'usd'"]),
        // Refunds, and REFUNDED tickets (SQLite's version 13).
        (23, [
            "ALTER TABLE tickets DROP CONSTRAINT IF EXISTS tickets_status_check",
            "ALTER TABLE tickets ADD CONSTRAINT tickets_status_check CHECK (status IN ('ACTIVE','USED','CANCELLED','TRANSFERRED','REFUNDED'))",
            """
            CREATE TABLE IF NOT EXISTS refunds (
                refund_id TEXT PRIMARY KEY,
                reservation_id TEXT NOT NULL REFERENCES reservations(reservation_id),
                event_id TEXT NOT NULL,
                ticket_ids TEXT NOT NULL,
                amount_cents BIGINT NOT NULL CHECK (amount_cents >= 0),
                fee_cents BIGINT NOT NULL CHECK (fee_cents >= 0),
                currency TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('PENDING','SUCCEEDED','FAILED')),
                reason TEXT,
                requested_by TEXT NOT NULL,
                idempotency_key TEXT,
                provider_refund_id TEXT,
                failure_message TEXT,
                attempts INTEGER NOT NULL DEFAULT 0,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX IF NOT EXISTS refunds_by_reservation ON refunds (reservation_id, created_at)",
            "CREATE INDEX IF NOT EXISTS refunds_by_event ON refunds (event_id)",
            "CREATE UNIQUE INDEX IF NOT EXISTS refunds_by_key ON refunds (reservation_id, idempotency_key) WHERE idempotency_key IS NOT NULL",
            "CREATE INDEX IF NOT EXISTS refunds_unsettled ON refunds (updated_at) WHERE status <> 'SUCCEEDED'",
        ]),
        // Cancelled events (SQLite's version 14).
        (24, [
            "ALTER TABLE events ADD COLUMN IF NOT EXISTS cancelled_at BIGINT",
            "ALTER TABLE events ADD COLUMN IF NOT EXISTS cancellation_reason TEXT",
            "CREATE INDEX IF NOT EXISTS events_cancelled ON events (cancelled_at) WHERE cancelled_at IS NOT NULL",
        ]),
        // The outbox, webhooks, their deliveries and attempts, and the dispatcher's lease
        // (as SQLite's v15). Holds are made in the database's functions, so a statement
        // trigger writes their message: one row per statement, however many holds.
        (25, [
            """
            CREATE TABLE IF NOT EXISTS outbox (
                sequence BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                message_id TEXT NOT NULL,
                type TEXT NOT NULL,
                event_id TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                data TEXT,
                subject_id TEXT,
                dispatched_at BIGINT
            )
            """,
            "CREATE INDEX IF NOT EXISTS outbox_undispatched ON outbox (sequence) WHERE dispatched_at IS NULL",
            "CREATE INDEX IF NOT EXISTS outbox_dispatched ON outbox (created_at) WHERE dispatched_at IS NOT NULL",
            """
            CREATE OR REPLACE FUNCTION boxoffice_outbox_held() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO outbox (message_id, type, event_id, created_at, subject_id)
                SELECT gen_random_uuid()::TEXT, 'reservation.held', n.event_id, MAX(n.created_at), string_agg(n.reservation_id, ',')
                FROM new_rows n GROUP BY n.event_id;
                RETURN NULL;
            END;
            $$
            """,
            "DROP TRIGGER IF EXISTS reservations_outbox_held ON reservations",
            """
            CREATE TRIGGER reservations_outbox_held AFTER INSERT ON reservations REFERENCING NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION boxoffice_outbox_held()
            """,
            """
            CREATE TABLE IF NOT EXISTS webhooks (
                webhook_id TEXT PRIMARY KEY,
                owner_id TEXT NOT NULL,
                url TEXT NOT NULL,
                events TEXT NOT NULL,
                event_id TEXT,
                secret TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                disabled_at BIGINT,
                disabled_reason TEXT
            )
            """,
            "CREATE INDEX IF NOT EXISTS webhooks_by_owner ON webhooks (owner_id, created_at)",
            """
            CREATE TABLE IF NOT EXISTS webhook_deliveries (
                sequence BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                delivery_id TEXT NOT NULL UNIQUE,
                webhook_id TEXT NOT NULL REFERENCES webhooks(webhook_id) ON DELETE CASCADE,
                message_id TEXT NOT NULL,
                type TEXT NOT NULL,
                event_id TEXT NOT NULL,
                body TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('PENDING','DELIVERED','FAILED')),
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                delivered_at BIGINT,
                last_status_code INTEGER,
                last_error TEXT,
                UNIQUE (webhook_id, message_id)
            )
            """,
            "CREATE INDEX IF NOT EXISTS deliveries_pending ON webhook_deliveries (webhook_id, sequence) WHERE status = 'PENDING'",
            "CREATE INDEX IF NOT EXISTS deliveries_by_webhook ON webhook_deliveries (webhook_id, sequence)",
            "CREATE INDEX IF NOT EXISTS deliveries_finished ON webhook_deliveries (created_at) WHERE status <> 'PENDING'",
            """
            CREATE TABLE IF NOT EXISTS webhook_attempts (
                attempt BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                delivery_id TEXT NOT NULL REFERENCES webhook_deliveries(delivery_id) ON DELETE CASCADE,
                attempted_at BIGINT NOT NULL,
                status_code INTEGER,
                duration_ms INTEGER NOT NULL,
                error TEXT
            )
            """,
            "CREATE INDEX IF NOT EXISTS attempts_by_delivery ON webhook_attempts (delivery_id, attempted_at)",
            "CREATE TABLE IF NOT EXISTS leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, until BIGINT NOT NULL)",
        ]),
        // The venue's time zone, and the emails the outbox sends buyers (SQLite's version 16).
        (26, [
            "ALTER TABLE events ADD COLUMN IF NOT EXISTS time_zone TEXT NOT NULL DEFAULT 'UTC'",
            """
            CREATE TABLE IF NOT EXISTS email_deliveries (
                email_id TEXT PRIMARY KEY,
                message_id TEXT NOT NULL,
                kind TEXT NOT NULL,
                event_id TEXT NOT NULL,
                reservation_id TEXT NOT NULL,
                refund_id TEXT,
                recipient TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('PENDING','SENT','FAILED')),
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                sent_at BIGINT,
                last_error TEXT,
                UNIQUE (message_id, kind, reservation_id)
            )
            """,
            "CREATE INDEX IF NOT EXISTS emails_pending ON email_deliveries (next_attempt_at) WHERE status = 'PENDING'",
            "CREATE INDEX IF NOT EXISTS emails_by_reservation ON email_deliveries (reservation_id, created_at)",
            "CREATE INDEX IF NOT EXISTS emails_finished ON email_deliveries (created_at) WHERE status <> 'PENDING'",
        ]),
        // A batch of GA holds names the holds it made in its change notice (`p_entries`)
        // instead of asking every node to reload the event. Called with fifteen arguments
        // (a node not yet upgraded), it sends the notice it is given, as before.
        (27, [
            "DROP FUNCTION IF EXISTS boxoffice_hold_ga_batch(TEXT, TEXT[], TEXT[], TEXT[], INTEGER[], INTEGER[], INTEGER[], BIGINT[], BIGINT[], INTEGER[], TEXT[], TEXT[], TEXT[], TEXT, TEXT)",
            holdGABatchFunction,
        ]),
    ]

    /// A queue join in one round trip, with the same rules as `SQLiteStore.joinQueue`:
    /// the event's `queue_state` row is locked, the early joiners are drawn into
    /// positions at the first join after the boundary, a returning buyer keeps their
    /// place unless their session ended (`QueueJoin.hasEnded`), and an early joiner's draw is the random part
    /// above the per-event sequence number (`QueueJoin.storedDraw`).
    static let queueJoinFunction = """
        CREATE OR REPLACE FUNCTION boxoffice_queue_join(
            p_event TEXT, p_user TEXT, p_now BIGINT, p_boundary BIGINT, p_draw BIGINT, p_expired_through INTEGER,
            p_expired_if_admitted_before BIGINT DEFAULT 9223372036854775807, p_admitted_through INTEGER DEFAULT 0,
            p_spacing_ms BIGINT DEFAULT 0, p_burst_ms BIGINT DEFAULT 0)
        RETURNS TABLE (out_position INTEGER, out_draw BIGINT, out_joined_at BIGINT, out_sealed BOOLEAN, out_early INTEGER,
                       out_last INTEGER, out_admit_at BIGINT)
        LANGUAGE plpgsql AS $$
        DECLARE
            v_state queue_state%ROWTYPE;
            v_entry queue_entries%ROWTYPE;
            v_draw BIGINT;
            v_slot BIGINT;
            v_admit BIGINT;
        BEGIN
            INSERT INTO queue_state (event_id) VALUES (p_event) ON CONFLICT (event_id) DO NOTHING;
            SELECT * INTO v_state FROM queue_state WHERE event_id = p_event FOR UPDATE;
            IF p_now >= p_boundary AND NOT v_state.sealed THEN
                UPDATE queue_entries q SET position = ranked.n
                FROM (SELECT user_id, row_number() OVER (ORDER BY draw) AS n FROM queue_entries
                      WHERE event_id = p_event AND draw IS NOT NULL) AS ranked
                WHERE q.event_id = p_event AND q.user_id = ranked.user_id;
                UPDATE queue_state SET sealed = TRUE, last_position = early_count WHERE event_id = p_event
                RETURNING * INTO v_state;
            END IF;
            -- Should this call hand out the next position, the rate clock paces it (as
            -- `QueueJoin.admission`), or the schedule does (v_admit NULL, the clock unchanged).
            v_slot := COALESCE(v_state.last_admit_at + p_spacing_ms, p_now);
            IF v_state.last_position + 1 <= p_admitted_through OR v_slot - p_burst_ms > p_now THEN
                v_slot := GREATEST(p_now, v_slot);
                v_admit := GREATEST(p_now, v_slot - p_burst_ms);
            ELSE
                v_slot := v_state.last_admit_at;
                v_admit := NULL;
            END IF;
            SELECT * INTO v_entry FROM queue_entries WHERE event_id = p_event AND user_id = p_user;
            IF FOUND THEN
                IF v_entry.position IS NOT NULL AND v_entry.position <= p_expired_through
                   AND COALESCE(v_entry.admit_at, 0) <= p_expired_if_admitted_before THEN
                    UPDATE queue_state SET last_position = last_position + 1, last_admit_at = v_slot WHERE event_id = p_event
                    RETURNING * INTO v_state;
                    UPDATE queue_entries SET position = v_state.last_position, draw = NULL, joined_at = p_now, admit_at = v_admit
                    WHERE event_id = p_event AND user_id = p_user;
                    RETURN QUERY SELECT v_state.last_position, NULL::BIGINT, p_now, v_state.sealed, v_state.early_count,
                                        v_state.last_position, v_admit;
                ELSE
                    RETURN QUERY SELECT v_entry.position, v_entry.draw, v_entry.joined_at, v_state.sealed, v_state.early_count,
                                        v_state.last_position, v_entry.admit_at;
                END IF;
                RETURN;
            END IF;
            IF v_state.sealed THEN
                UPDATE queue_state SET last_position = last_position + 1, last_admit_at = v_slot WHERE event_id = p_event
                RETURNING * INTO v_state;
                INSERT INTO queue_entries (event_id, user_id, position, draw, joined_at, admit_at)
                VALUES (p_event, p_user, v_state.last_position, NULL, p_now, v_admit);
                RETURN QUERY SELECT v_state.last_position, NULL::BIGINT, p_now, TRUE, v_state.early_count, v_state.last_position,
                                    v_admit;
            ELSE
                UPDATE queue_state SET early_count = early_count + 1 WHERE event_id = p_event RETURNING * INTO v_state;
                v_draw := (p_draw << 22) | (v_state.early_count & 4194303);
                INSERT INTO queue_entries (event_id, user_id, position, draw, joined_at) VALUES (p_event, p_user, NULL, v_draw, p_now);
                RETURN QUERY SELECT NULL::INTEGER, v_draw, p_now, FALSE, v_state.early_count, v_state.last_position, NULL::BIGINT;
            END IF;
        END;
        $$
        """

    /// Several joins of one event in one round trip and transaction (one fsync): each is
    /// `boxoffice_queue_join` in order, one row per join with its index.
    static let queueJoinBatchFunction = """
        CREATE OR REPLACE FUNCTION boxoffice_queue_join_batch(
            p_event TEXT, p_users TEXT[], p_nows BIGINT[], p_boundaries BIGINT[], p_draws BIGINT[], p_expired_through INTEGER[],
            p_expired_if_admitted_before BIGINT[], p_admitted_through INTEGER[], p_spacing_ms BIGINT[], p_burst_ms BIGINT[])
        RETURNS TABLE (idx INTEGER, out_position INTEGER, out_draw BIGINT, out_joined_at BIGINT, out_sealed BOOLEAN, out_early INTEGER,
                       out_last INTEGER, out_admit_at BIGINT)
        LANGUAGE plpgsql AS $$
        BEGIN
            FOR i IN 1..cardinality(p_users) LOOP
                RETURN QUERY SELECT i, j.* FROM boxoffice_queue_join(
                    p_event, p_users[i], p_nows[i], p_boundaries[i], p_draws[i], p_expired_through[i],
                    p_expired_if_admitted_before[i], p_admitted_through[i], p_spacing_ms[i], p_burst_ms[i]) AS j;
            END LOOP;
        END;
        $$
        """

    /// A whole group commit in one round trip, one result row per command (with its
    /// index): `boxoffice_hold` for each command in order. Batches of GA holds only go to
    /// `boxoffice_hold_ga_batch` instead (since schema v16; this function decided them
    /// set-wise itself from v13 to v15).
    static let holdBatchFunction = """
        CREATE OR REPLACE FUNCTION boxoffice_hold_batch(p_commands JSONB, p_guarded BOOLEAN)
        RETURNS TABLE (idx INTEGER, outcome TEXT, ids TEXT[], amount BIGINT, out_lines TEXT)
        LANGUAGE plpgsql AS $$
        DECLARE
            v_command JSONB;
            v_index INTEGER := 0;
            v_result RECORD;
            v_section TEXT;
            -- GA places taken per section by this batch, added to `sections.held` once at
            -- the end instead of one new row version of the hot section row per hold.
            v_pending JSONB := '{}';
        BEGIN
            FOR v_command IN SELECT value FROM jsonb_array_elements(p_commands) LOOP
                v_section := CASE WHEN v_command ? 'seats' THEN NULL ELSE v_command->>'section' END;
                SELECT * INTO v_result FROM boxoffice_hold(
                    v_command->>'reservation', v_command->>'user', v_command->>'event',
                    CASE WHEN v_command ? 'seats' THEN ARRAY(SELECT jsonb_array_elements_text(v_command->'seats')) END,
                    v_command->>'section', (v_command->>'quantity')::INTEGER, (v_command->>'capacity')::INTEGER,
                    (v_command->>'price')::INTEGER, (v_command->>'held_until')::BIGINT, (v_command->>'now')::BIGINT,
                    (v_command->>'limit')::INTEGER, v_command->>'key', v_command->>'hash', p_guarded,
                    v_command->>'presale', (v_command->>'presale_limit')::INTEGER,
                    CASE WHEN v_section IS NULL THEN NULL ELSE COALESCE((v_pending->>v_section)::INTEGER, 0) END);
                IF v_section IS NOT NULL AND v_result.outcome = 'created' THEN
                    v_pending := jsonb_set(v_pending, ARRAY[v_section],
                        to_jsonb(COALESCE((v_pending->>v_section)::INTEGER, 0) + (v_command->>'quantity')::INTEGER));
                END IF;
                idx := v_index;
                outcome := v_result.outcome;
                ids := v_result.ids;
                amount := v_result.amount;
                out_lines := v_result.out_lines;
                RETURN NEXT;
                v_index := v_index + 1;
            END LOOP;
            FOR v_section IN SELECT jsonb_object_keys(v_pending) LOOP
                UPDATE sections SET held = held + (v_pending->>v_section)::INTEGER WHERE section_id = v_section;
            END LOOP;
        END;
        $$
        """

    /// A batch of GA holds, decided set-wise with `boxoffice_hold`'s rules and in the
    /// batch's order, taking typed arrays (one element per hold) instead of a JSON document
    /// and answering with one row of arrays instead of a row per hold: parsing the JSON
    /// into columns was a fifth of the batch's time in the database. The caller sends
    /// only batches it may decide set-wise (all GA, one event, no presale window limit,
    /// no idempotency key repeated by a buyer). Absent keys, hashes and presale windows
    /// are ''. Answers, per hold: the outcome, the replayed reservation's id (or ''), and
    /// the amount (total price if created, places left under the limit, places free).
    /// Sends the change notice when any hold was made, so it leaves with the commit: the
    /// entries (`p_entries`, one per hold, as if made) of the holds made, or, without
    /// them, `p_notice` as given.
    ///
    /// The sections are locked last: the buyers' rows are locked, their limits counted
    /// and the holds an unlocked read of the sections says will be made inserted first,
    /// so batches from several nodes do that work side by side and wait for each other
    /// only to decide and raise `held` (two clients of this function run 1.75 times as
    /// many holds as one). The decision after the lock is exact: a guessed hold it
    /// refuses is deleted, and a hold it makes that was not guessed is inserted then.
    /// Locks are always taken buyers first (in one order), sections last. A batch that
    /// fits (every hold new, every buyer within the limit with all they ask, room in each
    /// section for all it is asked, before and under the lock) is made without the loops.
    static let holdGABatchFunction = """
        CREATE OR REPLACE FUNCTION boxoffice_hold_ga_batch(
            p_event TEXT, p_reservations TEXT[], p_users TEXT[], p_sections TEXT[], p_quantities INTEGER[],
            p_capacities INTEGER[], p_prices INTEGER[], p_held_until BIGINT[], p_now BIGINT[], p_limits INTEGER[],
            p_keys TEXT[], p_hashes TEXT[], p_presales TEXT[], p_channel TEXT, p_notice TEXT,
            p_entries TEXT[] DEFAULT NULL,
            OUT outcomes TEXT[], OUT ids TEXT[], OUT amounts BIGINT[])
        LANGUAGE plpgsql AS $$
        DECLARE
            v_count INTEGER := cardinality(p_reservations);
            v_previous_ids TEXT[];
            v_owners TEXT[]; v_owned BIGINT[]; v_asked BIGINT[]; v_mine BIGINT[];
            v_section_ids TEXT[]; v_sold INTEGER[]; v_held INTEGER[]; v_live BIGINT[]; v_taken INTEGER[];
            v_early INTEGER[]; v_is_early BOOLEAN[]; v_late INTEGER[] := '{}'; v_dropped TEXT[] := '{}';
            v_made BOOLEAN := FALSE;
            v_all BOOLEAN;
            v_owner INTEGER;
            v_at INTEGER;
            v_free BIGINT;
            v_limit INTEGER := (SELECT min(l) FROM unnest(p_limits) AS l);
            v_since BIGINT := (SELECT min(n) FROM unnest(p_now) AS n);
            v_part TEXT;
        BEGIN
            -- Lock each buyer's holdings row (in one order), raise its bound by everything the
            -- buyer asks for in this batch (refused holds leave it higher than needed, which a
            -- bound may be) and read the bound as it was before.
            WITH asked AS (
                SELECT x.u, SUM(x.q)::BIGINT AS q FROM unnest(p_users, p_quantities) AS x(u, q) GROUP BY x.u),
            locked AS (
                INSERT INTO buyer_holdings (user_id, event_id, quantity)
                SELECT u, p_event, q FROM asked ORDER BY u
                ON CONFLICT (user_id, event_id) DO UPDATE SET quantity = buyer_holdings.quantity + EXCLUDED.quantity
                RETURNING user_id, quantity)
            SELECT array_agg(l.user_id), array_agg(l.quantity - a.q), array_agg(a.q) INTO v_owners, v_owned, v_asked
            FROM locked AS l JOIN asked AS a ON a.u = l.user_id;
            -- Where the bound says a buyer may reach the limit, count their reservations (lapsed
            -- holds count in the bound until released): the exact figure, with all this batch
            -- asks of them, is the new bound. Counted before this batch inserts anything.
            FOR o IN 1..cardinality(v_owners) LOOP
                IF v_owned[o] + v_asked[o] > v_limit THEN
                    SELECT COALESCE(SUM(quantity), 0) INTO v_free FROM reservations
                    WHERE user_id = v_owners[o] AND event_id = p_event
                      AND (status IN ('PAYMENT_PENDING', 'CONFIRMED') OR (status = 'HELD' AND held_until > v_since));
                    v_owned[o] := v_free;
                    UPDATE buyer_holdings SET quantity = v_free + v_asked[o] WHERE user_id = v_owners[o] AND event_id = p_event;
                END IF;
            END LOOP;
            v_mine := array_fill(0::BIGINT, ARRAY[cardinality(v_owners)]);
            IF EXISTS (SELECT 1 FROM unnest(p_keys) AS k WHERE k <> '') THEN
                SELECT array_agg((SELECT reservation_id || ' ' || COALESCE(request_hash, '') FROM reservations
                                  WHERE user_id = k.u AND idempotency_key = k.wanted_key AND idempotency_key IS NOT NULL)
                                 ORDER BY k.n)
                INTO v_previous_ids
                FROM unnest(p_users, p_keys) WITH ORDINALITY AS k(u, wanted_key, n);
            END IF;

            -- The holds the sections' counts, read without a lock, say will be made are inserted
            -- before the sections are locked, so two batches insert side by side and only the
            -- decision and the counts' update wait for each other. `held` counts lapsed holds
            -- too, so this guess errs towards too few; the decision below corrects it either way.
            SELECT array_agg(s.section_id), array_agg(s.sold), array_agg(s.held), array_fill(0, ARRAY[count(*)::INTEGER])
            INTO v_section_ids, v_sold, v_held, v_taken
            FROM sections AS s WHERE s.section_id = ANY(p_sections);
            -- Usually every hold is new, every buyer stays within the limit with all they ask,
            -- and each section has room for all it is asked: then all are made, in any order.
            v_all := v_previous_ids IS NULL
                AND NOT EXISTS (SELECT 1 FROM unnest(v_owned, v_asked) AS b(owned, asked) WHERE b.owned + b.asked > v_limit)
                AND NOT EXISTS (
                    SELECT 1 FROM (SELECT x.s, SUM(x.q) AS q, min(x.c) AS c FROM unnest(p_sections, p_quantities, p_capacities) AS x(s, q, c)
                                   GROUP BY x.s) AS w
                    LEFT JOIN unnest(v_section_ids, v_sold, v_held) AS r(id, sold, held) ON r.id = w.s
                    WHERE r.id IS NULL OR w.c - r.sold - r.held < w.q);
            v_early := '{}';
            v_is_early := array_fill(v_all, ARRAY[v_count]);
            IF v_all THEN
                v_early := ARRAY(SELECT generate_series(1, v_count));
            END IF;
            FOR i IN 1..v_count LOOP
                EXIT WHEN v_all;
                v_owner := array_position(v_owners, p_users[i]);
                v_at := array_position(v_section_ids, p_sections[i]);
                IF v_previous_ids[i] IS NULL AND v_at IS NOT NULL
                   AND v_owned[v_owner] + v_mine[v_owner] + p_quantities[i] <= p_limits[i]
                   AND p_capacities[i] - v_sold[v_at] - v_held[v_at] - v_taken[v_at] >= p_quantities[i] THEN
                    v_mine[v_owner] := v_mine[v_owner] + p_quantities[i];
                    v_taken[v_at] := v_taken[v_at] + p_quantities[i];
                    v_early := v_early || i;
                    v_is_early[i] := TRUE;
                END IF;
            END LOOP;
            INSERT INTO reservations (reservation_id, user_id, event_id, ga_section_id, lines, quantity, status,
                total_price_cents, held_until, created_at, idempotency_key, request_hash, presale)
            SELECT p_reservations[i], p_users[i], p_event, p_sections[i], '[]', p_quantities[i], 'HELD',
                   p_quantities[i]::BIGINT * p_prices[i], p_held_until[i], p_now[i], NULLIF(p_keys[i], ''),
                   NULLIF(p_hashes[i], ''), NULLIF(p_presales[i], '')
            FROM unnest(v_early) AS i;

            -- Each hold decided in order with the locked counts, as `boxoffice_hold` would.
            SELECT array_agg(s.section_id), array_agg(s.sold), array_agg(s.held),
                   array_fill(NULL::BIGINT, ARRAY[count(*)::INTEGER]), array_fill(0, ARRAY[count(*)::INTEGER])
            INTO v_section_ids, v_sold, v_held, v_live, v_taken
            FROM (SELECT section_id, sold, held FROM sections WHERE section_id = ANY(p_sections) ORDER BY section_id FOR UPDATE) AS s;
            IF v_all AND NOT EXISTS (
                    SELECT 1 FROM (SELECT x.s, SUM(x.q) AS q, min(x.c) AS c FROM unnest(p_sections, p_quantities, p_capacities) AS x(s, q, c)
                                   GROUP BY x.s) AS w
                    JOIN unnest(v_section_ids, v_sold, v_held) AS r(id, sold, held) ON r.id = w.s
                    WHERE w.c - r.sold - r.held < w.q) THEN
                -- The locked counts still leave room for all of them.
                outcomes := array_fill('created'::TEXT, ARRAY[v_count]);
                ids := array_fill(''::TEXT, ARRAY[v_count]);
                SELECT array_agg(x.q::BIGINT * x.p ORDER BY x.n) INTO amounts
                FROM unnest(p_quantities, p_prices) WITH ORDINALITY AS x(q, p, n);
                UPDATE sections AS s SET held = s.held + w.q
                FROM (SELECT x.s, SUM(x.q) AS q FROM unnest(p_sections, p_quantities) AS x(s, q) GROUP BY x.s) AS w
                WHERE s.section_id = w.s;
                IF p_entries IS NULL THEN
                    PERFORM pg_notify(p_channel, p_notice);
                ELSE
                    -- The holds made, each by its entry, in as many notices as they need
                    -- (each under 8,000 bytes), in the batch's order.
                    FOR v_part IN
                        SELECT string_agg(x.entry, ';' ORDER BY x.n) FROM (
                            SELECT u.entry, u.n, (sum(octet_length(u.entry) + 1) OVER (ORDER BY u.n)) / 7000 AS part
                            FROM unnest(p_entries) WITH ORDINALITY AS u(entry, n) WHERE outcomes[u.n] = 'created') AS x
                        GROUP BY x.part ORDER BY x.part
                    LOOP
                        PERFORM pg_notify(p_channel, p_notice || v_part);
                    END LOOP;
                END IF;
                RETURN;
            END IF;
            v_mine := array_fill(0::BIGINT, ARRAY[cardinality(v_owners)]);
            outcomes := array_fill(''::TEXT, ARRAY[v_count]);
            ids := outcomes;
            amounts := array_fill(0::BIGINT, ARRAY[v_count]);
            FOR i IN 1..v_count LOOP
                v_owner := array_position(v_owners, p_users[i]);
                v_at := array_position(v_section_ids, p_sections[i]);
                IF v_previous_ids[i] IS NOT NULL THEN
                    -- "<reservation id> <request hash>" (ids have no spaces; an absent hash is '').
                    IF substr(v_previous_ids[i], 38) IS DISTINCT FROM p_hashes[i] THEN
                        outcomes[i] := 'idempotency_mismatch';
                    ELSE
                        outcomes[i] := 'replayed'; ids[i] := left(v_previous_ids[i], 36);
                    END IF;
                ELSIF v_owned[v_owner] + v_mine[v_owner] + p_quantities[i] > p_limits[i] THEN
                    outcomes[i] := 'limit'; amounts[i] := GREATEST(0, p_limits[i] - v_owned[v_owner] - v_mine[v_owner]);
                ELSIF v_at IS NULL THEN
                    outcomes[i] := 'section_not_found';
                ELSE
                    -- `held` counts lapsed holds too, so when it leaves room the room is real;
                    -- only near a sell-out are the live holds summed (once per section). The sum
                    -- leaves out this batch's own early inserts, counted in `v_taken`.
                    v_free := p_capacities[i] - v_sold[v_at] - v_held[v_at] - v_taken[v_at];
                    IF v_free < p_quantities[i] THEN
                        IF v_live[v_at] IS NULL THEN
                            SELECT COALESCE(SUM(quantity), 0) INTO v_free FROM reservations
                            WHERE ga_section_id = p_sections[i] AND reservation_id <> ALL(p_reservations)
                              AND (status = 'PAYMENT_PENDING' OR (status = 'HELD' AND held_until > p_now[i]));
                            v_live[v_at] := v_free;
                        END IF;
                        v_free := p_capacities[i] - v_sold[v_at] - v_live[v_at] - v_taken[v_at];
                    END IF;
                    IF v_free < p_quantities[i] THEN
                        outcomes[i] := 'insufficient'; amounts[i] := GREATEST(0, v_free);
                    ELSE
                        outcomes[i] := 'created'; amounts[i] := p_quantities[i]::BIGINT * p_prices[i];
                        v_mine[v_owner] := v_mine[v_owner] + p_quantities[i];
                        v_taken[v_at] := v_taken[v_at] + p_quantities[i];
                        v_made := TRUE;
                        IF NOT v_is_early[i] THEN v_late := v_late || i; END IF;
                    END IF;
                END IF;
                IF v_is_early[i] AND outcomes[i] <> 'created' THEN v_dropped := v_dropped || p_reservations[i]; END IF;
            END LOOP;
            IF cardinality(v_dropped) > 0 THEN
                DELETE FROM reservations WHERE reservation_id = ANY(v_dropped);
            END IF;
            IF cardinality(v_late) > 0 THEN
                INSERT INTO reservations (reservation_id, user_id, event_id, ga_section_id, lines, quantity, status,
                    total_price_cents, held_until, created_at, idempotency_key, request_hash, presale)
                SELECT p_reservations[i], p_users[i], p_event, p_sections[i], '[]', p_quantities[i], 'HELD',
                       p_quantities[i]::BIGINT * p_prices[i], p_held_until[i], p_now[i], NULLIF(p_keys[i], ''),
                       NULLIF(p_hashes[i], ''), NULLIF(p_presales[i], '')
                FROM unnest(v_late) AS i;
            END IF;
            IF v_made THEN
                UPDATE sections AS s SET held = s.held + t.n
                FROM unnest(v_section_ids, v_taken) AS t(id, n) WHERE s.section_id = t.id AND t.n > 0;
                IF p_entries IS NULL THEN
                    PERFORM pg_notify(p_channel, p_notice);
                ELSE
                    -- The holds made, each by its entry, in as many notices as they need
                    -- (each under 8,000 bytes), in the batch's order.
                    FOR v_part IN
                        SELECT string_agg(x.entry, ';' ORDER BY x.n) FROM (
                            SELECT u.entry, u.n, (sum(octet_length(u.entry) + 1) OVER (ORDER BY u.n)) / 7000 AS part
                            FROM unnest(p_entries) WITH ORDINALITY AS u(entry, n) WHERE outcomes[u.n] = 'created') AS x
                        GROUP BY x.part ORDER BY x.part
                    LOOP
                        PERFORM pg_notify(p_channel, p_notice || v_part);
                    END LOOP;
                END IF;
            END IF;
        END;
        $$
        """

    /// One hold, decided and applied in the database in one round trip: the same rules,
    /// in the same order, as `SQLiteStore`'s hold (buyer lock, idempotency key, per-buyer
    /// limit, then the seats' conditional update or the GA section's locked count). The
    /// buyer's `buyer_holdings` row is the lock and an upper bound on what they hold, pay
    /// for or bought at the event: raised by every hold, and set to the exact figure
    /// whenever a hold has to count (releases leave it alone, so they never take the
    /// buyer's lock).
    /// Returns the outcome and its details; refusals change nothing.
    static let holdFunction = """
        CREATE OR REPLACE FUNCTION boxoffice_hold(
            p_reservation TEXT, p_user TEXT, p_event TEXT, p_seats TEXT[], p_section TEXT, p_quantity INTEGER,
            p_capacity INTEGER, p_price INTEGER, p_held_until BIGINT, p_now BIGINT, p_limit INTEGER,
            p_key TEXT, p_hash TEXT, p_guarded BOOLEAN, p_presale TEXT, p_presale_limit INTEGER,
            p_pending INTEGER DEFAULT NULL)
        RETURNS TABLE (outcome TEXT, ids TEXT[], amount BIGINT, out_lines TEXT)
        LANGUAGE plpgsql AS $$
        DECLARE
            v_previous reservations%ROWTYPE;
            v_owned BIGINT;
            v_bound BIGINT;
            v_in_window BIGINT;
            v_wanted INTEGER := COALESCE(array_length(p_seats, 1), p_quantity);
            v_missing TEXT[];
            v_taken TEXT[];
            v_sold INTEGER;
            v_held INTEGER;
            v_live BIGINT;
            v_lines TEXT;
            v_total BIGINT;
        BEGIN
            -- Lock the buyer's holdings at this event and read their upper bound.
            INSERT INTO buyer_holdings (user_id, event_id) VALUES (p_user, p_event)
            ON CONFLICT (user_id, event_id) DO UPDATE SET quantity = buyer_holdings.quantity
            RETURNING quantity INTO v_bound;
            IF p_key IS NOT NULL THEN
                SELECT * INTO v_previous FROM reservations WHERE user_id = p_user AND idempotency_key = p_key;
                IF FOUND THEN
                    IF v_previous.request_hash IS DISTINCT FROM p_hash THEN
                        RETURN QUERY SELECT 'idempotency_mismatch', NULL::TEXT[], NULL::BIGINT, NULL::TEXT; RETURN;
                    END IF;
                    RETURN QUERY SELECT 'replayed', ARRAY[v_previous.reservation_id], NULL::BIGINT, NULL::TEXT; RETURN;
                END IF;
            END IF;
            -- Sum the buyer's reservations only when the bound leaves doubt (or a window
            -- limit needs the exact figure).
            IF v_bound + v_wanted > p_limit OR p_presale_limit IS NOT NULL THEN
                SELECT COALESCE(SUM(quantity), 0) INTO v_owned FROM reservations
                WHERE user_id = p_user AND event_id = p_event
                  AND (status IN ('PAYMENT_PENDING', 'CONFIRMED') OR (status = 'HELD' AND held_until > p_now));
                -- The exact figure is the new bound: lapsed and released holds leave it here,
                -- not in the release (which would take this row's lock after the section's).
                IF v_owned <> v_bound THEN
                    INSERT INTO buyer_holdings (user_id, event_id, quantity) VALUES (p_user, p_event, v_owned)
                    ON CONFLICT (user_id, event_id) DO UPDATE SET quantity = EXCLUDED.quantity;
                END IF;
            ELSE
                v_owned := v_bound;
            END IF;
            -- Under a presale window's own limit, what the buyer may still add is the lower of the two.
            IF p_presale_limit IS NOT NULL THEN
                SELECT COALESCE(SUM(quantity), 0) INTO v_in_window FROM reservations
                WHERE user_id = p_user AND event_id = p_event AND presale = p_presale
                  AND (status IN ('PAYMENT_PENDING', 'CONFIRMED') OR (status = 'HELD' AND held_until > p_now));
            END IF;
            IF v_owned + v_wanted > p_limit THEN
                RETURN QUERY SELECT 'limit', NULL::TEXT[],
                    GREATEST(0, LEAST(p_limit - v_owned, COALESCE(p_presale_limit - v_in_window, p_limit - v_owned))), NULL::TEXT;
                RETURN;
            END IF;
            IF p_presale_limit IS NOT NULL THEN
                IF v_in_window + v_wanted > p_presale_limit THEN
                    RETURN QUERY SELECT 'window_limit', NULL::TEXT[],
                        GREATEST(0, LEAST(p_presale_limit - v_in_window, p_limit - v_owned)), NULL::TEXT; RETURN;
                END IF;
            END IF;
            IF p_seats IS NOT NULL THEN
                SELECT array_agg(id) INTO v_missing FROM unnest(p_seats) AS id
                WHERE NOT EXISTS (SELECT 1 FROM seats WHERE seat_id = id AND event_id = p_event);
                IF v_missing IS NOT NULL THEN
                    RETURN QUERY SELECT 'not_in_event', v_missing, NULL::BIGINT, NULL::TEXT; RETURN;
                END IF;
                -- Lock the seats in one order (fewer deadlocks), then refuse if any is taken.
                PERFORM 1 FROM seats WHERE seat_id = ANY(p_seats) ORDER BY seat_id FOR UPDATE;
                SELECT array_agg(seat_id) INTO v_taken FROM seats
                WHERE seat_id = ANY(p_seats) AND NOT (status = 'AVAILABLE' OR (status = 'HELD' AND held_until IS NOT NULL AND held_until <= p_now)
                                                      OR NOT p_guarded);
                IF v_taken IS NOT NULL THEN
                    RETURN QUERY SELECT 'unavailable', v_taken, NULL::BIGINT, NULL::TEXT; RETURN;
                END IF;
                UPDATE seats SET status = 'HELD', reservation_id = p_reservation, held_until = p_held_until
                WHERE seat_id = ANY(p_seats);
                SELECT json_agg(json_build_object('seat_id', s.seat_id, 'section_id', s.section_id, 'row', s.row_label,
                                                  'number', s.seat_number, 'price_cents', s.price_cents)
                                ORDER BY array_position(p_seats, s.seat_id))::TEXT,
                       SUM(s.price_cents)
                INTO v_lines, v_total FROM seats s WHERE s.seat_id = ANY(p_seats);
            ELSE
                SELECT sold, held INTO v_sold, v_held FROM sections WHERE section_id = p_section FOR UPDATE;
                IF NOT FOUND THEN
                    RETURN QUERY SELECT 'section_not_found', NULL::TEXT[], NULL::BIGINT, NULL::TEXT; RETURN;
                END IF;
                -- In a batch, the places its earlier holds took, not yet added to `held`.
                v_held := v_held + COALESCE(p_pending, 0);
                IF p_capacity - v_sold - v_held < p_quantity THEN
                    SELECT COALESCE(SUM(quantity), 0) INTO v_live FROM reservations
                    WHERE ga_section_id = p_section AND (status = 'PAYMENT_PENDING' OR (status = 'HELD' AND held_until > p_now));
                    IF p_capacity - v_sold - v_live < p_quantity THEN
                        RETURN QUERY SELECT 'insufficient', NULL::TEXT[], GREATEST(0, p_capacity - v_sold - v_live), NULL::TEXT; RETURN;
                    END IF;
                END IF;
                IF p_pending IS NULL THEN
                    UPDATE sections SET held = held + p_quantity WHERE section_id = p_section;
                END IF;
                v_lines := '[]';
                v_total := p_quantity::BIGINT * p_price;
            END IF;
            INSERT INTO reservations (reservation_id, user_id, event_id, ga_section_id, lines, quantity, status,
                total_price_cents, held_until, created_at, idempotency_key, request_hash, presale)
            VALUES (p_reservation, p_user, p_event, p_section, v_lines, v_wanted, 'HELD', v_total, p_held_until, p_now, p_key, p_hash,
                    p_presale);
            -- Upserts reach the row through its key whatever the planner's statistics say.
            INSERT INTO buyer_holdings (user_id, event_id, quantity) VALUES (p_user, p_event, v_wanted)
            ON CONFLICT (user_id, event_id) DO UPDATE SET quantity = buyer_holdings.quantity + EXCLUDED.quantity;
            RETURN QUERY SELECT 'created', NULL::TEXT[], v_total, v_lines;
        END;
        $$
        """
}
