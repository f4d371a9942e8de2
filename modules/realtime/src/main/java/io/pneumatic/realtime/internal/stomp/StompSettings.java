package io.pneumatic.realtime.internal.stomp;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The STOMP endpoint, under {@code pneumatic.stomp}.
 *
 * @param endpoint the endpoint path; default {@code /ws} (SockJS there, plain WebSocket at {@code /ws/websocket})
 * @param allowedOrigins origin patterns allowed to open the endpoint from a browser; default {@code *}
 *     (development: restrict it in production)
 * @param maxFrameSize the largest STOMP frame a client may send; default {@code 65KB} (64 KiB of body plus headers)
 * @param receiptTimeout how long the relay waits for the broker's RECEIPT before it retries a batch; default {@code 10s}
 */
@ConfigurationProperties("pneumatic.stomp")
@Validated
public record StompSettings(
		@Pattern(regexp = "/[A-Za-z0-9/_-]*", message = "pneumatic.stomp.endpoint must be a path such as /ws") @DefaultValue("/ws") String endpoint,
		@NotEmpty(message = "pneumatic.stomp.allowed-origins must list at least one origin pattern") @DefaultValue("*") List<String> allowedOrigins,
		@DefaultValue("65KB") DataSize maxFrameSize,
		@DefaultValue("10s") Duration receiptTimeout) {
}
