package io.pneumatic.realtime.internal.system;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The system status on {@code /topic/system}, under {@code pneumatic.system}.
 *
 * @param interval how often the status goes out (and every instance reports its health). Default: 5s.
 * @param gpuStaleAfter how long a GPU counts in the GPU stats after its last {@code gpu_update}. Default: 60s.
 */
@ConfigurationProperties("pneumatic.system")
@Validated
public record SystemStatusSettings(
		@DefaultValue("5s")
		@DurationMin(millis = 100, message = "must be at least 100ms: raise pneumatic.system.interval")
		Duration interval,
		@DefaultValue("60s")
		@DurationMin(seconds = 1, message = "must be at least 1s: raise pneumatic.system.gpu-stale-after")
		Duration gpuStaleAfter) {
}
