package io.pneumatic.sim.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bearer tokens of the benchmark's STOMP connections and SSE streams: the configured one for all,
 * or else one per connection or stream (each its own user, so per-user rate limits apply as they would to real browsers) from
 * the hub's development-only token endpoint, which a hub run with its {@code dev} profile has.
 */
public final class HubTokens {

	private final URI tokenEndpoint;

	private final @Nullable String configured;

	private final JsonMapper json;

	private final HttpClient http = HttpClient.newHttpClient();

	/**
	 * @param httpUrl the hub's HTTP address, {@code http://host:port}
	 */
	public HubTokens(URI httpUrl, @Nullable String configured, JsonMapper json) {
		this.tokenEndpoint = httpUrl.resolve("/api/v1/dev/tokens");
		this.configured = configured;
		this.json = json;
	}

	/** The token of connection or stream {@code index}. */
	public String tokenFor(String runId, int index) {
		if (this.configured != null) {
			return this.configured;
		}
		String body = "{\"user\":\"load-" + runId + "-" + index + "\",\"roles\":[\"moderator\"]}";
		HttpRequest request = HttpRequest.newBuilder(this.tokenEndpoint)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("POST " + this.tokenEndpoint + " answered " + response.statusCode()
						+ ": run the hub with its dev profile, or pass --token=<bearer token>");
			}
			return this.json.readTree(response.body()).get("token").asString();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot reach " + this.tokenEndpoint + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while fetching a token", ex);
		}
	}

}
