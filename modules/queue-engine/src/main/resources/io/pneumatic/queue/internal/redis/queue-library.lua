#!lua name=${library}
--
-- Pneumatic queue engine: FIFO lanes with leases, retries and dead letters (docs/queues.md).
-- Rendered by QueueFunctionLibrary from the pneumatic.queue.* settings and loaded with
-- FUNCTION LOAD REPLACE; do not edit it in Redis.
--
-- Every function takes 0 keys and string arguments; refusals of malformed calls are error replies
-- "ERR <REASON> <message>" and change nothing. Losing a lease is not an error: it is a status word.
--
-- Keys (all derived here; the library is flagged no-cluster):
--   queue:ids            INCR counter of item ids
--   queue:tokens         INCR counter of lease tokens (fencing: a token is never handed out twice)
--   queue:item:<id>      hash of one item (lane, params, metadata, attempts, lease, last error)
--   queue:lane:{<lane>}  list of a lane's item ids, head first; the in-flight item stays at the head
--   queue:lanes          zset (all scores 0) of every lane with items or idle for less than the idle TTL
--   queue:ready          zset lane -> ms from which its head may be claimed (nothing in flight)
--   queue:leased         zset lane -> lease deadline ms of its in-flight head
--   queue:idle           zset lane -> ms at which it became empty
--   queue:dead           zset item id -> dead-letter sequence number (oldest first)
--   queue:dedup:<key>    "<id> <lane>" for an enqueue's client key, expires after the dedup window
--   queue:stats          hash: len:<kind>, inflight:<kind>, avg:<kind> (ms), enqueued, completed,
--                        expired, dead_lettered
--
-- Invariant: a lane with items is in exactly one of queue:ready and queue:leased; an item is in
-- flight exactly when its hash has a tok field, and then it is its lane's head.

local VERSION = '${version}'
local MAX_ATTEMPTS = ${maxAttempts}
local BACKOFF_BASE_MS = ${backoffBaseMillis}
local BACKOFF_MAX_MS = ${backoffMaxMillis}
local DEFAULT_LEASE_MS = ${leaseMillis}
local DEDUP_MS = ${dedupWindowMillis}
local IDLE_LANE_MS = ${idleLaneMillis}
local MAX_PARAMS_BYTES = ${maxParamsBytes}
local MAX_PREVIEW_BYTES = ${maxPreviewBytes}
local MAX_LEASE_MS = 43200000
local MIN_LEASE_MS = 10
local MAX_LANE_BYTES = 128
local MAX_FIELD_BYTES = 128
local MAX_ERROR_BYTES = 2048
local MAX_BATCH = 100
local MAX_SNAPSHOT_LANES = 1000
local MAX_SNAPSHOT_ITEMS = 100
local EXPIRE_PER_CLAIM = 32
local PRUNE_PER_CLAIM = 8
local SWEEP_LIMIT = 1000
local AVERAGE_WEIGHT = 0.2
local ENQUEUE_ARGS = 8

local IDS = 'queue:ids'
local TOKENS = 'queue:tokens'
local LANES = 'queue:lanes'
local READY = 'queue:ready'
local LEASED = 'queue:leased'
local IDLE = 'queue:idle'
local DEAD = 'queue:dead'
local STATS = 'queue:stats'

local function lane_key(lane)
  return 'queue:lane:{' .. lane .. '}'
end

local function item_key(id)
  return 'queue:item:' .. id
end

local function dedup_key(client_key)
  return 'queue:dedup:' .. client_key
end

local function reject(reason, message)
  return redis.error_reply('ERR ' .. reason .. ' ' .. message)
end

local function integer(n)
  return string.format('%d', n)
end

local function now_ms()
  local time = redis.call('TIME')
  return tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end

local function quoted(text)
  if #text > 64 then
    text = string.sub(text, 1, 64) .. '...'
  end
  return '"' .. text .. '"'
end

local function starts_with(text, prefix)
  return string.sub(text, 1, #prefix) == prefix
end

-- Mirrors io.pneumatic.queue.LaneKind.
local function kind_of(lane)
  if lane == 'global_topics' then
    return 'global_topics'
  elseif starts_with(lane, 'posts_topic_') then
    return 'topic_posts'
  elseif starts_with(lane, 'messages_conv_') then
    return 'conversation_messages'
  elseif starts_with(lane, 'unordered-') then
    return 'unordered'
  end
  return 'named'
end

-- Mirrors io.pneumatic.queue.Lane: nil when a client may enqueue into the lane.
local function lane_problem(lane)
  if #lane > MAX_LANE_BYTES or not string.match(lane, '^[a-z0-9][a-z0-9_%-]*$') then
    return 'lane ' .. quoted(lane) .. ' must be 1 to ' .. MAX_LANE_BYTES
        .. ' characters of a-z, 0-9, _ and -, starting with a letter or digit'
  end
  if lane == 'posts_topic_' or lane == 'messages_conv_' then
    return 'lane ' .. quoted(lane) .. ' lacks the topic or conversation id after its prefix'
  end
  if starts_with(lane, 'unordered-') then
    return 'lane ' .. quoted(lane) .. ' is reserved: leave the lane out to enqueue an unordered item'
  end
  return nil
end

local function token_problem(what, value, required)
  if value == '' and not required then
    return nil
  end
  if #value > MAX_FIELD_BYTES or not string.match(value, '^[%w%p]+$') then
    return what .. ' ' .. quoted(value) .. ' must be 1 to ' .. MAX_FIELD_BYTES .. ' printable ASCII characters without spaces'
  end
  return nil
end

local function cut(text, max_bytes)
  if #text <= max_bytes then
    return text
  end
  -- Do not end inside a UTF-8 sequence: drop continuation bytes and the lead byte before them.
  local stop = max_bytes
  while stop > 0 and string.byte(text, stop + 1) and string.byte(text, stop + 1) >= 0x80
      and string.byte(text, stop + 1) < 0xC0 do
    stop = stop - 1
  end
  return string.sub(text, 1, stop)
end

-- Mirrors io.pneumatic.queue.internal.core.RetryPolicy#backoffAfter.
local function backoff_ms(failed_attempts)
  if BACKOFF_BASE_MS == 0 then
    return 0
  end
  return math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ^ (failed_attempts - 1))
end

local function lease_ms_of(arg)
  if arg == nil or arg == '' then
    return DEFAULT_LEASE_MS
  end
  local lease = tonumber(arg)
  if not lease or lease ~= math.floor(lease) or lease < MIN_LEASE_MS or lease > MAX_LEASE_MS then
    return nil
  end
  return lease
end

local function count_of(arg, max)
  local n = tonumber(arg or '')
  if not n or n ~= math.floor(n) or n < 1 or n > max then
    return nil
  end
  return n
end

local function stat(field, delta)
  redis.call('HINCRBY', STATS, field, delta)
end

local function release(key)
  redis.call('HDEL', key, 'tok', 'worker', 'dl', 'claimed')
end

-- The lane got its first item (again): it is known, not idle, and its head may be claimed.
local function lane_opened(lane, ready_at)
  redis.call('ZADD', READY, integer(ready_at), lane)
  redis.call('ZADD', LANES, 0, lane)
  redis.call('ZREM', IDLE, lane)
end

-- The lane's head left it: the next item may be claimed, or the lane starts idling.
local function lane_advanced(lane, now)
  if redis.call('LLEN', lane_key(lane)) > 0 then
    redis.call('ZADD', READY, integer(now), lane)
  elseif IDLE_LANE_MS == 0 then
    redis.call('ZREM', LANES, lane)
  else
    redis.call('ZADD', IDLE, integer(now), lane)
  end
end

local function average_ms(kind)
  return redis.call('HGET', STATS, 'avg:' .. kind)
end

local function record_processing_time(kind, millis)
  local field = 'avg:' .. kind
  local old = tonumber(redis.call('HGET', STATS, field))
  local new = old and (old + AVERAGE_WEIGHT * (millis - old)) or millis
  redis.call('HSET', STATS, field, string.format('%.1f', new))
end

-- Moves a lane's head (no longer leased) to the dead-letter set and opens the lane again.
local function dead_letter(lane, id, error_text, now)
  local key = item_key(id)
  redis.call('LPOP', lane_key(lane))
  release(key)
  redis.call('HSET', key, 'err', error_text, 'dead', integer(now))
  -- Scored by the dead-letter counter, not the time: oldest first even within one millisecond.
  redis.call('ZADD', DEAD, redis.call('HINCRBY', STATS, 'dead_lettered', 1), id)
  stat('len:' .. kind_of(lane), -1)
  lane_advanced(lane, now)
end

-- Hands out again, first in their lanes, the items whose lease passed its deadline.
local function expire_leases(now, limit)
  local due = redis.call('ZRANGE', LEASED, '-inf', integer(now), 'BYSCORE', 'LIMIT', 0, limit, 'WITHSCORES')
  local expired = 0
  for i = 1, #due, 2 do
    local lane, deadline = due[i], due[i + 1]
    redis.call('ZREM', LEASED, lane)
    local id = redis.call('LINDEX', lane_key(lane), 0)
    if id then
      local key = item_key(id)
      local item = redis.call('HMGET', key, 'att', 'worker')
      local attempts = tonumber(item[1]) or 0
      local error_text = 'lease expired: worker ' .. tostring(item[2] or '?') .. ' did not finish attempt ' .. attempts
      expired = expired + 1
      stat('inflight:' .. kind_of(lane), -1)
      stat('expired', 1)
      if attempts >= MAX_ATTEMPTS then
        dead_letter(lane, id, error_text, now)
      else
        release(key)
        redis.call('HSET', key, 'err', error_text)
        -- Ready since the deadline: it has waited longer than lanes that became ready after it.
        redis.call('ZADD', READY, deadline, lane)
      end
    end
  end
  return expired
end

-- Forgets lanes that stayed empty for the idle TTL: no key is left of them.
local function prune_idle(now, limit)
  local idle = redis.call('ZRANGE', IDLE, '-inf', integer(now - IDLE_LANE_MS), 'BYSCORE', 'LIMIT', 0, limit)
  for _, lane in ipairs(idle) do
    redis.call('ZREM', IDLE, lane)
    if redis.call('EXISTS', lane_key(lane)) == 0 then
      redis.call('ZREM', LANES, lane)
    end
  end
  return #idle
end

-- Where an item that an earlier enqueue with the same client key created stands now.
local function describe(existing)
  local id, lane = string.match(existing, '^(%S+) (%S+)$')
  local item = redis.call('HMGET', item_key(id), 'tok', 'dead')
  local avg = average_ms(kind_of(lane))
  if item[2] then
    return { id, lane, -1, 'dead_lettered', 1, avg }
  end
  local position = redis.call('LPOS', lane_key(lane), id)
  if not position then
    return { id, lane, -1, 'finished', 1, avg }
  end
  local state = (position == 0 and item[1]) and 'in_flight' or 'waiting'
  return { id, lane, position, state, 1, avg }
end

local function enqueue_problem(args, base)
  local lane, client_key, params = args[base + 1], args[base + 2], args[base + 3]
  if lane ~= '' then
    local problem = lane_problem(lane)
    if problem then
      return 'INVALID_LANE', problem
    end
  end
  local problem = token_problem('client key', client_key, false)
  if problem then
    return 'INVALID_CLIENT_KEY', problem
  end
  if #params > MAX_PARAMS_BYTES then
    return 'PARAMS_TOO_LARGE', 'params have ' .. #params .. ' bytes, at most ' .. MAX_PARAMS_BYTES .. ' allowed'
  end
  local names = { 'content type', 'author', 'sender' }
  for i = 1, 3 do
    if #args[base + 3 + i] > MAX_FIELD_BYTES then
      return 'INVALID_DETAILS', names[i] .. ' has more than ' .. MAX_FIELD_BYTES .. ' bytes'
    end
  end
  if #args[base + 7] > MAX_PREVIEW_BYTES then
    return 'INVALID_DETAILS', 'preview has ' .. #args[base + 7] .. ' bytes, at most ' .. MAX_PREVIEW_BYTES .. ' allowed'
  end
  if #args[base + 8] > MAX_FIELD_BYTES then
    return 'INVALID_DETAILS', 'job id has more than ' .. MAX_FIELD_BYTES .. ' bytes'
  end
  return nil
end

local function enqueue_one(now, args, base)
  local lane, client_key = args[base + 1], args[base + 2]
  if client_key ~= '' then
    local existing = redis.call('GET', dedup_key(client_key))
    if existing then
      return describe(existing)
    end
  end
  local id = integer(redis.call('INCR', IDS))
  if lane == '' then
    lane = 'unordered-' .. id
  end
  local fields = { 'lane', lane, 'params', args[base + 3], 'enq', integer(now), 'att', '0' }
  local optional = { 'ctype', 'author', 'sender', 'preview', 'job' }
  for i, name in ipairs(optional) do
    local value = args[base + 3 + i]
    if value ~= '' then
      fields[#fields + 1] = name
      fields[#fields + 1] = value
    end
  end
  if client_key ~= '' then
    fields[#fields + 1] = 'key'
    fields[#fields + 1] = client_key
  end
  redis.call('HSET', item_key(id), unpack(fields))
  local length = redis.call('RPUSH', lane_key(lane), id)
  if length == 1 then
    lane_opened(lane, now)
  end
  local kind = kind_of(lane)
  stat('len:' .. kind, 1)
  stat('enqueued', 1)
  if client_key ~= '' then
    redis.call('SET', dedup_key(client_key), id .. ' ' .. lane, 'PX', DEDUP_MS)
  end
  return { id, lane, length - 1, 'waiting', 0, average_ms(kind) }
end

-- Claims the heads of up to max ready lanes, the longest waiting first.
local function claim_lanes(now, worker, max, lease_ms)
  local claims = {}
  local lanes = redis.call('ZRANGE', READY, '-inf', integer(now), 'BYSCORE', 'LIMIT', 0, max)
  for _, lane in ipairs(lanes) do
    redis.call('ZREM', READY, lane)
    local id = redis.call('LINDEX', lane_key(lane), 0)
    if id then
      local key = item_key(id)
      local token = integer(redis.call('INCR', TOKENS))
      local attempt = redis.call('HINCRBY', key, 'att', 1)
      local deadline = now + lease_ms
      redis.call('HSET', key, 'tok', token, 'worker', worker, 'dl', integer(deadline), 'claimed', integer(now))
      redis.call('ZADD', LEASED, integer(deadline), lane)
      stat('inflight:' .. kind_of(lane), 1)
      local item = redis.call('HMGET', key, 'enq', 'params', 'ctype', 'author', 'sender', 'preview', 'job')
      claims[#claims + 1] = { id, lane, token, attempt, deadline,
        item[1], item[2], item[3], item[4], item[5], item[6], item[7] }
    end
  end
  return claims
end

-- The lane and hash key of the item, if the token holds its current, unexpired lease.
local function held(id, token, now)
  local key = item_key(id)
  local item = redis.call('HMGET', key, 'lane', 'tok', 'dl')
  if not item[1] or item[2] ~= token or tonumber(item[3]) <= now then
    return nil, nil
  end
  return item[1], key
end

local function complete_one(now, id, token)
  local lane, key = held(id, token, now)
  if not lane then
    return 'lease_lost'
  end
  local claimed = tonumber(redis.call('HGET', key, 'claimed'))
  redis.call('LPOP', lane_key(lane))
  redis.call('DEL', key)
  redis.call('ZREM', LEASED, lane)
  local kind = kind_of(lane)
  stat('len:' .. kind, -1)
  stat('inflight:' .. kind, -1)
  stat('completed', 1)
  record_processing_time(kind, now - claimed)
  lane_advanced(lane, now)
  return 'completed'
end

local function claim_arguments(args)
  local problem = token_problem('worker id', args[1] or '', true)
  if problem then
    return nil, nil, reject('INVALID_WORKER', problem)
  end
  local max = count_of(args[2], MAX_BATCH)
  if not max then
    return nil, nil, reject('BAD_REQUEST', 'max must be a whole number from 1 to ' .. MAX_BATCH)
  end
  local lease = lease_ms_of(args[3])
  if not lease then
    return nil, nil, reject('BAD_REQUEST', 'lease must be a whole number of milliseconds from '
        .. MIN_LEASE_MS .. ' to ' .. MAX_LEASE_MS)
  end
  return max, lease, nil
end

-- FCALL <lib>_enqueue 0 (<lane> <client-key> <params> <content-type> <author> <sender> <preview> <job-id>)...
-- An empty lane means unordered; other empty strings mean absent. Up to 100 items, all or none.
-- Returns {now-ms, {{id, lane, position, state, duplicate 0|1, average-ms|nil}...}}.
local function enqueue(_, args)
  if #args == 0 or #args % ENQUEUE_ARGS ~= 0 or #args / ENQUEUE_ARGS > MAX_BATCH then
    return reject('BAD_REQUEST', 'expected 1 to ' .. MAX_BATCH .. ' groups of ' .. ENQUEUE_ARGS
        .. ' arguments: lane client-key params content-type author sender preview job-id')
  end
  for base = 0, #args - 1, ENQUEUE_ARGS do
    local reason, problem = enqueue_problem(args, base)
    if reason then
      if #args > ENQUEUE_ARGS then
        problem = 'item ' .. integer(base / ENQUEUE_ARGS + 1) .. ': ' .. problem
      end
      return reject(reason, problem)
    end
  end
  local now = now_ms()
  local results = {}
  for base = 0, #args - 1, ENQUEUE_ARGS do
    results[#results + 1] = enqueue_one(now, args, base)
  end
  return { now, results }
end

-- FCALL <lib>_claim 0 <worker-id> <max> [<lease-ms>]
-- Returns {now-ms, {{id, lane, token, attempt, deadline-ms, enqueued-ms, params, content-type,
-- author, sender, preview, job-id}...}}; absent fields are nil.
local function claim(_, args)
  local max, lease, refusal = claim_arguments(args)
  if refusal then
    return refusal
  end
  local now = now_ms()
  expire_leases(now, EXPIRE_PER_CLAIM)
  prune_idle(now, PRUNE_PER_CLAIM)
  return { now, claim_lanes(now, args[1], max, lease) }
end

-- FCALL <lib>_complete_and_claim 0 <worker-id> <max> <lease-ms|''> (<id> <token>)...
-- Completes the leases, then claims like <lib>_claim. Returns {now-ms, {status...}, {claim...}}.
local function complete_and_claim(_, args)
  local max, lease, refusal = claim_arguments(args)
  if refusal then
    return refusal
  end
  if #args % 2 ~= 1 or (#args - 3) / 2 > MAX_BATCH then
    return reject('BAD_REQUEST', 'expected worker-id max lease-ms, then up to ' .. MAX_BATCH .. ' pairs of item id and token')
  end
  local now = now_ms()
  local statuses = {}
  for i = 4, #args, 2 do
    statuses[#statuses + 1] = complete_one(now, args[i], args[i + 1])
  end
  expire_leases(now, EXPIRE_PER_CLAIM)
  prune_idle(now, PRUNE_PER_CLAIM)
  return { now, statuses, claim_lanes(now, args[1], max, lease) }
end

-- FCALL <lib>_complete 0 <id> <token>  ->  'completed' | 'lease_lost'
local function complete(_, args)
  if #args ~= 2 then
    return reject('BAD_REQUEST', 'expected item id and token')
  end
  return complete_one(now_ms(), args[1], args[2])
end

-- FCALL <lib>_heartbeat 0 <id> <token> [<lease-ms>]  ->  {'extended', deadline-ms} | {'lease_lost', now-ms}
local function heartbeat(_, args)
  local lease = lease_ms_of(args[3])
  if (#args ~= 2 and #args ~= 3) or not lease then
    return reject('BAD_REQUEST', 'expected item id, token and optionally a lease of '
        .. MIN_LEASE_MS .. ' to ' .. MAX_LEASE_MS .. ' ms')
  end
  local now = now_ms()
  local lane, key = held(args[1], args[2], now)
  if not lane then
    return { 'lease_lost', now }
  end
  local deadline = now + lease
  redis.call('HSET', key, 'dl', integer(deadline))
  redis.call('ZADD', LEASED, integer(deadline), lane)
  return { 'extended', deadline }
end

-- FCALL <lib>_fail 0 <id> <token> <error>
--   ->  {'retry', ready-at-ms, backoff-ms} | {'dead_lettered', now-ms} | {'lease_lost', now-ms}
local function fail(_, args)
  if #args ~= 3 then
    return reject('BAD_REQUEST', 'expected item id, token and error text')
  end
  local now = now_ms()
  local id = args[1]
  local lane, key = held(id, args[2], now)
  if not lane then
    return { 'lease_lost', now }
  end
  local error_text = cut(args[3], MAX_ERROR_BYTES)
  redis.call('ZREM', LEASED, lane)
  stat('inflight:' .. kind_of(lane), -1)
  local attempts = tonumber(redis.call('HGET', key, 'att'))
  if attempts >= MAX_ATTEMPTS then
    dead_letter(lane, id, error_text, now)
    return { 'dead_lettered', now }
  end
  release(key)
  redis.call('HSET', key, 'err', error_text)
  local backoff = backoff_ms(attempts)
  redis.call('ZADD', READY, integer(now + backoff), lane)
  return { 'retry', now + backoff, backoff }
end

-- FCALL <lib>_sweep 0  ->  {expired leases, pruned idle lanes}
local function sweep(_, _)
  local now = now_ms()
  return { expire_leases(now, SWEEP_LIMIT), prune_idle(now, SWEEP_LIMIT) }
end

-- FCALL_RO <lib>_dead_letters 0 <offset> <count>
--   ->  {total, {{id, lane, attempts, error, dead-ms, enqueued-ms, params, content-type, author,
--        sender, preview, job-id}...}}, oldest first
local function dead_letters(_, args)
  local offset, count = tonumber(args[1] or ''), count_of(args[2], MAX_BATCH)
  if not offset or offset < 0 or offset ~= math.floor(offset) or not count then
    return reject('BAD_REQUEST', 'expected offset (0 or more) and count (1 to ' .. MAX_BATCH .. ')')
  end
  local entries = {}
  for _, id in ipairs(redis.call('ZRANGE', DEAD, offset, offset + count - 1)) do
    local item = redis.call('HMGET', item_key(id), 'lane', 'att', 'err', 'dead', 'enq', 'params',
        'ctype', 'author', 'sender', 'preview', 'job')
    entries[#entries + 1] = { id, item[1], tonumber(item[2]), item[3], tonumber(item[4]), item[5],
      item[6], item[7], item[8], item[9], item[10], item[11] }
  end
  return { redis.call('ZCARD', DEAD), entries }
end

-- FCALL <lib>_redrive 0 <id>  ->  'redriven' | 'unknown_item'
-- The item goes to the tail of its lane (as SQS re-drives), with its attempts reset.
local function redrive(_, args)
  if #args ~= 1 then
    return reject('BAD_REQUEST', 'expected item id')
  end
  local id = args[1]
  if not redis.call('ZSCORE', DEAD, id) then
    return 'unknown_item'
  end
  local key = item_key(id)
  local lane = redis.call('HGET', key, 'lane')
  local now = now_ms()
  redis.call('ZREM', DEAD, id)
  redis.call('HDEL', key, 'dead')
  redis.call('HSET', key, 'att', '0')
  if redis.call('RPUSH', lane_key(lane), id) == 1 then
    lane_opened(lane, now)
  end
  stat('len:' .. kind_of(lane), 1)
  return 'redriven'
end

-- FCALL <lib>_discard 0 <id>  ->  'discarded' | 'unknown_item'
local function discard(_, args)
  if #args ~= 1 then
    return reject('BAD_REQUEST', 'expected item id')
  end
  if redis.call('ZREM', DEAD, args[1]) == 0 then
    return 'unknown_item'
  end
  redis.call('DEL', item_key(args[1]))
  return 'discarded'
end

-- FCALL_RO <lib>_snapshot 0 <after-lane|''> <lanes> <items-per-lane>
--   ->  {now-ms, next-after|'', {{lane, length, ready-at-ms|nil, in-flight-id|nil, worker|nil,
--        lease-deadline-ms|nil, claimed-ms|nil, {{id, enqueued-ms, content-type, author, sender,
--        preview, attempts, job-id}...}}...}}; lanes in name order, items head first.
local function snapshot(_, args)
  local after = args[1] or ''
  local count = count_of(args[2], MAX_SNAPSHOT_LANES)
  local per_lane = tonumber(args[3] or '')
  if #args ~= 3 or not count or not per_lane or per_lane < 0 or per_lane > MAX_SNAPSHOT_ITEMS then
    return reject('BAD_REQUEST', 'expected after-lane, lanes (1 to ' .. MAX_SNAPSHOT_LANES
        .. ') and items per lane (0 to ' .. MAX_SNAPSHOT_ITEMS .. ')')
  end
  local min = (after == '') and '-' or ('(' .. after)
  local names = redis.call('ZRANGE', LANES, min, '+', 'BYLEX', 'LIMIT', 0, count)
  local lanes = {}
  for _, lane in ipairs(names) do
    local list = lane_key(lane)
    local ids = redis.call('LRANGE', list, 0, math.max(per_lane, 1) - 1)
    local items = {}
    local head = {}
    for i = 1, #ids do
      -- One HMGET per item; the head's also tells whether it is in flight.
      local item = redis.call('HMGET', item_key(ids[i]), 'enq', 'ctype', 'author', 'sender', 'preview', 'att', 'job',
          'tok', 'worker', 'dl', 'claimed')
      if i == 1 then
        head = item
      end
      if i <= per_lane then
        items[i] = { ids[i], item[1], item[2], item[3], item[4], item[5], item[6], item[7] }
      end
    end
    local in_flight = head[8] and ids[1] or false
    local length = (#ids < math.max(per_lane, 1)) and #ids or redis.call('LLEN', list)
    local ready_at = (not in_flight and length > 0) and redis.call('ZSCORE', READY, lane) or false
    lanes[#lanes + 1] = { lane, length, ready_at, in_flight,
      in_flight and head[9], in_flight and head[10], in_flight and head[11], items }
  end
  local next_after = (#names == count) and names[#names] or ''
  return { now_ms(), next_after, lanes }
end

-- FCALL_RO <lib>_stats 0  ->  {now-ms, {field, value...} of queue:stats, dead letters, lanes}
local function stats(_, _)
  return { now_ms(), redis.call('HGETALL', STATS), redis.call('ZCARD', DEAD), redis.call('ZCARD', LANES) }
end

-- FCALL_RO <lib>_version 0  ->  the digest of this library's source
local function version(_, _)
  return VERSION
end

local function register(name, callback, read_only)
  local flags = read_only and { 'no-writes', 'no-cluster' } or { 'no-cluster' }
  redis.register_function{ function_name = '${library}_' .. name, callback = callback, flags = flags }
end

register('enqueue', enqueue)
register('claim', claim)
register('complete_and_claim', complete_and_claim)
register('complete', complete)
register('heartbeat', heartbeat)
register('fail', fail)
register('sweep', sweep)
register('dead_letters', dead_letters, true)
register('redrive', redrive)
register('discard', discard)
register('snapshot', snapshot, true)
register('stats', stats, true)
register('version', version, true)
