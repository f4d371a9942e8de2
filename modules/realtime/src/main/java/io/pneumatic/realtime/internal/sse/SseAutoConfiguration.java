package io.pneumatic.realtime.internal.sse;

import io.pneumatic.realtime.EventLog;
import io.pneumatic.realtime.JobOwnership;
import io.pneumatic.realtime.internal.broker.BrokerEndpoint;
import io.pneumatic.realtime.internal.broker.BrokerSettings;
import io.pneumatic.realtime.internal.stomp.StompSettings;
import io.pneumatic.realtime.internal.replay.ReplayOutcomes;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.TaskScheduler;
import tools.jackson.databind.json.JsonMapper;

/**
 * SSE job streams in the hub: the endpoint and the broker feed behind it. Needs the STOMP side (the
 * broker's address) and Spring Security, which puts the {@code ClientIdentity} on each request.
 */
@AutoConfiguration(afterName = "io.pneumatic.realtime.internal.stomp.StompHubAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.springframework.security.core.annotation.AuthenticationPrincipal")
@ConditionalOnBean({ BrokerEndpoint.class, EventLog.class })
@EnableConfigurationProperties(SseSettings.class)
public class SseAutoConfiguration {

	@Bean
	BrokerJobFeed brokerJobFeed(BrokerSettings broker, BrokerEndpoint endpoint, StompSettings stomp,
			@Qualifier("messageBrokerTaskScheduler") TaskScheduler scheduler) {
		return new BrokerJobFeed(broker, endpoint, scheduler, stomp.receiptTimeout());
	}

	@Bean
	JobStreamController jobStreamController(BrokerJobFeed feed, EventLog eventLog,
			ObjectProvider<JobOwnership> jobOwnership, JsonMapper jsonMapper, SseSettings settings,
			ReplayOutcomes outcomes) {
		return new JobStreamController(feed, eventLog, jobOwnership.getIfAvailable(() -> (jobId, userId) -> false),
				jsonMapper, settings, outcomes);
	}

}
