/**
 * The local console's Omni-Channel: routes work to the agent (the Omni-Channel simulator panel,
 * or a test), keeps the work items and the agent's presence, and accepts work on its own when the
 * agent's presence configuration says so ("Automatically accept requests",
 * PresenceUserConfig.OptionsIsAutoAcceptEnabled:
 * developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-presenceuserconfig.html).
 * The console's components reach it through the Omni-Channel toolkit (omni-toolkit-fake.ts). No DOM here.
 */
import { OmniPresence } from './omni-presence.ts';
import { OmniWorkItems, type OmniChannelKind, type OmniWorkItem } from './omni-work-items.ts';

export class OmniChannel {
  readonly work = new OmniWorkItems();
  readonly presence = new OmniPresence();
  /**
   * Omni-Channel's own auto-accept for this agent: on, a routed work item is accepted by
   * Omni-Channel right after it is assigned (the toolkit fires workAssigned, then workAccepted:
   * "a work assignment has been automatically accepted",
   * developer.salesforce.com/docs/atlas.en-us.api_console.meta/api_console/sforce_api_console_events_omnichannelworkaccepted.htm).
   */
  autoAccept = false;

  /** Routes a work item on `workItemId` to the agent; with auto-accept on, Omni-Channel accepts it at once. */
  route(work: { workItemId: string; kind: OmniChannelKind; customerName: string }): OmniWorkItem {
    const item = this.work.route(work);
    return this.autoAccept ? this.work.accept(item.workId, 'omni-channel') : item;
  }

  /** The work can no longer be delivered (the customer left before it was accepted): accepting it fails from now on. */
  cannotDeliver(workId: string): OmniWorkItem {
    return this.work.failDelivery(workId);
  }
}
