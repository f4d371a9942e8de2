/**
 * Channels (public, private, presence) and their members in PostgreSQL, their REST API under
 * {@code /api/v1/channels}, who is online over REST ({@code GET /api/v1/presence/{channel}}), and the
 * {@link io.pneumatic.realtime.ChannelMemberships} that the STOMP endpoint's rules ask.
 *
 * <h2>Invariants</h2>
 * <ul>
 * <li>{@code channels.member_count} is the number of the channel's rows in {@code channel_members} and
 * never exceeds {@code max_members}: a member is added and its seat taken (a conditional update of the
 * channel's row, which serializes concurrent joins) in one transaction, or neither.</li>
 * <li>A private channel does not exist for a caller who is not its member (404), admins excepted.</li>
 * </ul>
 */
@NullMarked
package io.pneumatic.api.channels;

import org.jspecify.annotations.NullMarked;
