package io.pneumatic.realtime.internal.consume;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The identity of this application instance, under {@code pneumatic}.
 *
 * @param instanceId the name of this instance in Redis consumer groups; unique per running instance.
 *     Default: {@code <host>-<pid>-<random>}.
 */
@ConfigurationProperties("pneumatic")
@Validated
public record InstanceSettings(
		@Pattern(regexp = "[A-Za-z0-9._:-]{1,128}",
				message = "must be 1 to 128 characters of [A-Za-z0-9._:-]: fix pneumatic.instance-id or leave it unset")
		String instanceId) {

	public InstanceSettings(@Nullable String instanceId) {
		this.instanceId = (instanceId == null || instanceId.isBlank()) ? generatedInstanceId() : instanceId;
	}

	private static String generatedInstanceId() {
		String host = hostName().replaceAll("[^A-Za-z0-9.-]", "");
		if (host.isEmpty()) {
			host = "host";
		}
		return host.substring(0, Math.min(host.length(), 64)) + "-" + ProcessHandle.current().pid() + "-"
				+ HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
	}

	private static String hostName() {
		String host = System.getenv("HOSTNAME");
		if (host != null && !host.isBlank()) {
			return host;
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "host";
		}
	}

}
