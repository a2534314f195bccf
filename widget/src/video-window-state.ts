/**
 * The video window of one video call, as a table (one transition function, {@link moveVideoWindow},
 * refuses every other move). The call is never dropped by closing the window: the agent is asked
 * first, and keeping the call leaves "Show video" to open the window again.
 *
 * | window  | opened | blocked | closed-by-agent | keep-call | end-call | call-ended |
 * |---------|--------|---------|-----------------|-----------|----------|------------|
 * | none    | open   | blocked | -               | -         | -        | gone       |
 * | open    | open   | -       | asking          | -         | -        | gone       |
 * | asking  | open   | blocked | -               | kept      | ending   | gone       |
 * | kept    | open   | blocked | -               | -         | -        | gone       |
 * | blocked | open   | blocked | -               | -         | -        | gone       |
 * | ending  | -      | -       | -               | -         | -        | gone       |
 * | gone    | -      | -       | -               | -         | -        | gone       |
 *
 * none: the call was accepted without a window (a keyboard shortcut, a notification): "Show
 * video" opens it. blocked: the browser refused the window (pop-ups blocked). ending: the agent
 * chose End call; the release is under way. gone: the call is over, the window closed.
 */
export type VideoWindowState = 'none' | 'open' | 'asking' | 'kept' | 'blocked' | 'ending' | 'gone';
export type VideoWindowEvent = 'opened' | 'blocked' | 'closed-by-agent' | 'keep-call' | 'end-call' | 'call-ended';

const MOVES: Readonly<Record<VideoWindowState, Readonly<Partial<Record<VideoWindowEvent, VideoWindowState>>>>> = {
  none: { opened: 'open', blocked: 'blocked', 'call-ended': 'gone' },
  open: { opened: 'open', 'closed-by-agent': 'asking', 'call-ended': 'gone' },
  asking: { opened: 'open', blocked: 'blocked', 'keep-call': 'kept', 'end-call': 'ending', 'call-ended': 'gone' },
  kept: { opened: 'open', blocked: 'blocked', 'call-ended': 'gone' },
  blocked: { opened: 'open', blocked: 'blocked', 'call-ended': 'gone' },
  ending: { 'call-ended': 'gone' },
  gone: { 'call-ended': 'gone' },
};

/** The window's state after `event`; throws when the table has no such move (the caller keeps the state it had). */
export function moveVideoWindow(state: VideoWindowState, event: VideoWindowEvent): VideoWindowState {
  const next = MOVES[state]?.[event];
  if (next === undefined) throw new Error(`The video window cannot go from ${state} on ${event}.`);
  return next;
}

/** Whether the table allows `event` from `state`. */
export function canMoveVideoWindow(state: VideoWindowState, event: VideoWindowEvent): boolean {
  return MOVES[state]?.[event] !== undefined;
}

/** Whether "Show video" is offered: the call is under way and its window is not open (nor being asked about). */
export function offersShowVideo(state: VideoWindowState): boolean {
  return state === 'none' || state === 'kept' || state === 'blocked';
}
