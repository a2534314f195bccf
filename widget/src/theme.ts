/**
 * The look shared by every ContactPad element: SLDS-like tokens (Salesforce Sans, 13px
 * base, brand blue focus ring, high-contrast text) so the widget sits calmly in the
 * Lightning console's softphone panel. Each element adds its own styles beside its class.
 */
import { css } from 'lit';

/** Base styles for every element's shadow root (SLDS "slds-scope" equivalent). */
export const baseStyles = css`
  :host {
    --cp-font: 'Salesforce Sans', system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif;
    --cp-text: #181818;
    --cp-text-weak: #444444;
    --cp-border: #c9c9c9;
    --cp-surface: #ffffff;
    --cp-surface-alt: #f3f3f3;
    --cp-brand: #0176d3;
    --cp-brand-dark: #014486;
    --cp-success: #2e844a;
    --cp-success-dark: #194e31;
    --cp-danger: #ba0517;
    --cp-danger-dark: #8e030f;
    --cp-warning-bg: #fef1ee;
    --cp-error-text: #8e030f;
    --cp-radius: 4px;
    font-family: var(--cp-font);
    font-size: 13px;
    line-height: 1.4;
    color: var(--cp-text);
    box-sizing: border-box;
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: 2px solid var(--cp-brand);
    outline-offset: 2px;
  }
  button,
  select,
  input,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    min-height: 28px;
    padding: 0 12px;
    border: 1px solid var(--cp-border);
    border-radius: var(--cp-radius);
    background: var(--cp-surface);
    color: var(--cp-brand-dark);
    font-weight: 600;
    cursor: pointer;
  }
  button:hover:not(:disabled) {
    background: var(--cp-surface-alt);
  }
  button:disabled {
    color: #747474;
    background: #f3f3f3;
    border-color: #e5e5e5;
    cursor: default;
  }
  button.brand {
    background: var(--cp-brand);
    border-color: var(--cp-brand);
    color: #ffffff;
  }
  button.brand:hover:not(:disabled) {
    background: var(--cp-brand-dark);
  }
  button.success {
    background: var(--cp-success);
    border-color: var(--cp-success);
    color: #ffffff;
  }
  button.success:hover:not(:disabled) {
    background: var(--cp-success-dark);
  }
  button.destructive {
    background: var(--cp-danger);
    border-color: var(--cp-danger);
    color: #ffffff;
  }
  button.destructive:hover:not(:disabled) {
    background: var(--cp-danger-dark);
  }
  button.destructive-text {
    color: var(--cp-danger);
  }
  select,
  input,
  textarea {
    min-height: 28px;
    padding: 2px 8px;
    border: 1px solid var(--cp-border);
    border-radius: var(--cp-radius);
    background: var(--cp-surface);
  }
  select:focus-visible,
  input:focus-visible,
  textarea:focus-visible {
    outline: 2px solid var(--cp-brand);
    outline-offset: 0;
    border-color: var(--cp-brand);
  }
  label {
    color: var(--cp-text-weak);
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;

/** The modal dialogs' frame (consult/transfer, abandon, decline) and their footer of buttons: each adds its width and accents. */
export const dialogStyles = css`
  dialog {
    padding: 12px;
    border: 1px solid var(--cp-border);
    border-radius: var(--cp-radius);
    background: var(--cp-surface);
    color: var(--cp-text);
    box-shadow: 0 4px 16px rgb(0 0 0 / 25%);
  }
  dialog::backdrop {
    background: rgb(8 7 7 / 45%);
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
    border-top: 1px solid #e5e5e5;
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
    background: #eef4ff;
    box-shadow: inset 3px 0 0 var(--cp-brand);
  }
`;
