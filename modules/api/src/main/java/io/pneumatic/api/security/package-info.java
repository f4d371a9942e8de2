/**
 * Identity: bearer tokens for REST and STOMP, their claims as a
 * {@link io.pneumatic.realtime.ClientIdentity}, and the development-only token endpoint.
 */
@NullMarked
package io.pneumatic.api.security;

import org.jspecify.annotations.NullMarked;
