package io.pneumatic.api.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Development only: issues tokens signed with the development secret, for the demo UI, worker-sim's
 * load client and manual testing. It exists with the {@code dev} profile alone and never next to
 * {@code prod}.
 */
@RestController
@RequestMapping("/api/v1/dev/tokens")
@Profile("dev & !prod")
class DevTokenController {

	private static final Set<String> ROLES = Set.of("citizen", "moderator", "operator", "admin", "worker");

	private final JwtEncoder encoder;

	DevTokenController(SecuritySettings settings) {
		String secret = settings.jwt().secret();
		if (secret == null) {
			throw new IllegalStateException("The dev profile issues tokens with pneumatic.security.jwt.secret: set it");
		}
		this.encoder = NimbusJwtEncoder.withSecretKey(SecurityConfiguration.secretKey(secret)).build();
	}

	@PostMapping
	DevToken issue(@RequestBody @Valid TokenRequest request) {
		for (String role : request.roles()) {
			if (!ROLES.contains(role)) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "unknown role " + role + "; roles are " + ROLES);
			}
		}
		Instant now = Instant.now();
		Instant expiresAt = now.plus(Duration.ofSeconds((request.ttlSeconds() != null) ? request.ttlSeconds() : 3600));
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.subject(request.user())
			.issuedAt(now)
			.expiresAt(expiresAt)
			.claim("roles", request.roles())
			.build();
		String token = this.encoder
			.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
			.getTokenValue();
		return new DevToken(token, expiresAt);
	}

	/**
	 * @param user the subject
	 * @param roles its roles
	 * @param ttlSeconds how long the token lives; default one hour
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record TokenRequest(@Pattern(regexp = "[A-Za-z0-9_.@-]{1,64}") String user, @NotEmpty List<String> roles,
			@Nullable @Min(1) @Max(86400) Long ttlSeconds) {
	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record DevToken(String token, Instant expiresAt) {
	}

}
