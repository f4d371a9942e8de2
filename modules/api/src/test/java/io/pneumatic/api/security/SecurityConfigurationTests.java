package io.pneumatic.api.security;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SecurityConfigurationTests {

	private static final String SECRET = "a-secret-of-at-least-thirty-two-bytes-long";

	private final SecurityConfiguration configuration = new SecurityConfiguration();

	@Test
	void refusesTheSharedSecretWithTheProductionProfile() {
		MockEnvironment production = new MockEnvironment();
		production.setActiveProfiles("prod");
		assertThatIllegalStateException().isThrownBy(() -> this.configuration.jwtDecoder(settings(null, SECRET), production))
			.withMessageContaining("development only")
			.withMessageContaining("issuer-uri");
	}

	@Test
	void acceptsTheSharedSecretInDevelopment() {
		assertThat(this.configuration.jwtDecoder(settings(null, SECRET), new MockEnvironment())).isNotNull();
	}

	@Test
	void acceptsAnIssuerInProduction() {
		MockEnvironment production = new MockEnvironment();
		production.setActiveProfiles("prod");
		assertThat(this.configuration.jwtDecoder(settings("https://login.example.com", null), production)).isNotNull();
	}

	@Test
	void needsExactlyOneTokenSource() {
		assertThatIllegalStateException().isThrownBy(() -> this.configuration.jwtDecoder(settings(null, null), new MockEnvironment()))
			.withMessageContaining("0 are set");
		assertThatIllegalStateException()
			.isThrownBy(() -> this.configuration.jwtDecoder(settings("https://login.example.com", SECRET), new MockEnvironment()))
			.withMessageContaining("2 are set");
	}

	@Test
	void refusesAShortSecret() {
		assertThatIllegalStateException().isThrownBy(() -> this.configuration.jwtDecoder(settings(null, "short"), new MockEnvironment()))
			.withMessageContaining("at least 32 bytes");
	}

	private static SecuritySettings settings(String issuer, String secret) {
		return new SecuritySettings(new SecuritySettings.Jwt(issuer, null, secret, "roles", "permissions", Duration.ofSeconds(30)));
	}

}
