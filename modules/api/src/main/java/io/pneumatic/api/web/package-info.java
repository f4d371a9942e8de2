/**
 * What every REST endpoint shares: errors as RFC 9457 problem details with a {@code code}.
 */
@NullMarked
package io.pneumatic.api.web;

import org.jspecify.annotations.NullMarked;
