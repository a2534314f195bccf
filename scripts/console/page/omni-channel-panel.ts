/**
 * The 'Omni-Channel simulator' panel beside the customer simulator: routes Omni-Channel work to
 * the agent (a Messaging session, a legacy chat, an email, a case, or a record of an object
 * ContactPad does not handle), switches Omni-Channel's own auto-accept for the agent (the
 * presence configuration's "Automatically accept requests"), marks an Assigned item as no longer
 * deliverable ('Cannot deliver'), and lists every work item with its state. Rendered with lit
 * (every binding escaped).
 */
import { html, nothing, render } from 'lit';
import { OMNI_WORK_STATE_LABELS, type OmniChannelKind, type OmniWorkItem, type OmniWorkItems } from './omni-work-items.ts';

/** A record the panel offers to route work on. */
export interface OmniRecordChoice {
  readonly id: string;
  readonly label: string;
}

/** What the panel asks of the page (Omni-Channel and the fake org). */
export interface OmniSimulatorActions {
  /** Whether the console bridge runs (`?bridge=off`: the panel explains, and routes nothing). */
  readonly bridgeOn: boolean;
  /** Existing records of the kind's object. */
  listRecords(kind: OmniChannelKind): Promise<OmniRecordChoice[]>;
  /** Routes work on `recordId`, or on a new record for the customer when it is undefined. */
  route(work: { kind: OmniChannelKind; customerName: string; recordId: string | undefined }): Promise<OmniWorkItem>;
  /** 'Cannot deliver': the customer left before the work was accepted (throws when it cannot). */
  cannotDeliver(workId: string): void;
  /** Omni-Channel's auto-accept for the agent as the org has it (Omni-Channel starts so); undefined when the org cannot say. */
  readAutoAccept(): Promise<boolean | undefined>;
  /** Switches Omni-Channel's auto-accept and writes it to the org; resolves with what to tell the user. */
  setAutoAccept(on: boolean): Promise<string>;
}

export const OMNI_KIND_LABELS: Readonly<Record<OmniChannelKind, string>> = {
  messaging: 'Messaging session',
  chat: 'Chat (legacy)',
  email: 'Email',
  case: 'Case',
  other: 'Lead (not handled by ContactPad)',
};

const NEW_RECORD_LABELS: Readonly<Record<OmniChannelKind, string>> = {
  messaging: 'New Messaging session',
  chat: 'New chat transcript',
  email: 'New email case',
  case: 'New web case',
  other: 'New Lead',
};

const NEW_RECORD = '';

function stateText(item: OmniWorkItem): string {
  const label = OMNI_WORK_STATE_LABELS[item.state];
  if (item.state === 'declined' && item.declineReason) return `${label} — ${item.declineReason}`;
  if (item.state === 'accepted' && item.acceptedBy === 'omni-channel') return `${label} (by Omni-Channel)`;
  return label;
}

/** Renders and runs the Omni-Channel simulator in `host`. */
export function mountOmniChannelPanel(host: HTMLElement, work: OmniWorkItems, actions: OmniSimulatorActions): void {
  const form = { kind: 'messaging' as OmniChannelKind, customerName: 'Grace Chatwell', record: NEW_RECORD, recordId: '' };
  let autoAccept = false;
  let autoAcceptNote = '';
  let records: OmniRecordChoice[] = [];
  let busy = false;
  let message = '';
  let error = '';

  const update = (): void => {
    render(view(), host);
  };
  work.onChange(update);

  const loadRecords = async (): Promise<void> => {
    const kind = form.kind;
    try {
      const loaded = await actions.listRecords(kind);
      if (form.kind === kind) records = loaded;
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
        kind: form.kind,
        customerName: form.customerName.trim(),
        recordId: typed !== '' ? typed : form.record !== NEW_RECORD ? form.record : undefined,
      });
      message = `Routed ${OMNI_KIND_LABELS[item.kind].toLowerCase()} ${item.workId} (${OMNI_WORK_STATE_LABELS[item.state]}).`;
      void loadRecords();
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
    }
    busy = false;
    update();
  };

  const switchAutoAccept = async (on: boolean): Promise<void> => {
    autoAccept = on;
    autoAcceptNote = 'Saving…';
    update();
    try {
      autoAcceptNote = await actions.setAutoAccept(on);
    } catch (failure) {
      autoAcceptNote = failure instanceof Error ? failure.message : String(failure);
    }
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
    <p class="muted">Routes Messaging sessions, chats, emails, cases and other records to the agent as Omni-Channel work, through the console bridge.</p>
    ${actions.bridgeOn
      ? nothing
      : html`<p class="error" role="alert" data-testid="omni-bridge-off">The console bridge is off (bridge=off): Omni-Channel work cannot reach ContactPad.</p>`}
    <div class="form-field">
      <label for="omni-channel">Work</label>
      <select id="omni-channel" data-testid="omni-channel" .value=${form.kind}
        @change=${(event: Event) => {
          form.kind = (event.target as HTMLSelectElement).value as OmniChannelKind;
          form.record = NEW_RECORD;
          records = [];
          update();
          void loadRecords();
        }}>
        ${(Object.keys(OMNI_KIND_LABELS) as OmniChannelKind[]).map((kind) => html`<option value=${kind} ?selected=${form.kind === kind}>${OMNI_KIND_LABELS[kind]}</option>`)}
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
      <label for="omni-record">Record</label>
      <select id="omni-record" data-testid="omni-record" .value=${form.record}
        @change=${(event: Event) => {
          form.record = (event.target as HTMLSelectElement).value;
        }}>
        <option value=${NEW_RECORD} ?selected=${form.record === NEW_RECORD}>${NEW_RECORD_LABELS[form.kind]}</option>
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
      <input type="checkbox" data-testid="omni-auto-accept" .checked=${autoAccept}
        @change=${(event: Event) => void switchAutoAccept((event.target as HTMLInputElement).checked)} />
      Omni-Channel auto-accept (the agent's presence configuration)
    </label>
    <p class="muted" data-testid="omni-auto-accept-note">ContactPad reads this once per session: a change applies after reload.${autoAcceptNote ? ` ${autoAcceptNote}` : ''}</p>
    <div class="buttons">
      <button type="button" class="brand" data-testid="omni-route" ?disabled=${busy || !actions.bridgeOn} @click=${() => void route()}>Route work</button>
    </div>
    ${message ? html`<p class="muted" role="status" data-testid="omni-message">${message}</p>` : nothing}
    ${error ? html`<p class="error" role="alert" data-testid="omni-error">${error}</p>` : nothing}
    ${work.items.length === 0
      ? html`<p class="muted">No work routed yet.</p>`
      : html`<table class="list" data-testid="omni-work-items">
          <caption>Work items</caption>
          <thead><tr><th scope="col">Work</th><th scope="col">Customer</th><th scope="col">State</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
          <tbody>
            ${work.items.map(
              (item) => html`<tr data-testid="omni-work-item" data-work-id=${item.workId} data-state=${item.state}>
                <td>${OMNI_KIND_LABELS[item.kind]}</td>
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
  void actions.readAutoAccept().then(
    (on) => {
      if (on === undefined) return;
      autoAccept = on;
      update();
    },
    () => undefined,
  );
}
