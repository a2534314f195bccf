/**
 * A preset caller for the customer simulator: who calls (name, number) and what the platform
 * says about the call (queue, location, ad source, kind), with a label saying what the demo
 * org holds for that number ('Lead', 'Customer', 'Unknown number'...).
 */
import type { SimulatedCall } from './customer-simulator.ts';

export interface DemoCaller extends SimulatedCall {
  readonly label: string;
}
