package io.pneumatic.api.delivery;

import io.pneumatic.api.testing.HubIntegrationTest;

/**
 * The ops delivery contract with the default broker: ActiveMQ Artemis embedded in the app.
 */
@HubIntegrationTest
class EmbeddedArtemisOpsDeliveryIntegrationTests extends OpsStreamDeliveryContract {

}
