package io.pneumatic.api.security;

import java.nio.charset.StandardCharsets;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import io.pneumatic.realtime.ClientAuthenticator;

/**
 * Identity for REST and STOMP alike: bearer tokens (JWT) from an issuer or JWK set in production, or
 * signed with a shared HS256 secret in development. REST under {@code /api/**} needs a token (SSE job
 * streams also take it as {@code ?access_token=}, for browsers);
 * health probes and the UI's static files do not; the STOMP endpoint checks tokens itself (its
 * handshake may carry none, its CONNECT frame then must).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecuritySettings.class)
class SecurityConfiguration {

	static final String PRODUCTION = "prod";

	private static final int MIN_SECRET_BYTES = 32;

	private static final String SSE_STREAMS = "/api/v1/jobs/*/stream";

	@Bean
	JwtDecoder jwtDecoder(SecuritySettings settings, Environment environment) {
		SecuritySettings.Jwt jwt = settings.jwt();
		int sources = count(jwt.issuerUri()) + count(jwt.jwkSetUri()) + count(jwt.secret());
		if (sources != 1) {
			throw new IllegalStateException("Set exactly one of pneumatic.security.jwt.issuer-uri, jwk-set-uri "
					+ "(production) or secret (development only); " + sources + " are set");
		}
		OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(
				new JwtTimestampValidator(jwt.clockSkew()),
				new JwtClaimValidator<String>(JwtClaimNames.SUB, subject -> subject != null && !subject.isBlank()));
		if (jwt.issuerUri() != null) {
			OAuth2TokenValidator<Jwt> withIssuer = new DelegatingOAuth2TokenValidator<>(validator,
					new JwtIssuerValidator(jwt.issuerUri()));
			// Resolved on first use: the hub starts while the identity provider is unreachable.
			return new SupplierJwtDecoder(() -> validated(NimbusJwtDecoder.withIssuerLocation(jwt.issuerUri()).build(), withIssuer));
		}
		if (jwt.jwkSetUri() != null) {
			return validated(NimbusJwtDecoder.withJwkSetUri(jwt.jwkSetUri()).build(), validator);
		}
		if (environment.acceptsProfiles(Profiles.of(PRODUCTION))) {
			throw new IllegalStateException("pneumatic.security.jwt.secret is for development only and is refused "
					+ "with the prod profile: set pneumatic.security.jwt.issuer-uri or jwk-set-uri");
		}
		return validated(NimbusJwtDecoder.withSecretKey(secretKey(jwt.secret())).macAlgorithm(MacAlgorithm.HS256).build(),
				validator);
	}

	private static JwtDecoder validated(NimbusJwtDecoder decoder, OAuth2TokenValidator<Jwt> validator) {
		decoder.setJwtValidator(validator);
		return decoder;
	}

	@Bean
	ClientIdentities clientIdentities(SecuritySettings settings) {
		return new ClientIdentities(settings.jwt());
	}

	@Bean
	ClientAuthenticator clientAuthenticator(JwtDecoder jwtDecoder, ClientIdentities identities) {
		return new JwtClientAuthenticator(jwtDecoder, identities);
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, ClientIdentities identities) {
		return http
			.authorizeHttpRequests(requests -> requests
				.requestMatchers("/actuator/health/**", "/actuator/info").permitAll()
				.requestMatchers("/actuator/**").hasAnyRole("operator", "admin")
				.requestMatchers("/api/v1/dev/**").permitAll()
				.requestMatchers("/api/v1/queues/dead-letters/**").hasAnyRole("operator", "admin")
				.requestMatchers("/api/v1/streaming/clients").hasRole("admin")
				.requestMatchers(HttpMethod.POST, "/api/v1/streaming/broadcast").hasAnyRole("worker", "admin")
				.requestMatchers("/api/v1/streaming/**").hasAnyRole("operator", "admin")
				.requestMatchers("/api/**").authenticated()
				.anyRequest().permitAll())
			.oauth2ResourceServer(resourceServer -> resourceServer
				.bearerTokenResolver(bearerTokens())
				.jwt(jwt -> jwt.jwtAuthenticationConverter(token -> new ClientIdentityAuthentication(identities.of(token))))
				.authenticationEntryPoint(new ProblemEntryPoint()))
			.exceptionHandling(exceptions -> exceptions.accessDeniedHandler(new ProblemEntryPoint()))
			.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			// Bearer tokens only, never cookies: there is no session for a forged request to ride on.
			.csrf(csrf -> csrf.disable())
			.build();
	}

	/**
	 * Bearer tokens come in the {@code Authorization} header; on SSE job streams also as the
	 * {@code access_token} query parameter, since a browser's {@code EventSource} cannot set headers.
	 */
	static BearerTokenResolver bearerTokens() {
		DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();
		DefaultBearerTokenResolver headerOrQuery = new DefaultBearerTokenResolver();
		headerOrQuery.setAllowUriQueryParameter(true);
		RequestMatcher sseStreams = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, SSE_STREAMS);
		return request -> sseStreams.matches(request) ? headerOrQuery.resolve(request) : header.resolve(request);
	}

	static SecretKey secretKey(String secret) {
		byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
		if (bytes.length < MIN_SECRET_BYTES) {
			throw new IllegalStateException("pneumatic.security.jwt.secret must be at least " + MIN_SECRET_BYTES
					+ " bytes for HS256");
		}
		return new SecretKeySpec(bytes, "HmacSHA256");
	}

	private static int count(String value) {
		return (value != null && !value.isBlank()) ? 1 : 0;
	}

}
