/**
 * The Pneumatic application: wiring of the realtime and queue-engine modules, REST, persistence
 * and the UI. Sub-packages hold one concept each ({@code jobs}, {@code database}, {@code web}…).
 */
@NullMarked
package io.pneumatic.api;

import org.jspecify.annotations.NullMarked;
