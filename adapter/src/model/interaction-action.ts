/**
 * What the agent can do with an interaction: the words of the capability table
 * (capabilities.ts decides which are allowed, by the interaction's kind and state), the
 * buttons the widget shows and the intents the controller carries out.
 */
export type InteractionAction = 'accept' | 'reject' | 'release' | 'hold' | 'retrieve' | 'consult' | 'transfer' | 'abandon' | 'extend-wrap-up';
