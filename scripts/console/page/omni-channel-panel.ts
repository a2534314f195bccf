/**
 * The 'Omni-Channel simulator' panel beside the customer simulator: routes Omni-Channel work
 * (a chat on a LiveChatTranscript, an email or a case on a Case of the fake org) to the agent,
 * with or without auto-accept, marks an Assigned item as not deliverable ('Cannot deliver'),
 * and lists every work item with its state. Rendered with lit (every binding escaped).
 */
import { html, nothing, render } from 'lit';
import { OMNI_WORK_STATE_LABELS, type OmniChannelKind, type OmniWorkItem, type OmniWorkItems } from './omni-work-items.ts';

/** A record the panel offers to route work on. */
export interface OmniRecordChoice {
  readonly id: string;
  readonly label: string;
}

/** What the panel asks of the page (the console bridge and the fake org). */
export interface OmniSimulatorActions {
  /** Whether the console bridge runs (`?bridge=off`: the panel explains, and routes nothing). */
  readonly bridgeOn: boolean;
  /** Existing records of the channel's object (LiveChatTranscript for chat, Case otherwise). */
  listRecords(channel: OmniChannelKind): Promise<OmniRecordChoice[]>;
  /** Routes work on `recordId`, or on a new record for the customer when it is undefined. */
  route(work: { channel: OmniChannelKind; customerName: string; recordId: string | undefined; isAutoAccept: boolean }): Promise<OmniWorkItem>;
  /** 'Cannot deliver': the Omni-Channel widget could not deliver an Assigned item (throws when it cannot). */
  cannotDeliver(workId: string): void;
}

const CHANNEL_LABELS: Readonly<Record<OmniChannelKind, string>> = { chat: 'Chat', email: 'Email', case: 'Case' };
const NEW_RECORD = '';

function stateText(item: OmniWorkItem): string {
  const label = OMNI_WORK_STATE_LABELS[item.state];
  return item.state === 'declined' && item.declineReason ? `${label} — ${item.declineReason}` : label;
}

/** Renders and runs the Omni-Channel simulator in `host`. */
export function mountOmniChannelPanel(host: HTMLElement, work: OmniWorkItems, actions: OmniSimulatorActions): void {
  const form = { channel: 'chat' as OmniChannelKind, customerName: 'Grace Chatwell', record: NEW_RECORD, recordId: '', isAutoAccept: false };
  let records: OmniRecordChoice[] = [];
  let busy = false;
  let message = '';
  let error = '';

  const update = (): void => {
    render(view(), host);
  };
  work.onChange(update);

  const loadRecords = async (): Promise<void> => {
    const channel = form.channel;
    try {
      const loaded = await actions.listRecords(channel);
      if (form.channel === channel) records = loaded;
    } catch (failure) {
      records = [];
      error = failure instanceof Error ? failure.message : String(failure);
    }
    update();
  };

  const route = async (): Promise<void> => {
    busy = true;
    message = '';
    error = '';
    update();
    try {
      const typed = form.recordId.trim();
      const item = await actions.route({
        channel: form.channel,
        customerName: form.customerName.trim(),
        recordId: typed !== '' ? typed : form.record !== NEW_RECORD ? form.record : undefined,
        isAutoAccept: form.isAutoAccept,
      });
      message = `Routed ${CHANNEL_LABELS[item.channel].toLowerCase()} ${item.workId} (${OMNI_WORK_STATE_LABELS[item.state]}).`;
      void loadRecords();
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
    }
    busy = false;
    update();
  };

  const cannotDeliver = (workId: string): void => {
    message = '';
    error = '';
    try {
      actions.cannotDeliver(workId);
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
    }
    update();
  };

  const view = () => html`
    <h2 id="omni-title">Omni-Channel simulator</h2>
    <p class="muted">Routes chats, emails and cases to the agent as Omni-Channel work, through the console bridge.</p>
    ${actions.bridgeOn
      ? nothing
      : html`<p class="error" role="alert" data-testid="omni-bridge-off">The console bridge is off (bridge=off): Omni-Channel work cannot reach ContactPad.</p>`}
    <div class="form-field">
      <label for="omni-channel">Channel</label>
      <select id="omni-channel" data-testid="omni-channel" .value=${form.channel}
        @change=${(event: Event) => {
          form.channel = (event.target as HTMLSelectElement).value as OmniChannelKind;
          form.record = NEW_RECORD;
          records = [];
          update();
          void loadRecords();
        }}>
        ${(['chat', 'email', 'case'] as const).map((channel) => html`<option value=${channel} ?selected=${form.channel === channel}>${CHANNEL_LABELS[channel]}</option>`)}
      </select>
    </div>
    <div class="form-field">
      <label for="omni-customer">Customer name</label>
      <input id="omni-customer" data-testid="omni-customer-name" autocomplete="off" .value=${form.customerName}
        @input=${(event: Event) => {
          form.customerName = (event.target as HTMLInputElement).value;
        }} />
    </div>
    <div class="form-field">
      <label for="omni-record">${form.channel === 'chat' ? 'Chat transcript' : 'Case'}</label>
      <select id="omni-record" data-testid="omni-record" .value=${form.record}
        @change=${(event: Event) => {
          form.record = (event.target as HTMLSelectElement).value;
        }}>
        <option value=${NEW_RECORD} ?selected=${form.record === NEW_RECORD}>${form.channel === 'chat' ? 'New chat transcript' : 'New case'}</option>
        ${records.map((record) => html`<option value=${record.id} ?selected=${form.record === record.id}>${record.label}</option>`)}
      </select>
    </div>
    <div class="form-field">
      <label for="omni-record-id">Or a record id (deleted or hidden records too)</label>
      <input id="omni-record-id" data-testid="omni-record-id" autocomplete="off" .value=${form.recordId}
        @input=${(event: Event) => {
          form.recordId = (event.target as HTMLInputElement).value;
        }} />
    </div>
    <label class="checkbox">
      <input type="checkbox" data-testid="omni-auto-accept" .checked=${form.isAutoAccept}
        @change=${(event: Event) => {
          form.isAutoAccept = (event.target as HTMLInputElement).checked;
        }} />
      Auto-accept
    </label>
    <div class="buttons">
      <button type="button" class="brand" data-testid="omni-route" ?disabled=${busy || !actions.bridgeOn} @click=${() => void route()}>Route work</button>
    </div>
    ${message ? html`<p class="muted" role="status" data-testid="omni-message">${message}</p>` : nothing}
    ${error ? html`<p class="error" role="alert" data-testid="omni-error">${error}</p>` : nothing}
    ${work.items.length === 0
      ? html`<p class="muted">No work routed yet.</p>`
      : html`<table class="list" data-testid="omni-work-items">
          <caption>Work items</caption>
          <thead><tr><th scope="col">Channel</th><th scope="col">Customer</th><th scope="col">State</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
          <tbody>
            ${work.items.map(
              (item) => html`<tr data-testid="omni-work-item" data-work-id=${item.workId} data-state=${item.state}>
                <td>${CHANNEL_LABELS[item.channel]}</td>
                <td>${item.customerName}</td>
                <td data-testid="omni-work-state">${stateText(item)}</td>
                <td>${item.state === 'assigned'
                  ? html`<button type="button" data-testid="omni-cannot-deliver" @click=${() => cannotDeliver(item.workId)}>Cannot deliver</button>`
                  : nothing}</td>
              </tr>`,
            )}
          </tbody>
        </table>`}
  `;
  update();
  if (actions.bridgeOn) void loadRecords();
}
