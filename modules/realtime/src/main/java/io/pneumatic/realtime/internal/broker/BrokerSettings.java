package io.pneumatic.realtime.internal.broker;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the STOMP broker is, under {@code pneumatic.broker}.
 *
 * @param mode {@code embedded} (default): an ActiveMQ Artemis broker inside the app, listening on
 *     loopback only; {@code external}: a broker at {@code host}:{@code port} shared by several app
 *     instances (RabbitMQ with its STOMP plugin, or Artemis)
 * @param host the broker host; default {@code 127.0.0.1}
 * @param port the broker's STOMP port; default {@code 61614} for the embedded broker (not 61613,
 *     which RabbitMQ's STOMP plugin holds on the same machine) and {@code 61613}, the STOMP port, for
 *     an external one
 * @param login the STOMP login; default {@code guest}
 * @param passcode the STOMP passcode; default {@code guest}
 * @param virtualHost the STOMP {@code host} header, RabbitMQ's virtual host; default {@code /}
 */
@ConfigurationProperties("pneumatic.broker")
@Validated
public record BrokerSettings(
		@NotNull(message = "pneumatic.broker.mode must be 'embedded' or 'external'") @DefaultValue("embedded") Mode mode,
		@NotBlank(message = "pneumatic.broker.host must name the broker host, e.g. 127.0.0.1") @DefaultValue("127.0.0.1") String host,
		@Min(value = 0, message = "pneumatic.broker.port must be a TCP port (1-65535), or 0 for a free one (embedded only)")
		@Max(value = 65535, message = "pneumatic.broker.port must be a TCP port (1-65535)") @Nullable Integer port,
		@DefaultValue("guest") String login,
		@DefaultValue("guest") String passcode,
		@DefaultValue("/") String virtualHost) {

	/** The broker's STOMP port: the configured one, else the default of the mode. */
	public int stompPort() {
		if (this.port != null) {
			return this.port;
		}
		return (this.mode == Mode.EMBEDDED) ? 61614 : 61613;
	}

	/** Which broker the relay talks to. */
	public enum Mode {

		/** ActiveMQ Artemis inside the app, on loopback. */
		EMBEDDED,

		/** A broker of its own, shared by app instances. */
		EXTERNAL

	}

}
