package io.pneumatic.queue;

import java.util.List;

/**
 * A page of the dead-letter list, oldest first.
 *
 * @param total how many items the whole list holds
 * @param items the page
 */
public record DeadLetters(long total, List<DeadLetter> items) {

	public DeadLetters {
		items = List.copyOf(items);
	}

}
