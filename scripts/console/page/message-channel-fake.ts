/**
 * The local console's Lightning message service: one bus per console page that carries every
 * message channel between the softphone (Open CTI publish/subscribe) and Aura components
 * (`lightning:messageChannel`), and the fake `lightning:messageChannel` base component the Aura
 * runtime gives to components.
 *
 * As documented:
 * - "A message is a serializable JSON object ... A message can't contain functions and symbols":
 *   each subscriber gets its own structured clone; a message that cannot be cloned is refused
 *   (developer.salesforce.com/docs/atlas.en-us.lightning.meta/lightning/message_channel_intro.htm).
 * - Every subscriber of the channel receives the message, the publisher included (what the
 *   console bridge protocol relies on: each side ignores its own source). Not stated in those
 *   words by the message service pages; unverified.
 * - `lightning:messageChannel`: `type` names the channel (`<Name>__c`); `publish(payload)` sends;
 *   `onMessage` subscribes and needs `scope`, whose value "APPLICATION" receives messages from
 *   anywhere in the application; the handler is called `(component, message, helper)` and reads
 *   fields with `message.getParam('<field>')`
 *   (developer.salesforce.com/docs/component-library/bundle/lightning:messageChannel/documentation,
 *   developer.salesforce.com/docs/atlas.en-us.lightning.meta/lightning/message_channel_subscribe.htm).
 * - Delivery is asynchronous (not documented; chosen because a publisher never hears its own
 *   message inside publish(), and Open CTI's side crosses frames anyway).
 */
import type { BaseComponentContext } from './aura-runtime.ts';

/** A message seen on a channel, for logs and test hooks. */
export interface ChannelMessage {
  readonly channelName: string;
  readonly message: unknown;
}

type Listener = (message: unknown) => void;

/** The page's Lightning message service. */
export class LightningMessageService {
  readonly #subscribers = new Map<string, Set<Listener>>();
  readonly #everyChannel = new Set<(channelName: string, message: unknown) => void>();
  readonly #log: ChannelMessage[] = [];

  /** Every message published so far, in order (copies). */
  get messages(): readonly ChannelMessage[] {
    return [...this.#log];
  }

  /** Subscribes to one channel; returns the unsubscribe function. */
  subscribe(channelName: string, listener: Listener): () => void {
    let listeners = this.#subscribers.get(channelName);
    if (!listeners) {
      listeners = new Set();
      this.#subscribers.set(channelName, listeners);
    }
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  /**
   * Hears every channel (the Open CTI side: the console forwards each message to the softphone,
   * whose own subscriptions pick their channels).
   */
  subscribeAll(listener: (channelName: string, message: unknown) => void): () => void {
    this.#everyChannel.add(listener);
    return () => this.#everyChannel.delete(listener);
  }

  /** Publishes a message to every subscriber of the channel. Throws when it is not serializable. */
  publish(channelName: string, message: unknown): void {
    const copy = structuredClone(message);
    this.#log.push(Object.freeze({ channelName, message: copy }));
    const listeners = [...(this.#subscribers.get(channelName) ?? [])];
    const everywhere = [...this.#everyChannel];
    queueMicrotask(() => {
      for (const listener of listeners) listener(structuredClone(copy));
      for (const listener of everywhere) listener(channelName, structuredClone(copy));
    });
  }
}

/** The fake `lightning:messageChannel` over `service`, for the Aura runtime's platform. */
export function messageChannelComponent(service: LightningMessageService): (context: BaseComponentContext) => unknown {
  return (context) => {
    const channelName = context.attributes['type'];
    if (!channelName) throw new Error('lightning:messageChannel needs a type (the message channel, <Name>__c)');
    const onMessage = context.action(context.attributes['onMessage']);
    if (onMessage) {
      if (!context.attributes['scope']) throw new Error('lightning:messageChannel: "When you use the onMessage handler, you must include the scope attribute"');
      if (context.attributes['scope'] !== 'APPLICATION') throw new Error('lightning:messageChannel: only scope="APPLICATION" is simulated (a utility item has no active area)');
      context.onDestroy(service.subscribe(channelName, (message) => onMessage(context.event('lightning:messageChannel', message))));
    }
    return Object.freeze({
      publish: (message: unknown) => service.publish(channelName, message),
    });
  };
}
