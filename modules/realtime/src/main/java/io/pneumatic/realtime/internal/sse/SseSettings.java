package io.pneumatic.realtime.internal.sse;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The SSE job streams ({@code GET /api/v1/jobs/{id}/stream}), under {@code pneumatic.sse}.
 *
 * @param keepalive how long a stream may stay silent before the hub writes a {@code : keepalive}
 *     comment, so that proxies keep it open and a vanished client is noticed; default {@code 15s}
 * @param bufferSize live events that may wait for one slow client; one more and its stream is ended
 *     (it resumes with {@code Last-Event-ID}); default {@code 1000}
 */
@ConfigurationProperties("pneumatic.sse")
@Validated
public record SseSettings(
		@DefaultValue("15s")
		@DurationMin(millis = 10, message = "must be at least 10ms: raise pneumatic.sse.keepalive")
		Duration keepalive,
		@DefaultValue("1000")
		@Min(value = 1, message = "must be at least 1: raise pneumatic.sse.buffer-size")
		int bufferSize) {
}
