/**
 * A preset caller for the customer simulator: who calls (name, number) and what the platform
 * says about the call (queue, location, ad source, kind), with a label saying what the demo
 * org holds for that number ('Lead', 'Customer', 'Unknown number'...).
 */
export interface DemoCaller {
  readonly label: string;
  readonly name: string;
  readonly number: string;
  readonly queue: string;
  readonly location: string;
  readonly adSource: string;
  readonly kind: 'voice' | 'video' | 'callback';
}
