/**
 * Renders the stand-in console's workspace with lit (every binding escaped): the tab bar
 * (role=tablist, closable record tabs), the focused tab's content (record fields with
 * click-to-dial phone links, search results, a flow's input variables, the Tasks list, the
 * rule tester) and the new-record dialog.
 */
import { html, nothing, render, type TemplateResult } from 'lit';
import type { ConsoleTab, ConsoleWorkspace, FlowTab, RecordTab, SearchTab } from './console-workspace.ts';
import { objectTypeOfId, recordNameOf } from './object-types.ts';
import type { SObjectRecord } from './rest-client.ts';
import { displayText } from './display-text.ts';

/** What the user can do in the workspace (the page wires these to the workspace and Open CTI). */
export interface WorkspaceActions {
  focusTab(key: string): void;
  closeTab(key: string): void;
  openRecord(recordId: string): void;
  refreshTasks(): void;
  clickToDial(tab: RecordTab, number: string): void;
  setModalField(name: string, value: string): void;
  saveModal(): void;
  cancelModal(): void;
  /** Whether phone numbers are click-to-dial links (ContactPad enabled click-to-dial). */
  clickToDialEnabled(): boolean;
  /** The rule tester tab's content. */
  ruleTesterContent(): TemplateResult;
}

const HIDDEN_FIELDS = new Set(['attributes']);

/** A phone-type field by its API name (Phone, MobilePhone, HomePhone, OtherPhone, AssistantPhone, Fax). */
export function isPhoneField(name: string): boolean {
  return /Phone$/.test(name) || name === 'Fax';
}


function recordLink(id: unknown, actions: WorkspaceActions, label?: string): TemplateResult | string {
  if (typeof id !== 'string' || id === '') return '';
  if (!objectTypeOfId(id)) return id;
  return html`<button type="button" class="link" @click=${() => actions.openRecord(id)}>${label ?? id}</button>`;
}

function fieldValue(tab: RecordTab, name: string, value: unknown, actions: WorkspaceActions): TemplateResult | string {
  const text = displayText(value);
  if (isPhoneField(name) && text !== '' && actions.clickToDialEnabled()) {
    return html`<a href="tel:${text}" class="click-to-dial" data-testid="click-to-dial" data-field=${name}
      @click=${(event: Event) => {
        event.preventDefault();
        actions.clickToDial(tab, text);
      }}>${text}</a>`;
  }
  if (name !== 'Id' && /Id$/.test(name) && typeof value === 'string' && objectTypeOfId(value)) return recordLink(value, actions);
  return text;
}

function recordContent(tab: RecordTab, actions: WorkspaceActions): TemplateResult {
  if (tab.error) return html`<p class="error" role="alert">${tab.error}</p>`;
  if (!tab.record) return html`<p class="muted">Loading ${tab.objectType} ${tab.recordId}...</p>`;
  const record = tab.record;
  const fields = Object.entries(record).filter(([name]) => !HIDDEN_FIELDS.has(name));
  return html`
    <header class="record-header">
      <span class="object-type">${tab.objectType}</span>
      <h2>${tab.title}</h2>
    </header>
    <dl class="fields" data-testid="record-fields">
      ${fields.map(
        ([name, value]) => html`<div class="field"><dt>${name}</dt><dd data-testid="field-${name}">${fieldValue(tab, name, value, actions)}</dd></div>`,
      )}
    </dl>`;
}

function searchContent(tab: SearchTab, actions: WorkspaceActions): TemplateResult {
  if (tab.error) return html`<p class="error" role="alert">${tab.error}</p>`;
  if (!tab.results) return html`<p class="muted">Searching for "${tab.searchString}"...</p>`;
  if (tab.results.length === 0) return html`<h2>Search: ${tab.searchString}</h2><p>No results for "${tab.searchString}".</p>`;
  return html`
    <h2>Search: ${tab.searchString}</h2>
    <table class="list" data-testid="search-results">
      <thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Phone</th></tr></thead>
      <tbody>
        ${tab.results.map((row) => {
          const id = displayText(row['Id']);
          const type = row.attributes?.type ?? objectTypeOfId(id) ?? '';
          return html`<tr data-testid="search-row">
            <td>${recordLink(id, actions, recordNameOf(type, row, id))}</td>
            <td>${type}</td>
            <td>${displayText(row['Phone'])}</td>
          </tr>`;
        })}
      </tbody>
    </table>`;
}

function flowContent(tab: FlowTab): TemplateResult {
  return html`
    <header class="record-header">
      <span class="object-type">Flow</span>
      <h2 data-testid="flow-name">${tab.flowDevName}</h2>
    </header>
    ${tab.args.length === 0
      ? html`<p data-testid="flow-no-arguments">The flow was started with no input variables.</p>`
      : html`<table class="list" data-testid="flow-arguments">
          <caption>Input variables</caption>
          <thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Value</th></tr></thead>
          <tbody>
            ${tab.args.map(
              (arg) => html`<tr data-testid="flow-argument"><td>${arg.name}</td><td>${arg.type}</td><td>${arg.value}</td></tr>`,
            )}
          </tbody>
        </table>`}`;
}

/** The Name of a relationship (`Who.Name`) when the query returned it. */
function relatedName(related: unknown): string | undefined {
  const name = typeof related === 'object' && related !== null ? (related as Record<string, unknown>)['Name'] : undefined;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

function tasksContent(workspace: ConsoleWorkspace, actions: WorkspaceActions): TemplateResult {
  const { rows, error, refreshedAt } = workspace.tasks;
  return html`
    <div class="list-header">
      <h2>Tasks</h2>
      <button type="button" data-testid="tasks-refresh" @click=${() => actions.refreshTasks()}>Refresh</button>
      <span class="muted" aria-live="polite">${refreshedAt ? `${rows.length} task(s), refreshed ${refreshedAt.toLocaleTimeString()}` : 'Loading...'}</span>
    </div>
    ${error ? html`<p class="error" role="alert">${error}</p>` : nothing}
    <table class="list" data-testid="tasks-table">
      <thead>
        <tr>
          <th scope="col">Subject</th><th scope="col">Call Type</th><th scope="col">Duration (s)</th><th scope="col">Disposition</th>
          <th scope="col">Interaction Id</th><th scope="col">Name (Who)</th><th scope="col">Related To (What)</th><th scope="col">Created</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (row: SObjectRecord) => html`<tr data-testid="task-row" data-interaction-id=${displayText(row['ContactPad_Interaction_Id__c'])}>
            <td>${recordLink(row['Id'], actions, displayText(row['Subject']) || displayText(row['Id']))}</td>
            <td>${displayText(row['CallType'])}</td>
            <td>${displayText(row['CallDurationInSeconds'])}</td>
            <td>${displayText(row['CallDisposition'])}</td>
            <td>${displayText(row['ContactPad_Interaction_Id__c'])}</td>
            <td>${recordLink(row['WhoId'], actions, relatedName(row['Who']))}</td>
            <td>${recordLink(row['WhatId'], actions, relatedName(row['What']))}</td>
            <td>${displayText(row['CreatedDate'])}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
}

function tabContent(tab: ConsoleTab, workspace: ConsoleWorkspace, actions: WorkspaceActions): TemplateResult {
  if (tab.kind === 'record') return recordContent(tab, actions);
  if (tab.kind === 'search') return searchContent(tab, actions);
  if (tab.kind === 'flow') return flowContent(tab);
  if (tab.kind === 'rule-tester') return actions.ruleTesterContent();
  return tasksContent(workspace, actions);
}

function onTabKey(event: KeyboardEvent, workspace: ConsoleWorkspace, actions: WorkspaceActions): void {
  const index = workspace.tabs.indexOf(workspace.activeTab);
  let next: ConsoleTab | undefined;
  if (event.key === 'ArrowRight') next = workspace.tabs[(index + 1) % workspace.tabs.length];
  else if (event.key === 'ArrowLeft') next = workspace.tabs[(index - 1 + workspace.tabs.length) % workspace.tabs.length];
  else if (event.key === 'Delete' && workspace.activeTab.kind !== 'tasks') actions.closeTab(workspace.activeTab.key);
  else return;
  event.preventDefault();
  if (next) {
    actions.focusTab(next.key);
    (event.currentTarget as HTMLElement).querySelector<HTMLElement>(`[data-tab-key="${next.key}"]`)?.focus();
  }
}

function tabBar(workspace: ConsoleWorkspace, actions: WorkspaceActions): TemplateResult {
  const active = workspace.activeTab;
  return html`
    <div class="tabs" role="tablist" aria-label="Console tabs" data-testid="console-tabs" @keydown=${(event: KeyboardEvent) => onTabKey(event, workspace, actions)}>
      ${workspace.tabs.map(
        (tab) => html`<div class="tab-item ${tab.key === active.key ? 'active' : ''}" role="presentation">
          <button type="button" role="tab" id="tab-${tab.key}" data-tab-key=${tab.key} data-testid="console-tab"
            aria-selected=${tab.key === active.key ? 'true' : 'false'} aria-controls="tab-panel"
            tabindex=${tab.key === active.key ? '0' : '-1'} title=${tab.title}
            @click=${() => actions.focusTab(tab.key)}>${tab.title}</button>
          ${tab.kind === 'tasks'
            ? nothing
            : html`<button type="button" class="close" aria-label="Close ${tab.title}" title="Close ${tab.title}" @click=${() => actions.closeTab(tab.key)}>×</button>`}
        </div>`,
      )}
    </div>
    <section id="tab-panel" class="tab-panel" role="tabpanel" aria-labelledby="tab-${active.key}" data-testid="tab-panel">
      ${tabContent(active, workspace, actions)}
    </section>`;
}

function modalView(workspace: ConsoleWorkspace, actions: WorkspaceActions): TemplateResult | typeof nothing {
  const modal = workspace.modal;
  if (!modal) return nothing;
  return html`
    <div class="modal-backdrop">
      <div class="modal" role="dialog" aria-modal="true" aria-labelledby="modal-title" data-testid="new-record-modal"
        @keydown=${(event: KeyboardEvent) => {
          if (event.key === 'Escape') actions.cancelModal();
        }}>
        <h2 id="modal-title">New ${modal.entityName}</h2>
        <form @submit=${(event: Event) => {
          event.preventDefault();
          actions.saveModal();
        }}>
          ${Object.entries(modal.fields).map(
            ([name, value]) => html`<div class="form-field">
              <label for="modal-field-${name}">${name}</label>
              <input id="modal-field-${name}" name=${name} .value=${value} data-testid="modal-field-${name}"
                @input=${(event: Event) => actions.setModalField(name, (event.target as HTMLInputElement).value)} />
            </div>`,
          )}
          ${modal.error ? html`<p class="error" role="alert">${modal.error}</p>` : nothing}
          <div class="modal-buttons">
            <button type="button" @click=${() => actions.cancelModal()}>Cancel</button>
            <button type="submit" class="brand" ?disabled=${modal.saving}>${modal.saving ? 'Saving...' : 'Save'}</button>
          </div>
        </form>
      </div>
    </div>`;
}

/** Renders the tab bar and focused tab into `tabsHost`, and the new-record dialog into `modalHost`. */
export function renderWorkspace(tabsHost: HTMLElement, modalHost: HTMLElement, workspace: ConsoleWorkspace, actions: WorkspaceActions): void {
  render(tabBar(workspace, actions), tabsHost);
  const wasOpen = modalHost.querySelector('.modal') !== null;
  render(modalView(workspace, actions), modalHost);
  if (!wasOpen) modalHost.querySelector<HTMLInputElement>('.modal input')?.focus();
}
