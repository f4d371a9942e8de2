package io.pneumatic.sim.ops;

import java.util.Map;

/**
 * One ops event to publish.
 *
 * @param cluster the cluster
 * @param namespace the namespace
 * @param type the ops event type
 * @param payload the payload fields, in order
 */
record OpsEvent(String cluster, String namespace, String type, Map<String, Object> payload) {
}
