/**
 * The look shared by every ContactPad element, declared once: each colour, the radius and the
 * font is a `--cp-*` token here, taken from the Lightning Design System's global styling
 * hooks (`--slds-g-*`) where the page defines them, so a console theme carries through, with
 * SLDS's own default values as fallbacks. Components use only the tokens (scripts/widget-colours.test.ts
 * checks that no component writes a colour of its own).
 *
 * Sources: the global color styling hooks and their values,
 * https://v1.lightningdesignsystem.com/accessibility/global-color-styling-hooks/ (neutral and brand
 * palette: neutral-base-100 #FFFFFF ... neutral-base-10 #181818, brand-base-95 #EEF4FF,
 * brand-base-50 #0176D3, brand-base-30 #014486), and the design tokens of
 * @salesforce-ux/design-system 2.26 (design-tokens/dist/colors.json: error, success and warning
 * palettes). Within Open CTI the softphone is an iframe: custom properties do not cross it, so
 * the hooks apply where the page that hosts ContactPad defines them (the Visualforce page with
 * SLDS, a Lightning page); elsewhere the fallbacks are SLDS's defaults.
 *
 * In forced-colors (high contrast) mode the browser's system colours replace these; the
 * elements keep their meaning by borders and text, not colour alone.
 */
import { css } from 'lit';

/** Base styles for every element's shadow root (SLDS "slds-scope" equivalent). */
export const baseStyles = css`
  :host {
    --cp-font: var(--slds-g-font-family, 'Salesforce Sans', system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif);
    --cp-text: var(--slds-g-color-neutral-base-10, #181818);
    --cp-text-weak: var(--slds-g-color-neutral-base-30, #444444);
    --cp-text-disabled: var(--slds-g-color-neutral-base-50, #747474);
    --cp-text-inverse: var(--slds-g-color-neutral-base-100, #ffffff);
    --cp-border: var(--slds-g-color-neutral-base-80, #c9c9c9);
    --cp-divider: var(--slds-g-color-neutral-base-90, #e5e5e5);
    --cp-surface: var(--slds-g-color-neutral-base-100, #ffffff);
    --cp-surface-alt: var(--slds-g-color-neutral-base-95, #f3f3f3);
    --cp-surface-neutral: var(--slds-g-color-neutral-base-90, #e5e5e5);
    --cp-surface-selected: var(--slds-g-color-brand-base-95, #eef4ff);
    --cp-brand: var(--slds-g-color-brand-base-50, #0176d3);
    --cp-brand-dark: var(--slds-g-color-brand-base-30, #014486);
    --cp-success: var(--slds-g-color-success-base-50, #2e844a);
    --cp-success-dark: var(--slds-g-color-success-base-30, #194e31);
    --cp-danger: var(--slds-g-color-error-base-40, #ba0517);
    --cp-danger-dark: var(--slds-g-color-error-base-30, #8e030f);
    --cp-error-border: var(--slds-g-color-error-base-50, #ea001e);
    --cp-error-text: var(--slds-g-color-error-base-30, #8e030f);
    --cp-warning: var(--slds-g-color-warning-base-60, #dd7a01);
    --cp-warning-strong: var(--slds-g-color-warning-base-70, #fe9339);
    --cp-warning-text: var(--slds-g-color-warning-base-30, #8c4b02);
    --cp-warning-bg: var(--slds-g-color-warning-base-95, #fef1ee);
    --cp-warning-surface: var(--slds-g-color-warning-base-90, #fef1e6);
    --cp-status-idle: var(--slds-g-color-neutral-base-50, #747474);
    --cp-status-inactive: var(--slds-g-color-neutral-base-20, #3e3e3c);
    --cp-shadow: var(--slds-g-shadow-1, 0 2px 2px rgb(0 0 0 / 10%));
    --cp-shadow-dialog: var(--slds-g-shadow-4, 0 4px 16px rgb(0 0 0 / 25%));
    --cp-backdrop: rgb(8 7 7 / 45%);
    --cp-radius: var(--slds-g-radius-border-2, 4px);
    font-family: var(--cp-font);
    font-size: 13px;
    line-height: 1.4;
    color: var(--cp-text);
    box-sizing: border-box;
  }
  @media (forced-colors: active) {
    :host {
      --cp-text: CanvasText;
      --cp-text-weak: CanvasText;
      --cp-text-disabled: GrayText;
      --cp-text-inverse: HighlightText;
      --cp-border: CanvasText;
      --cp-divider: CanvasText;
      --cp-surface: Canvas;
      --cp-surface-alt: Canvas;
      --cp-surface-neutral: Canvas;
      --cp-surface-selected: Highlight;
      --cp-brand: Highlight;
      --cp-brand-dark: Highlight;
      --cp-success: ButtonText;
      --cp-success-dark: ButtonText;
      --cp-danger: ButtonText;
      --cp-danger-dark: ButtonText;
      --cp-error-border: CanvasText;
      --cp-error-text: CanvasText;
      --cp-warning: CanvasText;
      --cp-warning-strong: CanvasText;
      --cp-warning-text: CanvasText;
      --cp-warning-bg: Canvas;
      --cp-warning-surface: Canvas;
      --cp-status-idle: GrayText;
      --cp-status-inactive: CanvasText;
    }
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
    color: var(--cp-text-disabled);
    background: var(--cp-surface-alt);
    border-color: var(--cp-divider);
    cursor: default;
  }
  button.brand {
    background: var(--cp-brand);
    border-color: var(--cp-brand);
    color: var(--cp-text-inverse);
  }
  button.brand:hover:not(:disabled) {
    background: var(--cp-brand-dark);
  }
  button.success {
    background: var(--cp-success);
    border-color: var(--cp-success);
    color: var(--cp-text-inverse);
  }
  button.success:hover:not(:disabled) {
    background: var(--cp-success-dark);
  }
  button.destructive {
    background: var(--cp-danger);
    border-color: var(--cp-danger);
    color: var(--cp-text-inverse);
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
