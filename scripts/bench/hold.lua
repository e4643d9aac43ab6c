-- wrk script: every request holds one GA place as the next of many buyers.
-- Env: TOKENS (file, one bearer token per line), EVENT, SECTION.
local tokens = {}
for line in io.lines(os.getenv("TOKENS")) do tokens[#tokens + 1] = line end
local body = '{"event_id":"' .. os.getenv("EVENT") .. '","section_id":"' .. os.getenv("SECTION") .. '","quantity":1}'
local threads = 0
local counter = 0
local failures = 0

function setup(thread)
  thread:set("offset", threads * 100003)
  threads = threads + 1
end

function init(args)
  counter = offset or 0
end

function request()
  counter = counter + 1
  local token = tokens[(counter % #tokens) + 1]
  return wrk.format("POST", "/api/v1/reservations",
    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, body)
  if status ~= 201 then failures = failures + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("non-201 responses (summed over threads' last state): see server metrics\n"))
end
