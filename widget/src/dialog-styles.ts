/**
 * The dialogs' look (the consult and transfer directory, abandon, decline): their frame, footer
 * and list of choices, in the theme's `--cp-*` tokens (theme.ts). Apart from theme.ts because the
 * dialogs load on first use (lazy-elements.ts): these styles load with them, not with the ring path.
 */
import { css } from 'lit';

/** The modal dialogs' frame (consult/transfer, abandon, decline) and their footer of buttons: each adds its width and accents. */
export const dialogStyles = css`
  dialog {
    padding: 12px;
    border: 1px solid var(--cp-border);
    border-radius: var(--cp-radius);
    background: var(--cp-surface);
    color: var(--cp-text);
    box-shadow: var(--cp-shadow-dialog);
  }
  dialog::backdrop {
    background: var(--cp-backdrop);
  }
  h2 {
    font-size: 16px;
  }
  .footer {
    display: flex;
    justify-content: flex-end;
    gap: 8px;
    margin-top: 12px;
  }
`;

/**
 * A dialog's list of choices (WAI-ARIA listbox: the consult/transfer directory, the decline
 * reasons): one bordered list, each option a row, the active one marked by a brand bar.
 */
export const listboxStyles = css`
  [role='listbox'] {
    margin: 6px 0 0;
    padding: 0;
    list-style: none;
    max-height: 240px;
    overflow-y: auto;
    border: 1px solid var(--cp-border);
    border-radius: var(--cp-radius);
  }
  [role='option'] {
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: 8px;
    padding: 5px 8px;
    border-top: 1px solid var(--cp-divider);
    cursor: pointer;
  }
  [role='option']:first-child {
    border-top: none;
  }
  [role='option']:hover {
    background: var(--cp-surface-alt);
  }
  [role='option']:focus-visible {
    outline-offset: -2px;
  }
  [role='option'][aria-selected='true'] {
    background: var(--cp-surface-selected);
    box-shadow: inset 3px 0 0 var(--cp-brand);
  }
`;
