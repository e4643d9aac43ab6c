"""Prepares a benchmark run: organizer login, a 1,000,000-place GA event, a 20,000-seat
event, and many buyer accounts (their tokens one per line in WORK/tokens)."""
import concurrent.futures
import json
import sys
import urllib.request

base, work, buyers = sys.argv[1], sys.argv[2], int(sys.argv[3])


def call(path, body=None, token=None):
    request = urllib.request.Request(base + "/api/v1" + path, data=json.dumps(body).encode() if body is not None else None)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read())


organizer = call("/auth/login", {"email": "bench-org@example.test", "password": "bench-organizer"})["token"]
common = {"artist": "Bench", "category": "bench", "venue": {"name": "Hall", "city": "Town"},
          "starts_at": "2099-01-01T20:00:00Z", "max_tickets_per_user": 100, "hold_duration_minutes": 15}
ga = call("/events", dict(common, title="GA bench", sections=[
    {"name": "Floor", "price_cents": 1000, "kind": "general_admission", "capacity": 1000000}]), organizer)
big = call("/events", dict(common, title="Seated bench", sections=[
    {"name": f"S{s}", "price_cents": 1000 + s, "kind": "seated",
     "rows": [{"label": f"R{r}", "seats": 50} for r in range(40)]} for s in range(10)]), organizer)
open(f"{work}/ga_event", "w").write(ga["event_id"])
open(f"{work}/ga_section", "w").write(ga["sections"][0]["section_id"])
open(f"{work}/big_event", "w").write(big["event_id"])


def register(i):
    return call("/auth/register", {"email": f"bench-{i}@example.test", "password": "bench-password", "name": f"Bench {i}"})["token"]


with concurrent.futures.ThreadPoolExecutor(16) as pool:
    tokens = list(pool.map(register, range(buyers)))
open(f"{work}/tokens", "w").write("\n".join(tokens) + "\n")
