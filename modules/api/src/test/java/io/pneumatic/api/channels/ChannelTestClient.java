package io.pneumatic.api.channels;

import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The REST side of channels and presence as a client sees it, on one hub instance.
 */
final class ChannelTestClient {

	private final RestClient http;

	ChannelTestClient(int port) {
		this.http = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + port + "/api/v1")
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

	/** A fresh channel id, so that tests sharing a database never meet. */
	static String newChannelId(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/** Creates a channel and fails unless it was created. */
	void create(String id, String kind, int maxMembers, String token) {
		ResponseEntity<JsonNode> created = post("/channels",
				"{\"id\":\"" + id + "\",\"kind\":\"" + kind + "\",\"max_members\":" + maxMembers + "}", token);
		if (created.getStatusCode().value() != 201) {
			throw new IllegalStateException("channel " + id + " not created: " + created);
		}
	}

	ResponseEntity<JsonNode> post(String path, String body, String token) {
		return this.http.post().uri(path).header("Authorization", "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(JsonNode.class);
	}

	ResponseEntity<JsonNode> get(String path, String token) {
		return this.http.get().uri(path).header("Authorization", "Bearer " + token).retrieve().toEntity(JsonNode.class);
	}

}
