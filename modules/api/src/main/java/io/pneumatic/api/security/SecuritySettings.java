package io.pneumatic.api.security;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the hub validates tokens, under {@code pneumatic.security}: set exactly one of
 * {@code jwt.issuer-uri}, {@code jwt.jwk-set-uri} (production) or {@code jwt.secret} (development only).
 *
 * @param jwt the token source and claims
 */
@ConfigurationProperties("pneumatic.security")
@Validated
public record SecuritySettings(@DefaultValue Jwt jwt) {

	/**
	 * @param issuerUri the OpenID issuer whose keys sign tokens; tokens must name it as {@code iss}
	 * @param jwkSetUri the JWK set whose keys sign tokens (when the issuer has no discovery document)
	 * @param secret an HS256 shared secret of at least 32 bytes; development only, refused with the {@code prod} profile
	 * @param rolesClaim the claim that lists the user's roles; default {@code roles}
	 * @param permissionsClaim the claim that lists extra permissions; default {@code permissions}
	 * @param clockSkew how far token timestamps may be off; default {@code 30s}
	 */
	public record Jwt(@Nullable String issuerUri, @Nullable String jwkSetUri, @Nullable String secret,
			@DefaultValue("roles") String rolesClaim, @DefaultValue("permissions") String permissionsClaim,
			@DefaultValue("30s") Duration clockSkew) {
	}

}
