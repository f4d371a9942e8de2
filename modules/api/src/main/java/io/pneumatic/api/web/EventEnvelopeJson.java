package io.pneumatic.api.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.springframework.boot.jackson.JacksonMixin;

import io.pneumatic.realtime.EventEnvelope;

/**
 * Keeps the envelope on the wire to its five fields ({@code stream, seq, type, ts, payload}):
 * without this, Jackson also writes {@link EventEnvelope#isControl()} as {@code "control"}.
 */
@JacksonMixin(EventEnvelope.class)
@JsonIgnoreProperties("control")
abstract class EventEnvelopeJson {

}
