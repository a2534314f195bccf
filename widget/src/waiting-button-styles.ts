/**
 * The small buttons of the call's own controls (recording, voicemail drop), and how one looks
 * while its request waits for an answer: it stays where it is, aria-disabled (a disabled button
 * would drop the focus), and says what it waits for.
 */
import { css } from 'lit';

export const waitingButtonStyles = css`
  button {
    min-height: 26px;
    padding: 0 8px;
  }
  button[aria-disabled='true'] {
    color: var(--cp-text-disabled);
    cursor: progress;
  }
`;
