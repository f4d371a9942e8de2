package io.pneumatic.api.security;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ProductionGuardTests {

	@Test
	void refusesAnyOriginAndTheGuestBrokerAccount() {
		MockEnvironment defaults = new MockEnvironment().withProperty("pneumatic.broker.mode", "external");
		assertThatIllegalStateException().isThrownBy(() -> new ProductionGuard(defaults))
			.withMessageContaining("pneumatic.stomp.allowed-origins")
			.withMessageContaining("guest/guest");
	}

	@Test
	void acceptsNamedOriginsAndRealCredentials() {
		MockEnvironment configured = new MockEnvironment().withProperty("pneumatic.stomp.allowed-origins", "https://app.example.com")
			.withProperty("pneumatic.broker.mode", "external")
			.withProperty("pneumatic.broker.login", "hub")
			.withProperty("pneumatic.broker.passcode", "s3cret");
		assertThat(ProductionGuard.problems(configured)).isEmpty();
	}

	@Test
	void theEmbeddedBrokerNeedsNoCredentials() {
		MockEnvironment embedded = new MockEnvironment().withProperty("pneumatic.stomp.allowed-origins", "https://app.example.com");
		assertThat(ProductionGuard.problems(embedded)).isEmpty();
	}

}
