/**
 * The input variables of an Open CTI `FLOW` screen pop (`params.flowArgs: [{ name, type, value }]`),
 * checked and turned into text for the console's 'Flow: <flowDevName>' tab. Values come from
 * outside (a screen-pop rule an admin typed, a SIP header): they are kept as plain text.
 */
import { displayText } from './display-text.ts';

/** One flow input variable as the console shows it: its name, its Flow data type, its value as text. */
export interface FlowArgument {
  readonly name: string;
  readonly type: string;
  readonly value: string;
}

/** The most input variables a flow tab lists (a flow with more is not what a screen pop sends). */
export const MAX_FLOW_ARGUMENTS = 50;


/**
 * Reads `params.flowArgs` of a FLOW pop. Absent means no arguments; anything else than a list
 * of `{ name, type, value }` with a non-empty name throws an Error saying what is wrong (the pop
 * then fails with that message, as Open CTI reports a bad argument).
 */
export function readFlowArguments(flowArgs: unknown): FlowArgument[] {
  if (flowArgs === undefined || flowArgs === null) return [];
  if (!Array.isArray(flowArgs)) throw new Error('params.flowArgs must be a list of { name, type, value } for FLOW');
  if (flowArgs.length > MAX_FLOW_ARGUMENTS) throw new Error(`params.flowArgs holds ${flowArgs.length} arguments; the console lists at most ${MAX_FLOW_ARGUMENTS}`);
  return flowArgs.map((entry: unknown, index) => {
    const argument = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : undefined;
    const name = argument?.['name'];
    if (typeof name !== 'string' || name.trim() === '') throw new Error(`params.flowArgs[${index}] needs a name for FLOW`);
    return { name, type: displayText(argument?.['type']), value: displayText(argument?.['value']) };
  });
}
