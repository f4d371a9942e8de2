import { Client, type IFrame } from '@stomp/stompjs';
import SockJS from 'sockjs-client';

import { accessToken } from './auth';

/** Where the hub's STOMP endpoint lives (SockJS), relative to the page. */
export const STOMP_ENDPOINT = '/ws';

export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

export interface ResumableSubscriptionOptions {
  /** The STOMP destination, e.g. `/topic/jobs.42`. */
  destination: string;
  /** The `last-seq` header to send on every (re)subscribe: the highest seq the caller has. */
  lastSeq: () => number;
  /** Called with each MESSAGE body, in arrival order. */
  onMessage: (body: string) => void;
  onStateChange: (state: ConnectionState) => void;
}

const RECONNECT_DELAY_MS = 2000;
const HEARTBEAT_MS = 10000;

/**
 * Opens a STOMP connection over SockJS and keeps one subscription on it. After a dropped
 * connection it reconnects and subscribes again with `last-seq` = the caller's highest seq, so the
 * hub replays exactly what was missed. Returns a function that closes the connection.
 */
export function subscribeResumable(options: ResumableSubscriptionOptions): () => void {
  const { destination, lastSeq, onMessage, onStateChange } = options;
  const client = new Client({
    webSocketFactory: () => new SockJS(STOMP_ENDPOINT),
    reconnectDelay: RECONNECT_DELAY_MS,
    heartbeatIncoming: HEARTBEAT_MS,
    heartbeatOutgoing: HEARTBEAT_MS,
    beforeConnect: async () => {
      onStateChange('connecting');
      // A fresh token on every (re)connect: a connection whose token expired is closed by the hub.
      client.connectHeaders = { Authorization: `Bearer ${await accessToken()}` };
    },
    onConnect: () => {
      onStateChange('connected');
      client.subscribe(destination, (message) => onMessage(message.body), {
        'last-seq': String(lastSeq()),
      });
    },
    onWebSocketClose: () => onStateChange('disconnected'),
    onStompError: (frame: IFrame) => {
      console.warn(`STOMP error on ${destination}: ${frame.headers['message'] ?? ''} ${frame.body}`);
    },
  });
  client.activate();
  return () => {
    void client.deactivate();
  };
}
