package io.pneumatic.sim.demo;

import java.time.Duration;

/**
 * One step of a {@link JobScript}: wait {@code delay}, then publish {@code event}.
 *
 * @param delay how long to wait after the previous step
 * @param event the event to publish
 */
record ScriptStep(Duration delay, JobEvent event) {
}
