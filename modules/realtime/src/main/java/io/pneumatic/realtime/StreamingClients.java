package io.pneumatic.realtime;

import java.util.List;

/**
 * What this instance knows about its STOMP clients and the critical events they missed.
 */
public interface StreamingClients {

	/** This instance's name ({@code pneumatic.instance-id}). */
	String instanceId();

	/** The clients connected to this instance, oldest connection first. */
	List<ConnectedClient> clients();

	/** The most recent undelivered critical events, across instances, newest first. */
	List<UndeliveredEvent> undelivered(int limit);

}
