-- Raises a job's sequence number after Redis lost its data; never lowers it.
-- KEYS[1] jobs:{<jobId>}:meta; ARGV[1] the archive's last seq, ARGV[2] the seq to continue from,
-- ARGV[3] '1' when the job is finished, ARGV[4] the tombstone TTL in seconds.
-- Returns 1 when the job was restored, 0 when Redis still held a seq at least as high as the archive's.
local current = tonumber(redis.call('HGET', KEYS[1], 'seq'))
if current and current >= tonumber(ARGV[1]) then
  return 0
end
redis.call('HSET', KEYS[1], 'seq', ARGV[2])
if ARGV[3] == '1' then
  redis.call('HSET', KEYS[1], 'done', '1')
  redis.call('EXPIRE', KEYS[1], ARGV[4])
end
return 1
