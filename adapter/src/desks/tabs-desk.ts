/**
 * Console tabs, kept in step with the interaction list through the console bridge (workspace
 * API): an interaction's record (the work item's, or the record popped for a call) has a tab;
 * selecting the interaction focuses it (reopening it when the agent closed it); focusing a tab
 * selects its interaction; a closed tab is remembered as closed; the tab closes after wrap up
 * when the settings say so. Without the bridge's tabs, a record opens through Open CTI instead.
 *
 * Loaded with the console bridge (desks/console-desks.ts), off the path that rings and answers.
 */
import { tabRecordOf } from '../model/interaction-facts.ts';
import { withTabClosed, withTabOpen } from '../model/tab-facts.ts';
import { sameSalesforceId } from '../model/salesforce-id.ts';
import type { ContactPadSettings } from '../model/settings.ts';
import type { BridgeTab } from '../host/console-bridge-protocol.ts';
import type { NoticeDesk } from './notice-desk.ts';
import type { Rooms } from './ports.ts';
import type { ViewDesk } from './view-desk.ts';
import type { WrapUpDesk } from './wrap-up-desk.ts';

export class TabsDesk {
  readonly #settings: ContactPadSettings;
  readonly #rooms: Rooms;
  readonly #view: ViewDesk;
  readonly #notices: NoticeDesk;

  constructor(settings: ContactPadSettings, rooms: Rooms, view: ViewDesk, wrapUp: WrapUpDesk, notices: NoticeDesk) {
    this.#settings = settings;
    this.#rooms = rooms;
    this.#view = view;
    this.#notices = notices;
    wrapUp.onWrappedUp((id) => this.#closeAfterWrapUp(id));
  }

  /** The console's tabs when the bridge says hello: each is linked to the interaction of its record. */
  hello(tabs: readonly BridgeTab[]): void {
    for (const tab of tabs) this.shown(tab, false);
  }

  /** A console tab opened or came to the front: linked to the interaction of its record (and selected when focused). */
  shown(tab: BridgeTab, focused: boolean): void {
    if (tab.recordId === '') return;
    const selected = this.#view.selectedId;
    let selectId: string | undefined;
    for (const { id, facts } of this.#view.all()) {
      const recordId = tabRecordOf(facts);
      if (!recordId || !sameSalesforceId(recordId, tab.recordId)) continue;
      if (facts.tabId !== tab.tabId) this.#view.changeFacts(id, (current) => withTabOpen(current, tab.tabId));
      if (focused && (selectId === undefined || id === selected)) selectId = id;
    }
    if (selectId !== undefined && selectId !== selected) this.#view.select(selectId);
  }

  /** A console tab closed: its interactions remember it (selecting one opens it again). */
  gone(tabId: string): void {
    for (const { id, facts } of this.#view.all()) {
      if (facts.tabId === tabId) this.#view.changeFacts(id, withTabClosed);
    }
  }

  /** The agent selected the interaction: its record's tab comes to the front, reopened when the agent closed it. */
  async focus(id: string): Promise<void> {
    const bridge = this.#rooms.bridge;
    const facts = this.#view.facts(id);
    if (!bridge || bridge.state !== 'connected' || !facts || !tabRecordOf(facts) || this.#view.stateOf(id) === 'alerting') return;
    if (facts.tabId) {
      try {
        await bridge.focusTab(facts.tabId);
        return;
      } catch {
        this.gone(facts.tabId); // closed meanwhile: open it again
      }
    }
    await this.open(id);
  }

  /** Opens the interaction's record in a console tab (bridge), or pops it through Open CTI when the bridge has no tabs. */
  async open(id: string, focus = true): Promise<void> {
    const facts = this.#view.facts(id);
    const recordId = facts && tabRecordOf(facts);
    if (!recordId) return;
    try {
      const bridge = this.#rooms.bridge;
      if (bridge?.state === 'connected' && bridge.capabilities.includes('tabs')) {
        const opened = await bridge.openRecordTab(recordId, focus);
        this.shown(opened.body.tab, focus);
      } else {
        await this.#rooms.requireHost().screenPopRecord(recordId);
      }
    } catch (error) {
      this.#notices.notify(error);
    }
  }

  /** The setting closeTabAfterWrapUp: the record's tab closes once its wrap up ended. */
  #closeAfterWrapUp(id: string): void {
    const tabId = this.#view.facts(id)?.tabId;
    const bridge = this.#rooms.bridge;
    if (this.#settings.closeTabAfterWrapUp && tabId && bridge) bridge.closeTab(tabId).catch((error: unknown) => this.#notices.notify(error));
  }
}
