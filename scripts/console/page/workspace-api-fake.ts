/**
 * The fake `lightning:workspaceAPI` (the console workspace API an Aura component finds by its
 * aura:id) over the local console's workspace (console-workspace.ts), and the workspace's
 * application events. Each method answers as the Lightning Console JavaScript API documents it,
 * cited beside it; what the documentation leaves open is marked "not documented" with the choice.
 *
 * Workspace tabs are the console's record, search and flow tabs. The local console's Tasks home
 * tab plays a navigation item (a list view), not a workspace tab: getAllTabInfo does not list it
 * and the API cannot focus or close it.
 *
 * Methods return Promises ("Returns a Promise. Success resolves to ... The Promise will be
 * rejected on error.": developer.salesforce.com/docs/component-library/bundle/lightning:workspaceAPI).
 * A rejection carries an Error with a message (the error's shape is not documented).
 */
import type { BaseComponentContext } from './aura-runtime.ts';
import type { ConsoleTab, ConsoleWorkspace } from './console-workspace.ts';
import { isRecordId, recordUrlOf } from './object-types.ts';


/** A tabInfo as getTabInfo, getAllTabInfo and getFocusedTabInfo resolve it. */
export interface TabInfo {
  readonly tabId: string;
  readonly url: string;
  readonly pinned: boolean;
  readonly closeable: boolean;
  readonly title: string;
  readonly icon: string;
  readonly iconAlt: string;
  readonly highlighted: boolean;
  readonly pageReference: { readonly type: string; readonly attributes: Readonly<Record<string, string>>; readonly state: Readonly<Record<string, string>> };
  readonly isSubtab: boolean;
  readonly parentTabId: string | null;
  readonly subtabs: readonly TabInfo[];
  readonly focused: boolean;
  readonly recordId: string | null;
}

function isWorkspaceTab(tab: ConsoleTab | undefined): tab is Exclude<ConsoleTab, { kind: 'tasks' }> {
  return tab !== undefined && tab.kind !== 'tasks';
}

/**
 * The tabInfo of a workspace tab: { tabId, url, pinned, closeable, title, icon, iconAlt,
 * customTitle?, customIcon?, customIconAlt?, highlighted, pageReference, isSubtab, parentTabId,
 * subtabs, focused, recordId } (developer.salesforce.com/docs/atlas.en-us.api_console.meta/api_console/sforce_api_console_lightning_gettabinfo.htm;
 * the stored copies of that page break off after `subtabs`, so `focused` and `recordId` are
 * from the live page as remembered: unverified here). A record tab's pageReference is a
 * standard__recordPage with recordId, objectApiName and actionName "view"
 * (developer.salesforce.com/docs/atlas.en-us.lightning.meta/lightning/components_navigation_page_definitions.htm).
 * The local console's search and flow tabs have no console equivalent to copy: shaped as a
 * standard__component page without a record (chosen). Icons: "SLDS iconKey", the
 * standard:<object> icon chosen.
 */
export function tabInfoOf(tab: Exclude<ConsoleTab, { kind: 'tasks' }>, focused: boolean): TabInfo {
  const common = { tabId: tab.key, pinned: false, closeable: true, title: tab.title, highlighted: false, isSubtab: false, parentTabId: null, subtabs: [], focused };
  if (tab.kind === 'record') {
    return Object.freeze({
      ...common,
      url: recordUrlOf(tab.objectType, tab.recordId),
      icon: `standard:${tab.objectType.toLowerCase()}`,
      iconAlt: tab.objectType,
      pageReference: { type: 'standard__recordPage', attributes: { recordId: tab.recordId, objectApiName: tab.objectType, actionName: 'view' }, state: {} },
      recordId: tab.recordId,
    });
  }
  return Object.freeze({
    ...common,
    url: '',
    icon: 'standard:default',
    iconAlt: tab.title,
    pageReference: { type: 'standard__component', attributes: { componentName: `c__localConsole_${tab.kind.replace(/-/g, '_')}` }, state: {} },
    recordId: null,
  });
}

/** A record id from openTab's `url` (/lightning/r/<Object>/<Id>/view). */
function recordIdOfUrl(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  return /^\/lightning\/r\/(?:[A-Za-z0-9_]+\/)?([0-9A-Za-z]{15,18})\/view/.exec(url)?.[1];
}

/** The object `component.find('<aura:id>')` returns for `<lightning:workspaceAPI>`. */
export function workspaceApi(workspace: ConsoleWorkspace): Record<string, unknown> {
  const workspaceTab = (tabId: unknown): Exclude<ConsoleTab, { kind: 'tasks' }> => {
    const tab = typeof tabId === 'string' ? workspace.tabByKey(tabId) : undefined;
    if (!isWorkspaceTab(tab)) throw new Error(`No workspace tab has the id ${String(tabId)}.`);
    return tab;
  };
  const attempt = <T>(body: () => T): Promise<T> => {
    try {
      return Promise.resolve(body());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };
  const infoOf = (tab: Exclude<ConsoleTab, { kind: 'tasks' }>) => tabInfoOf(tab, workspace.activeTab === tab);
  return Object.freeze({
    // developer.salesforce.com/docs/atlas.en-us.api_console.meta/api_console/sforce_api_console_lightning_opentab.htm: openTab({ url, recordId, focus, overrideNavRules });
    // resolves to the new workspace tab's id. A record already open: its tab is focused and its
    // id returned (not documented; the console keeps one tab per record). A record the org does
    // not return still gets a tab showing the error, as Lightning shows an error page in the
    // tab (not documented; chosen). An id of no known object rejects. focus defaults to true
    // (not documented; chosen).
    openTab: async (args: { recordId?: unknown; url?: unknown; focus?: unknown }) => {
      const recordId = typeof args?.recordId === 'string' && args.recordId !== '' ? args.recordId : recordIdOfUrl(args?.url);
      if (recordId === undefined || !isRecordId(recordId)) throw new Error(`openTab: ${String(args?.recordId ?? args?.url)} is not a record id or record URL.`);
      if (!(await workspace.objectTypeOf(recordId))) throw new Error(`openTab: no object of the org has the key prefix of ${recordId}.`);
      try {
        return (await workspace.openRecord(recordId, { focus: args.focus !== false })).key;
      } catch (error) {
        const shown = workspace.tabs.find((tab) => tab.kind === 'record' && tab.recordId.slice(0, 15) === recordId.slice(0, 15));
        if (shown) return shown.key;
        throw error;
      }
    },
    // developer.salesforce.com/docs/atlas.en-us.api_console.meta/api_console/sforce_api_console_lightning_focustab.htm: resolves to true.
    focusTab: (args: { tabId?: unknown }) =>
      attempt(() => {
        workspace.focusTab(workspaceTab(args?.tabId).key);
        return true;
      }),
    // developer.salesforce.com/docs/atlas.en-us.api_console.meta/api_console/sforce_api_console_lightning_closetab.htm: resolves to true.
    closeTab: (args: { tabId?: unknown }) =>
      attempt(() => {
        workspace.closeTab(workspaceTab(args?.tabId).key);
        return true;
      }),
    // developer.salesforce.com/docs/atlas.en-us.api_console.meta/api_console/sforce_api_console_lightning_gettabinfo.htm: resolves to the tab's tabInfo.
    getTabInfo: (args: { tabId?: unknown }) => attempt(() => infoOf(workspaceTab(args?.tabId))),
    // developer.salesforce.com/docs/atlas.en-us.api_console.meta/api_console/sforce_api_console_lightning_getalltabinfo.htm: resolves to an array of tabInfo (workspace tabs).
    getAllTabInfo: () => attempt(() => workspace.tabs.filter(isWorkspaceTab).map(infoOf)),
    // developer.salesforce.com/docs/atlas.en-us.api_console.meta/api_console/sforce_api_console_lightning_getfocusedtabinfo.htm: the focused workspace tab's
    // tabInfo. On a navigation item (the Tasks home): not documented; chosen as a rejection.
    getFocusedTabInfo: () =>
      attempt(() => {
        const tab = workspace.activeTab;
        if (!isWorkspaceTab(tab)) throw new Error('No workspace tab is focused.');
        return infoOf(tab);
      }),
    // developer.salesforce.com/docs/atlas.en-us.api_console.meta/api_console/sforce_api_console_lightning_isconsolenavigation.htm: resolves to true in a console app.
    isConsoleNavigation: () => Promise.resolve(true),
    // developer.salesforce.com/docs/atlas.en-us.api_console.meta/api_console/sforce_api_console_lightning_getenclosingtabid.htm: the enclosing tab's id, or false
    // when the component is not in a tab (a utility item is not).
    getEnclosingTabId: () => Promise.resolve(false),
  });
}

/** The `lightning:workspaceAPI` base component for the Aura runtime's platform. */
export function workspaceApiComponent(workspace: ConsoleWorkspace): (context: BaseComponentContext) => unknown {
  return () => workspaceApi(workspace);
}

/**
 * Fires the workspace's application events as tabs change, whoever changed them (the agent, an
 * Open CTI screen pop, a workspace API call; for API calls not documented: chosen):
 * - lightning:tabCreated { tabId } (developer.salesforce.com/docs/atlas.en-us.api_console.meta/api_console/sforce_api_console_events_tabcreated.htm)
 * - lightning:tabFocused { previousTabId, currentTabId } (developer.salesforce.com/docs/atlas.en-us.api_console.meta/api_console/sforce_api_console_events_tabfocused.htm:
 *   it "also fires when going from a tab to a navigation item, or going from a navigation item
 *   to a tab"; the id of a navigation item is not documented: null chosen)
 * - lightning:tabClosed { tabId } (developer.salesforce.com/docs/atlas.en-us.api_console.meta/api_console/sforce_api_console_events_tabclosed.htm)
 */
export function forwardWorkspaceEvents(workspace: ConsoleWorkspace, fire: (name: string, params: Record<string, unknown>) => void): () => void {
  const idOf = (tab: ConsoleTab | undefined) => (isWorkspaceTab(tab) ? tab.key : null);
  let focused: string | null = idOf(workspace.activeTab);
  return workspace.onTabEvent((event) => {
    if (event.type === 'opened') {
      if (isWorkspaceTab(event.tab)) fire('lightning:tabCreated', { tabId: event.tab.key });
    } else if (event.type === 'focused') {
      const current = idOf(event.tab);
      fire('lightning:tabFocused', { previousTabId: focused, currentTabId: current });
      focused = current;
    } else if (isWorkspaceTab(event.tab)) {
      fire('lightning:tabClosed', { tabId: event.tab.key });
      if (focused === event.tab.key) focused = null;
    }
  });
}
