/**
 * `<cp-line-details>`: the figures behind the line-quality indicator of a call (its last
 * sample: the share of the caller's audio lost, jitter, round trip), each with its level.
 * Loaded on first use (lazy-elements.ts).
 */
import { LitElement, css, html, nothing } from 'lit';
import type { CallQuality } from '../../adapter/src/store.ts';
import { baseStyles } from './theme.ts';
import { inCallWords } from './in-call-words.ts';

/** The line details of a call. */
export class CpLineDetails extends LitElement {
  static override properties = {
    quality: { attribute: false },
  };

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      section {
        padding: 6px 8px;
        border: 1px solid var(--cp-border);
        border-radius: var(--cp-radius);
        background: var(--cp-surface-alt);
        font-size: 12px;
      }
      h4 {
        margin: 0 0 4px;
        font-size: 12px;
      }
      dl {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 2px 8px;
        margin: 0;
      }
      dt {
        color: var(--cp-text-weak);
      }
      dd {
        margin: 0;
        font-variant-numeric: tabular-nums;
      }
    `,
  ];

  /** The line's last sample. */
  declare quality: CallQuality | undefined;

  constructor() {
    super();
    this.quality = undefined;
  }

  protected override render() {
    const quality = this.quality;
    if (!quality) return nothing;
    const w = inCallWords();
    const figure = (value: number | undefined, unit: string) => (value === undefined ? w.measuring : `${value} ${unit}`);
    return html`<section aria-labelledby="title">
      <h4 id="title">${w.lineDetails(w.levels[quality.level])}</h4>
      <dl>
        <dt>${w.labels.lost}</dt>
        <dd class="loss">${figure(quality.lossPercent, '%')}</dd>
        <dt>${w.labels.jitter}</dt>
        <dd class="jitter">${figure(quality.jitterMs, 'ms')}</dd>
        <dt>${w.labels.roundTrip}</dt>
        <dd class="round-trip">${figure(quality.roundTripMs, 'ms')}</dd>
      </dl>
    </section>`;
  }
}

if (!customElements.get('cp-line-details')) customElements.define('cp-line-details', CpLineDetails);

declare global {
  interface HTMLElementTagNameMap {
    'cp-line-details': CpLineDetails;
  }
}
