/**
 * Test support shared by every api integration test: {@link io.pneumatic.api.testing.HubIntegrationTest}
 * and the services behind it, chosen by {@code PNEUMATIC_TEST_SERVICES} ({@code auto}, {@code local},
 * {@code containers}; see {@link io.pneumatic.api.testing.TestServicesMode}).
 */
@NullMarked
package io.pneumatic.api.testing;

import org.jspecify.annotations.NullMarked;
