/**
 * The utility bar and its softphone panel: the Lightning console's Open CTI softphone item.
 * The panel holds the softphone iframe (/softphone, the Visualforce host page stand-in),
 * 360 x 560 by default; Open CTI setSoftphonePanelVisibility / Height / Width / Label / Icon act
 * on it, and the utility bar's 'Phone' button toggles it. Hidden panels keep their iframe
 * running, as in Salesforce (a ringing call still rings).
 */

/** Panel sizes Open CTI allows (setSoftphonePanelHeight / Width). */
export const DEFAULT_PANEL_SIZE = { width: 360, height: 560 } as const;

/** The softphone item in the utility bar. */
export class SoftphonePanel {
  readonly frame: HTMLIFrameElement;
  readonly #panel: HTMLElement;
  readonly #button: HTMLButtonElement;
  readonly #title: HTMLElement;
  readonly #listeners = new Set<() => void>();
  #label = 'Phone';

  constructor(utilityBar: HTMLElement, host: HTMLElement, options: { src: string; visible: boolean; camera?: boolean }) {
    const doc = utilityBar.ownerDocument;
    this.#button = doc.createElement('button');
    this.#button.type = 'button';
    this.#button.className = 'utility-item';
    this.#button.dataset['testid'] = 'utility-phone';
    this.#button.setAttribute('aria-controls', 'softphone-panel');
    this.#button.addEventListener('click', () => this.setVisible(!this.visible));
    utilityBar.append(this.#button);

    this.#panel = doc.createElement('section');
    this.#panel.id = 'softphone-panel';
    this.#panel.className = 'softphone-panel';
    this.#panel.dataset['testid'] = 'softphone-panel';
    this.#panel.setAttribute('aria-labelledby', 'softphone-panel-title');
    const header = doc.createElement('header');
    this.#title = doc.createElement('h2');
    this.#title.id = 'softphone-panel-title';
    const minimize = doc.createElement('button');
    minimize.type = 'button';
    minimize.className = 'minimize';
    minimize.textContent = '_';
    minimize.setAttribute('aria-label', 'Minimize the softphone panel');
    minimize.addEventListener('click', () => this.setVisible(false));
    header.append(this.#title, minimize);

    this.frame = doc.createElement('iframe');
    this.frame.name = 'softphone';
    this.frame.title = 'ContactPad softphone';
    this.frame.dataset['testid'] = 'softphone-frame';
    // A console that gives the softphone no camera (`camera 'none'`: the browser refuses it to the frame) plays an agent whose camera is blocked.
    this.frame.allow = `microphone; camera${options.camera === false ? " 'none'" : ''}; autoplay; speaker-selection`;
    this.frame.src = options.src;
    this.#panel.append(header, this.frame);
    host.append(this.#panel);

    this.setSize({ widthPX: DEFAULT_PANEL_SIZE.width, heightPX: DEFAULT_PANEL_SIZE.height });
    this.#setVisibleQuietly(options.visible);
    this.#renderLabel();
  }

  get visible(): boolean {
    return !this.#panel.hidden;
  }

  get label(): string {
    return this.#label;
  }

  /** Called when the panel opens or closes. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #setVisibleQuietly(visible: boolean): void {
    this.#panel.hidden = !visible;
    this.#button.setAttribute('aria-expanded', String(visible));
    this.#button.classList.toggle('open', visible);
  }

  /** Open CTI setSoftphonePanelVisibility. */
  setVisible(visible: boolean): void {
    if (visible === this.visible) return;
    this.#setVisibleQuietly(visible);
    for (const listener of this.#listeners) listener();
  }

  /** Open CTI setSoftphonePanelHeight / setSoftphonePanelWidth (range-checked by the Open CTI side). */
  setSize(size: { heightPX?: number; widthPX?: number }): void {
    if (size.widthPX !== undefined) this.#panel.style.width = `${size.widthPX}px`;
    if (size.heightPX !== undefined) this.frame.style.height = `${size.heightPX}px`;
  }

  /** Open CTI setSoftphonePanelLabel / setSoftphoneItemLabel (icons are shown as their key). */
  setAppearance(change: { panelLabel?: string; panelIcon?: string; itemLabel?: string; itemIcon?: string }): void {
    const label = change.itemLabel ?? change.panelLabel;
    if (label !== undefined && label.trim() !== '') this.#label = label.trim();
    const icon = change.itemIcon ?? change.panelIcon;
    if (icon !== undefined) this.#button.dataset['icon'] = icon;
    this.#renderLabel();
  }

  #renderLabel(): void {
    this.#button.textContent = this.#label;
    this.#title.textContent = this.#label;
  }
}
