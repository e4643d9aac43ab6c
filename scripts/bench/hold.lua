-- wrk script: every request holds one GA place as the next of many buyers.
-- Env: TOKENS (file, one bearer token per line), EVENT, SECTION.
-- The requests are built once per thread, so wrk spends its time sending, not
-- formatting (it shares the machine with the server it measures).
local tokens = {}
for line in io.lines(os.getenv("TOKENS")) do tokens[#tokens + 1] = line end
local body = '{"event_id":"' .. os.getenv("EVENT") .. '","section_id":"' .. os.getenv("SECTION") .. '","quantity":1}'
local threads = 0
local requests = {}
local counter = 0

function setup(thread)
  thread:set("offset", threads * 100003)
  threads = threads + 1
end

function init(args)
  counter = offset or 0
  for index = 1, #tokens do
    requests[index] = wrk.format("POST", "/api/v1/reservations",
      { ["Authorization"] = "Bearer " .. tokens[index], ["Content-Type"] = "application/json" }, body)
  end
end

function request()
  counter = counter + 1
  return requests[(counter % #requests) + 1]
end

function done(summary, latency, requests)
  io.write("non-201 responses: see the server's boxoffice_reservation_* counters below\n")
end
