package io.pneumatic.realtime.internal.sse;

/**
 * A job event as it came live from the broker: the relay's headers and the envelope JSON, untouched.
 *
 * @param seq the event's sequence number (header {@code seq})
 * @param type the event type (header {@code event-type})
 * @param json the envelope, {@code {"stream":…,"seq":…,"type":…,"ts":…,"payload":{…}}}
 */
record LiveEvent(long seq, String type, byte[] json) {
}
