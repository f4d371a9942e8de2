#!lua name=${library}
--
-- Pneumatic event log: appends job events to Redis Streams with gap-free sequence numbers, and
-- ops events (telemetry) to capped ops streams. Rendered by EventFunctionLibrary from the
-- pneumatic.events.*, pneumatic.retention.* and pneumatic.ops.* settings and loaded with
-- FUNCTION LOAD REPLACE; do not edit it in Redis.
--
--   FCALL ${publishFunction} 4 jobs:{<jobId>}:events jobs:{<jobId>}:meta events:jobs events:wakeup <type> <payload-json>
--   FCALL ${publishOpsFunction} 4 ops:{<cluster>}:<namespace>:events ops:{<cluster>}:gpu ops:streams ops:wakeup <type> <payload-json>
--
-- Both return {seq, ts}; refusals are error replies "ERR <REASON> <message>", and nothing is written then.

local REQUIRED_FIELDS = ${requiredFields}
local OPS_REQUIRED_FIELDS = ${opsRequiredFields}
local OPS_MAX_ENTRIES = ${opsMaxEntries}
local OPS_IDLE_SECONDS = ${opsIdleSeconds}
local GROUPS = ${groups}
local MAX_PAYLOAD_BYTES = ${maxPayloadBytes}
local MAX_ENTRIES = ${maxEntries}
local MAX_AGE_MS = ${maxAgeMillis}
local AFTER_DONE_SECONDS = ${afterDoneSeconds}
local TOMBSTONE_SECONDS = ${tombstoneSeconds}
local WAKEUP_MAX_ENTRIES = 1000
local AGE_TRIM_CHUNK = 256
local AGE_TRIM_ROUNDS = 4
-- Trimming looks at the consumer groups, so it runs every TRIM_EVERY publishes, not on each one.
local TRIM_EVERY = 32

local function reject(reason, message)
  return redis.error_reply('ERR ' .. reason .. ' ' .. message)
end

local function integer(n)
  return string.format('%d', n)
end

-- ISO-8601 UTC with milliseconds; days to civil date after Howard Hinnant's algorithm.
local function iso8601(ms)
  local secs = math.floor(ms / 1000)
  local millis = ms - secs * 1000
  local days = math.floor(secs / 86400)
  local rem = secs - days * 86400
  local hour = math.floor(rem / 3600)
  local minute = math.floor((rem - hour * 3600) / 60)
  local second = rem - hour * 3600 - minute * 60
  local z = days + 719468
  local era = math.floor(z / 146097)
  local doe = z - era * 146097
  local yoe = math.floor((doe - math.floor(doe / 1460) + math.floor(doe / 36524) - math.floor(doe / 146096)) / 365)
  local doy = doe - (365 * yoe + math.floor(yoe / 4) - math.floor(yoe / 100))
  local mp = math.floor((5 * doy + 2) / 153)
  local day = doy - math.floor((153 * mp + 2) / 5) + 1
  local month = mp < 10 and mp + 3 or mp - 9
  local year = yoe + era * 400 + (month <= 2 and 1 or 0)
  return string.format('%04d-%02d-%02dT%02d:%02d:%02d.%03dZ', year, month, day, hour, minute, second, millis)
end

local function job_id_of(keys)
  local id = string.match(keys[1] or '', '^jobs:{([%w_%-]+)}:events$')
  if not id or #id > 64 or keys[2] ~= 'jobs:{' .. id .. '}:meta'
      or keys[3] ~= 'events:jobs' or keys[4] ~= 'events:wakeup' then
    return nil
  end
  return id
end

local function field(entry, name)
  local fields = entry[2]
  for i = 1, #fields, 2 do
    if fields[i] == name then
      return fields[i + 1]
    end
  end
  return nil
end

local function seq_of(id)
  return tonumber(string.match(id, '^(%d+)'))
end

local function info_value(flat, name)
  for i = 1, #flat, 2 do
    if flat[i] == name then
      return flat[i + 1]
    end
  end
  return nil
end

-- The lowest sequence number some consumer group has not acknowledged yet: trimming never goes
-- past it, so a lagging relay or a PostgreSQL outage delays trimming instead of losing events.
local function unconsumed_floor(stream)
  local floor = nil
  for _, group in ipairs(redis.call('XINFO', 'GROUPS', stream)) do
    local needed = seq_of(info_value(group, 'last-delivered-id')) + 1
    if tonumber(info_value(group, 'pending')) > 0 then
      local summary = redis.call('XPENDING', stream, info_value(group, 'name'))
      needed = math.min(needed, seq_of(summary[2]))
    end
    if not floor or needed < floor then
      floor = needed
    end
  end
  return floor
end

local function trim_before(stream, keep_from, floor)
  if floor and floor < keep_from then
    keep_from = floor
  end
  redis.call('XTRIM', stream, 'MINID', integer(keep_from) .. '-0')
end

-- Stream ids are sequence numbers, not times: find the first young entry by its ts (fixed-width
-- ISO-8601 compares as text) and drop everything before it, a bounded amount per call.
local function trim_older_than(stream, cutoff, floor)
  for _ = 1, AGE_TRIM_ROUNDS do
    local oldest = redis.call('XRANGE', stream, '-', '+', 'COUNT', 1)
    if #oldest == 0 or (field(oldest[1], 'ts') or '') >= cutoff or (floor and seq_of(oldest[1][1]) >= floor) then
      return
    end
    local chunk = redis.call('XRANGE', stream, '-', '+', 'COUNT', AGE_TRIM_CHUNK)
    local keep_from = seq_of(chunk[#chunk][1]) + 1
    for _, entry in ipairs(chunk) do
      if (field(entry, 'ts') or '') >= cutoff then
        keep_from = seq_of(entry[1])
        break
      end
    end
    trim_before(stream, keep_from, floor)
  end
end

-- Keeps at most MAX_ENTRIES and nothing older than MAX_AGE_MS, but never what a group still needs.
local function trim(stream, seq, now_ms)
  if seq % TRIM_EVERY ~= 0 then
    return
  end
  local floor = unconsumed_floor(stream)
  if redis.call('XLEN', stream) > MAX_ENTRIES then
    trim_before(stream, seq - MAX_ENTRIES + 1, floor)
  end
  trim_older_than(stream, iso8601(now_ms - MAX_AGE_MS), floor)
end

local function last_generated_seq(stream)
  local info = redis.call('XINFO', 'STREAM', stream)
  for i = 1, #info, 2 do
    if info[i] == 'last-generated-id' then
      return seq_of(info[i + 1])
    end
  end
  return 0
end

local function append(stream, seq, event_type, ts, payload)
  return redis.pcall('XADD', stream, integer(seq) .. '-0',
      'type', event_type, 'ts', ts, 'payload', payload)
end

-- The decoded payload, or nil and the refusal: unknown type, missing, oversize or not an object, missing field.
local function checked_payload(required_fields, kind, event_type, payload)
  local required = event_type and required_fields[event_type]
  if not required then
    return nil, reject('UNKNOWN_TYPE', 'unknown ' .. kind .. ' event type "' .. tostring(event_type) .. '"')
  end
  if not payload then
    return nil, reject('INVALID_PAYLOAD', 'missing payload argument after the type')
  end
  if #payload > MAX_PAYLOAD_BYTES then
    return nil, reject('PAYLOAD_TOO_LARGE', 'payload has ' .. #payload .. ' bytes, at most ' .. MAX_PAYLOAD_BYTES .. ' allowed')
  end
  local decoded_ok, decoded = pcall(cjson.decode, payload)
  if not string.find(payload, '^%s*{') or not decoded_ok or type(decoded) ~= 'table' then
    return nil, reject('INVALID_PAYLOAD', 'payload is not a JSON object')
  end
  for _, name in ipairs(required) do
    if decoded[name] == nil or decoded[name] == cjson.null then
      return nil, reject('MISSING_FIELD', event_type .. ' requires payload field "' .. name .. '"')
    end
  end
  return decoded, nil
end

local function now_millis()
  local time = redis.call('TIME')
  return tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end

local function publish(keys, args)
  local job_id = job_id_of(keys)
  if not job_id then
    return reject('INVALID_JOB_ID', 'expected keys jobs:{<id>}:events jobs:{<id>}:meta events:jobs events:wakeup'
        .. ' with <id> 1 to 64 characters of [A-Za-z0-9_-]')
  end
  local event_type, payload = args[1], args[2]
  local _, refusal = checked_payload(REQUIRED_FIELDS, 'job', event_type, payload)
  if refusal then
    return refusal
  end
  -- The wake-up stream exists once sequence numbers are restored (see SequenceRestorer).
  if redis.call('EXISTS', keys[4]) == 0 then
    return reject('NOT_READY', 'sequence numbers are being restored after Redis lost its data; retry shortly')
  end
  if redis.call('HGET', keys[2], 'done') then
    return reject('JOB_FINISHED', 'job ' .. job_id .. ' already ended with done')
  end

  local now_ms = now_millis()
  local ts = iso8601(now_ms)
  local created = redis.call('EXISTS', keys[1]) == 0
  local seq = (tonumber(redis.call('HGET', keys[2], 'seq')) or 0) + 1
  local added = append(keys[1], seq, event_type, ts, payload)
  if type(added) == 'table' and added.err then
    -- The stream is ahead of the meta hash (deleted or evicted): never reuse a sequence number.
    seq = last_generated_seq(keys[1]) + 1
    added = append(keys[1], seq, event_type, ts, payload)
    if type(added) == 'table' and added.err then
      return added
    end
  end
  redis.call('HSET', keys[2], 'seq', integer(seq))

  if created then
    for _, group in ipairs(GROUPS) do
      redis.call('XGROUP', 'CREATE', keys[1], group, '0')
    end
    redis.call('ZADD', keys[3], '+inf', job_id)
    redis.call('XADD', keys[4], 'MAXLEN', '~', WAKEUP_MAX_ENTRIES, '*', 'job', job_id)
  end
  trim(keys[1], seq, now_ms)
  if event_type == 'done' then
    redis.call('HSET', keys[2], 'done', '1')
    redis.call('EXPIRE', keys[1], AFTER_DONE_SECONDS)
    redis.call('EXPIRE', keys[2], TOMBSTONE_SECONDS)
    redis.call('ZADD', keys[3], integer(now_ms), job_id)
    redis.call('ZREMRANGEBYSCORE', keys[3], '-inf', '(' .. integer(now_ms - AFTER_DONE_SECONDS * 1000))
  end
  return { seq, ts }
end

local function ops_names_of(keys)
  local cluster, namespace = string.match(keys[1] or '', '^ops:{([%w_%-]+)}:([%w_%-]+):events$')
  if not cluster or #cluster > 64 or #namespace > 64 or keys[2] ~= 'ops:{' .. cluster .. '}:gpu'
      or keys[3] ~= 'ops:streams' or keys[4] ~= 'ops:wakeup' then
    return nil
  end
  return cluster, namespace
end

-- A GPU's field in the cluster's GPU hash: <node>/<gpu>, from text or integer payload values.
local function gpu_field(decoded)
  local node, gpu = decoded['node'], decoded['gpu']
  if (type(node) ~= 'string' and type(node) ~= 'number') or (type(gpu) ~= 'string' and type(gpu) ~= 'number') then
    return nil
  end
  return tostring(node) .. '/' .. tostring(gpu)
end

-- Ops events: no consumer groups are created here (the relay's ops reader creates its own on new
-- streams), no archive, no tombstones; the stream is capped and expires when idle.
local function publish_ops(keys, args)
  local cluster, namespace = ops_names_of(keys)
  if not cluster then
    return reject('INVALID_STREAM', 'expected keys ops:{<cluster>}:<namespace>:events ops:{<cluster>}:gpu ops:streams ops:wakeup'
        .. ' with <cluster> and <namespace> 1 to 64 characters of [A-Za-z0-9_-]')
  end
  local event_type, payload = args[1], args[2]
  local decoded, refusal = checked_payload(OPS_REQUIRED_FIELDS, 'ops', event_type, payload)
  if refusal then
    return refusal
  end
  local field = nil
  if event_type == 'gpu_update' then
    field = gpu_field(decoded)
    if not field then
      return reject('INVALID_PAYLOAD', 'gpu_update needs "node" and "gpu" as text or numbers')
    end
  end

  local now_ms = now_millis()
  local ts = iso8601(now_ms)
  local created = redis.call('EXISTS', keys[1]) == 0
  local seq = created and 1 or last_generated_seq(keys[1]) + 1
  redis.call('XADD', keys[1], 'MAXLEN', '~', OPS_MAX_ENTRIES, integer(seq) .. '-0',
      'type', event_type, 'ts', ts, 'payload', payload)
  redis.call('EXPIRE', keys[1], OPS_IDLE_SECONDS)
  local member = cluster .. '.' .. namespace
  redis.call('ZADD', keys[3], integer(now_ms), member)
  if created then
    redis.call('ZREMRANGEBYSCORE', keys[3], '-inf', '(' .. integer(now_ms - OPS_IDLE_SECONDS * 1000))
    redis.call('XADD', keys[4], 'MAXLEN', '~', WAKEUP_MAX_ENTRIES, '*', 'stream', member)
  end
  if field then
    redis.call('HSET', keys[2], field, '{"namespace":"' .. namespace .. '","ts":"' .. ts .. '","payload":' .. payload .. '}')
    redis.call('EXPIRE', keys[2], OPS_IDLE_SECONDS)
  end
  return { seq, ts }
end

redis.register_function('${publishFunction}', publish)
redis.register_function('${publishOpsFunction}', publish_ops)
