#!lua name=presence
--
-- Pneumatic presence and channel events (docs/presence.md). Loaded by PresenceFunctionLibrary with
-- FUNCTION LOAD REPLACE; do not edit it in Redis. Every function names its keys itself (0 keys), so
-- it needs a standalone or Sentinel Redis, as the event log does. Time is Redis time (TIME), so the
-- clocks of app instances and workers never matter.
--
--   FCALL presence_announce 0 <channel> <connection> <entity-json> <lease-ms>   -> joined | updated | renewed
--   FCALL presence_renew    0 <channel> <connection> <lease-ms>                 -> 1, or 0 when the lease is gone
--   FCALL presence_leave    0 <channel> <connection>                            -> 1, or 0 when it was not present
--   FCALL presence_sweep    0 <channel>                                         -> expired connections removed
--   FCALL channel_publish   0 <stream> <type> <payload-json>                    -> seq
--   FCALL presence_relay_lease 0 <holder> <lease-ms>                            -> 1 when <holder> holds the lease
--
-- An entity is {"type":"user|agent|service","id":"…","status":"…","capabilities":[…]}; it is online in a
-- channel while at least one of its connections holds an unexpired lease. join, status and leave events
-- are appended to the stream presence:events with the next seq of their stream (presence.<channel>).

local EVENTS = 'presence:events'
local CHANNELS = 'presence:channels'
local MAX_EVENTS = 10000
local SWEEP_CHUNK = 500
local TYPES = { user = true, agent = true, service = true }
local NAME = '^[A-Za-z0-9_-]+$'

local function reject(reason, message)
  return redis.error_reply('ERR ' .. reason .. ' ' .. message)
end

local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

local function key(channel, part)
  return 'presence:{' .. channel .. '}:' .. part
end

local function valid_channel(channel)
  return type(channel) == 'string' and #channel >= 1 and #channel <= 64 and string.match(channel, NAME) ~= nil
end

-- Appends one event of <stream> with the stream's next seq; the payload is JSON text.
local function emit(stream, event_type, payload_json)
  local seq = redis.call('INCR', 'presence:seq:' .. stream)
  redis.call('XADD', EVENTS, 'MAXLEN', '~', MAX_EVENTS, '*',
    'stream', stream, 'seq', seq, 'type', event_type, 'ts', now_ms(), 'payload', payload_json)
  return seq
end

local function online(channel)
  return redis.call('HLEN', key(channel, 'entities'))
end

-- Removes a connection whose lease is already gone from the leases; the last connection of an entity takes it offline.
local function drop(channel, connection, reason)
  local entity = redis.call('HGET', key(channel, 'conns'), connection)
  redis.call('HDEL', key(channel, 'conns'), connection)
  if redis.call('ZCARD', key(channel, 'leases')) == 0 then
    redis.call('SREM', CHANNELS, channel)
  end
  if not entity then
    return
  end
  if redis.call('HINCRBY', key(channel, 'counts'), entity, -1) > 0 then
    return
  end
  redis.call('HDEL', key(channel, 'counts'), entity)
  local info = redis.call('HGET', key(channel, 'entities'), entity)
  redis.call('HDEL', key(channel, 'entities'), entity)
  if info then
    emit('presence.' .. channel, 'leave',
      '{"entity":' .. info .. ',"reason":"' .. reason .. '","online":' .. online(channel) .. '}')
  end
end

local function announce(keys, args)
  local channel, connection, info_json, lease = args[1], args[2], args[3], tonumber(args[4])
  if not valid_channel(channel) then
    return reject('INVALID_CHANNEL', 'a channel id is 1 to 64 characters of A-Z, a-z, 0-9, _ and -')
  end
  if type(connection) ~= 'string' or #connection < 1 or #connection > 200 then
    return reject('INVALID_CONNECTION', 'a connection id is 1 to 200 characters')
  end
  if not lease or lease < 1 then
    return reject('INVALID_LEASE', 'the lease is a positive number of milliseconds')
  end
  local ok, info = pcall(cjson.decode, info_json or '')
  if not ok or type(info) ~= 'table' or not TYPES[info.type] or type(info.id) ~= 'string' or #info.id == 0
      or #info.id > 128 or type(info.status) ~= 'string' or #info.status == 0 or #info.status > 32 then
    return reject('INVALID_ENTITY', 'the entity is {"type":"user|agent|service","id":"…","status":"…","capabilities":[…]}')
  end
  local entity = info.type .. ':' .. info.id
  local existing = redis.call('HGET', key(channel, 'conns'), connection)
  if existing and existing ~= entity then
    return reject('INVALID_CONNECTION', 'the connection belongs to another entity')
  end
  redis.call('ZADD', key(channel, 'leases'), now_ms() + lease, connection)
  redis.call('SADD', CHANNELS, channel)
  if not existing then
    redis.call('HSET', key(channel, 'conns'), connection, entity)
    if redis.call('HINCRBY', key(channel, 'counts'), entity, 1) == 1 then
      redis.call('HSET', key(channel, 'entities'), entity, info_json)
      emit('presence.' .. channel, 'join', '{"entity":' .. info_json .. ',"online":' .. online(channel) .. '}')
      return 'joined'
    end
  end
  if redis.call('HGET', key(channel, 'entities'), entity) ~= info_json then
    redis.call('HSET', key(channel, 'entities'), entity, info_json)
    emit('presence.' .. channel, 'status', '{"entity":' .. info_json .. ',"online":' .. online(channel) .. '}')
    return 'updated'
  end
  return 'renewed'
end

local function renew(keys, args)
  local channel, connection, lease = args[1], args[2], tonumber(args[3])
  if not valid_channel(channel) or not lease or lease < 1 then
    return reject('INVALID_ARGUMENTS', 'presence_renew takes <channel> <connection> <lease-ms>')
  end
  if not redis.call('ZSCORE', key(channel, 'leases'), connection) then
    return 0
  end
  redis.call('ZADD', key(channel, 'leases'), 'XX', now_ms() + lease, connection)
  return 1
end

local function leave(keys, args)
  local channel, connection = args[1], args[2]
  if not valid_channel(channel) then
    return reject('INVALID_CHANNEL', 'a channel id is 1 to 64 characters of A-Z, a-z, 0-9, _ and -')
  end
  if redis.call('ZREM', key(channel, 'leases'), connection) == 0 then
    return 0
  end
  drop(channel, connection, 'left')
  return 1
end

-- ZREM decides who removes an expired connection: its leave is announced exactly once, whoever sweeps.
local function sweep(keys, args)
  local channel = args[1]
  if not valid_channel(channel) then
    return reject('INVALID_CHANNEL', 'a channel id is 1 to 64 characters of A-Z, a-z, 0-9, _ and -')
  end
  local expired = redis.call('ZRANGEBYSCORE', key(channel, 'leases'), '-inf', now_ms(), 'LIMIT', 0, SWEEP_CHUNK)
  local removed = 0
  for _, connection in ipairs(expired) do
    if redis.call('ZREM', key(channel, 'leases'), connection) == 1 then
      drop(channel, connection, 'timeout')
      removed = removed + 1
    end
  end
  return removed
end

local function publish(keys, args)
  local stream, event_type, payload_json = args[1], args[2], args[3]
  local family, channel = string.match(stream or '', '^(%a+)%.(.+)$')
  if (family ~= 'channels' and family ~= 'presence') or not valid_channel(channel) then
    return reject('INVALID_STREAM', 'the stream is channels.<channel> or presence.<channel>')
  end
  if type(event_type) ~= 'string' or not string.match(event_type, '^[a-z][a-z0-9_]*$') then
    return reject('INVALID_TYPE', 'the type is lower snake case')
  end
  local ok, payload = pcall(cjson.decode, payload_json or '')
  if not ok or type(payload) ~= 'table' or not string.match(payload_json, '^%s*{') then
    return reject('INVALID_PAYLOAD', 'the payload is a JSON object')
  end
  return emit(stream, event_type, payload_json)
end

local function relay_lease(keys, args)
  local holder, lease = args[1], args[2]
  local current = redis.call('GET', 'presence:relay:holder')
  if current == false or current == holder then
    redis.call('SET', 'presence:relay:holder', holder, 'PX', lease)
    return 1
  end
  return 0
end

redis.register_function('presence_announce', announce)
redis.register_function('presence_renew', renew)
redis.register_function('presence_leave', leave)
redis.register_function('presence_sweep', sweep)
redis.register_function('channel_publish', publish)
redis.register_function('presence_relay_lease', relay_lease)
