package io.pneumatic.realtime.internal.log;

import io.lettuce.core.RedisCommandExecutionException;
import org.junit.jupiter.api.Test;

import io.pneumatic.realtime.EventRejectedException;
import io.pneumatic.realtime.EventRejectedException.Reason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PublishRefusalTests {

	@Test
	void readsReasonAndMessageOfARefusal() {
		EventRejectedException rejection = PublishRefusal
			.toRejection(new RedisCommandExecutionException("ERR MISSING_FIELD token requires payload field \"text\""));

		assertThat(rejection.reason()).isEqualTo(Reason.MISSING_FIELD);
		assertThat(rejection).hasMessage("token requires payload field \"text\"");
	}

	@Test
	void aMissingFunctionMeansNotReady() {
		assertThat(PublishRefusal.toRejection(new RedisCommandExecutionException("ERR Function not found")).reason())
			.isEqualTo(Reason.NOT_READY);
	}

	@Test
	void otherErrorsAreNoRefusals() {
		RedisCommandExecutionException error = new RedisCommandExecutionException("ERR SOMETHING_ELSE went wrong");

		assertThatExceptionOfType(RedisCommandExecutionException.class).isThrownBy(() -> PublishRefusal.toRejection(error))
			.isSameAs(error);
	}

}
