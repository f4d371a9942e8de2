package io.pneumatic.api.delivery;

import io.pneumatic.api.testing.HubIntegrationTest;

/**
 * The ops delivery contract with an external broker: RabbitMQ with its STOMP plugin.
 */
@HubIntegrationTest(properties = "pneumatic.broker.mode=external")
class RabbitMqOpsDeliveryIntegrationTests extends OpsStreamDeliveryContract {

}
