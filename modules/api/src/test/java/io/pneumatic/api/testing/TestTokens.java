package io.pneumatic.api.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Tokens for tests, signed with the development secret of {@code application-dev.yml} (the
 * {@code test} profile includes {@code dev}), as a real identity provider would sign them.
 */
public final class TestTokens {

	private static final String SECRET_PROPERTY = "pneumatic.security.jwt.secret";

	private static final NimbusJwtEncoder encoder = NimbusJwtEncoder.withSecretKey(
			new SecretKeySpec(devSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256")).build();

	private TestTokens() {
	}

	/** A token of {@code user} with {@code roles}, valid for an hour. */
	public static String of(String user, String... roles) {
		return valid(user, Instant.now().minusSeconds(5), Instant.now().plus(Duration.ofHours(1)), roles);
	}

	/** A moderator's token: every job stream is open to it. */
	public static String moderator() {
		return of("test-moderator", "moderator");
	}

	/** A token of {@code user} valid from {@code notBefore} until {@code expiresAt}. */
	public static String valid(String user, Instant notBefore, Instant expiresAt, String... roles) {
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.subject(user)
			.issuedAt(notBefore)
			.notBefore(notBefore)
			.expiresAt(expiresAt)
			.claim("roles", List.of(roles))
			.build();
		return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims)).getTokenValue();
	}

	/** The development secret the hub of the tests validates tokens with. */
	public static String devSecret() {
		YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
		yaml.setResources(new ClassPathResource("application-dev.yml"));
		Properties properties = yaml.getObject();
		String secret = (properties != null) ? properties.getProperty(SECRET_PROPERTY) : null;
		if (secret == null) {
			throw new IllegalStateException("application-dev.yml does not set " + SECRET_PROPERTY);
		}
		return secret;
	}

}
