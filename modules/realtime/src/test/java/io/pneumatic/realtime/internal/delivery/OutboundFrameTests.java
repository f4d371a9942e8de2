package io.pneumatic.realtime.internal.delivery;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutboundFrameTests {

	@Test
	void readsTheCommandAndHeadersButNotTheBody() {
		OutboundFrame frame = OutboundFrame.parse(
				"MESSAGE\ndestination:/topic/jobs.42\nseq:7\nseq:8\ncritical:true\n\n{\"a\":\"x:y\\nseq:9\"}\0");
		assertThat(frame.command()).isEqualTo("MESSAGE");
		assertThat(frame.isMessage()).isTrue();
		assertThat(frame.header("destination")).isEqualTo("/topic/jobs.42");
		assertThat(DeliveryHeaders.seq(frame)).as("the first of repeated headers wins").isEqualTo(7);
		assertThat(frame.header("a")).isNull();
	}

	@Test
	void readsFramesWithCarriageReturns() {
		OutboundFrame frame = OutboundFrame.parse("RECEIPT\r\nreceipt-id:r-1\r\n\r\n\0");
		assertThat(frame.command()).isEqualTo("RECEIPT");
		assertThat(frame.header("receipt-id")).isEqualTo("r-1");
	}

	@Test
	void endOfLinesAloneAreAHeartBeat() {
		assertThat(OutboundFrame.parse("\n").isHeartbeat()).isTrue();
		assertThat(OutboundFrame.parse("\r\n").isHeartbeat()).isTrue();
	}

	@Test
	void anAddedHeaderComesFirstAndWins() {
		OutboundFrame frame = OutboundFrame.parse("MESSAGE\nack-id:old\n\nbody\0").withHeader("ack-id", "new");
		assertThat(frame.text()).isEqualTo("MESSAGE\nack-id:new\nack-id:old\n\nbody\0");
		assertThat(OutboundFrame.parse(frame.text()).header("ack-id")).isEqualTo("new");
	}

	@Test
	void onlyTelemetryFamiliesMayBeDropped() {
		assertThat(StreamFamily.of("/topic/ops.eu.prod.metric_update").droppable()).isTrue();
		assertThat(StreamFamily.of("/topic/system").droppable()).isTrue();
		assertThat(StreamFamily.of("/topic/queues.previews").droppable()).isTrue();
		assertThat(StreamFamily.of("/topic/jobs.42").droppable()).isFalse();
		assertThat(StreamFamily.of("/topic/channels.general").droppable()).isFalse();
		assertThat(StreamFamily.of("/user/queue/errors").droppable()).isFalse();
		assertThat(StreamFamily.of(null).droppable()).isFalse();
	}

}
