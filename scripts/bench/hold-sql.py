"""The SQL of a GA hold alone, without HTTP or Swift: CPU and wall time per hold for
batches of 20 holds by different buyers into one section, in WAL mode with
synchronous=FULL, as SQLiteStore ran them at schema v7 (with reservations_by_buyer).
Session 5 used it to find what a hold's SQL costs (BENCHMARKS.md).

Usage: python3 scripts/bench/hold-sql.py VARIANT HOLDS [WARM_ROWS]
VARIANT is a name made of parts: `base`; `nosum` (no per-buyer limit query);
`noby_buyer`, `nolapsing`, `noby_ga_section` (drop that index); `syncoff`; `nockpt` (no
checkpoints); `ck20000` (checkpoint every N pages); `p1k` (page size in KB); `c4m`
(page cache in MB); `mmap`; `norowid` (WITHOUT ROWID). For example
`python3 scripts/bench/hold-sql.py noby_buyer-nosum 60000 300000`.
"""
import sqlite3, os, time, uuid, random, sys, resource
variant = sys.argv[1]
import shutil, tempfile
workdir = tempfile.mkdtemp()
path = os.path.join(workdir, 'hold-sql.db')
for s in ('', '-wal', '-shm'):
    try: os.remove(path + s)
    except FileNotFoundError: pass
db = sqlite3.connect(path, isolation_level=None)
import re as _re
m=_re.search(r'p(\d+)k', variant)
if m: db.execute(f'PRAGMA page_size={int(m[1])*1024}')
db.execute('PRAGMA journal_mode=WAL'); db.execute('PRAGMA synchronous=' + ('OFF' if 'syncoff' in variant else 'FULL')); m2=_re.search(r'ck(\d+)', variant); db.execute('PRAGMA wal_autocheckpoint=' + ('0' if 'nockpt' in variant else (m2[1] if m2 else '10000')))
m3=_re.search(r'c(\d+)m', variant); db.execute('PRAGMA cache_size=-' + str(int(m3[1])*1024 if m3 else 16384))
if 'mmap' in variant: db.execute('PRAGMA mmap_size=1073741824'); db.execute('PRAGMA temp_store=MEMORY')
wr = ' WITHOUT ROWID' if variant.startswith('norowid') else ''
db.executescript(f'''
CREATE TABLE reservations (reservation_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, event_id TEXT NOT NULL, ga_section_id TEXT,
 lines TEXT NOT NULL, quantity INTEGER NOT NULL CHECK (quantity > 0),
 status TEXT NOT NULL CHECK (status IN ('HELD','PAYMENT_PENDING','CONFIRMED','EXPIRED','CANCELLED')),
 total_price_cents INTEGER NOT NULL, held_until INTEGER NOT NULL, created_at INTEGER NOT NULL, confirmed_at INTEGER,
 payment_id TEXT, idempotency_key TEXT, request_hash TEXT, presale TEXT, payment_method TEXT, payment_started_at INTEGER){wr};
CREATE UNIQUE INDEX reservations_idempotency ON reservations (user_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX IF NOT EXISTS reservations_by_buyer ON reservations (user_id, event_id, status, held_until, quantity);
CREATE INDEX reservations_by_ga_section ON reservations (ga_section_id, status) WHERE ga_section_id IS NOT NULL;
CREATE INDEX reservations_lapsing ON reservations (held_until) WHERE status = 'HELD';
CREATE INDEX reservations_paying ON reservations (payment_started_at) WHERE status = 'PAYMENT_PENDING';
CREATE TABLE sections (section_id TEXT PRIMARY KEY, sold INTEGER, held INTEGER);
''')
for ix in ('by_buyer','lapsing','by_ga_section'):
    if 'no'+ix in variant: db.execute('DROP INDEX reservations_'+ix)
ev = str(uuid.uuid4()); sec = str(uuid.uuid4())
db.execute('INSERT INTO sections VALUES (?,0,0)', (sec,))
users = [str(uuid.uuid4()) for _ in range(20000)]
def v7():
    ms = int(time.time()*1000); r = uuid.uuid4().bytes
    b = ms.to_bytes(6,'big') + bytes([0x70 | (r[6]&15), r[7], 0x80 | (r[8]&0x3f)]) + r[9:]
    return str(uuid.UUID(bytes=b))
N = int(sys.argv[2]); B = 20
ui = 0
def batch():
    global ui
    db.execute('BEGIN')
    db.execute('SELECT sold, held FROM sections WHERE section_id = ?', (sec,)).fetchone()
    now = int(time.time()*1000)
    for _ in range(B):
        u = users[ui % len(users)]; ui += 1
        if not variant.endswith('nosum'):
            db.execute("""SELECT COALESCE(SUM(quantity), 0) FROM reservations WHERE user_id = ? AND event_id = ?
              AND (status IN ('PAYMENT_PENDING', 'CONFIRMED') OR (status = 'HELD' AND held_until > ?))""", (u, ev, now)).fetchone()
        db.execute('''INSERT INTO reservations (reservation_id, user_id, event_id, ga_section_id, lines, quantity, status,
            total_price_cents, held_until, created_at, idempotency_key, request_hash, presale) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)''',
            (v7(), u, ev, sec, '[]', 1, 'HELD', 1000, now + 900000, now, None, None, None))
    db.execute('UPDATE sections SET held = held + ? WHERE section_id = ?', (B, sec))
    db.execute('COMMIT')
# warm: 100k rows
for _ in range((int(sys.argv[3]) if len(sys.argv) > 3 else 100000) // B): batch()
t0 = time.process_time(); w0 = time.time()
for _ in range(N // B): batch()
t1 = time.process_time(); w1 = time.time()
print(f'{variant}: cpu {((t1-t0)/N)*1e6:.1f} us/hold, wall {((w1-w0)/N)*1e6:.1f} us/hold')
db.close()
shutil.rmtree(workdir)
