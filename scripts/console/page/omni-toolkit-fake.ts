/**
 * The fake `lightning:omniToolkitAPI` (the Omni-Channel toolkit an Aura component finds by its
 * aura:id) over the local console's Omni-Channel (omni-channel.ts), and the toolkit's
 * application events. Each method answers with what the Lightning Console JavaScript API
 * documents for it, cited beside it; what the documentation leaves open is marked "not
 * documented" with the choice made.
 *
 * Methods return Promises: "Returns a Promise. Success resolves to ... The Promise is rejected on
 * error." (developer.salesforce.com/docs/component-library/bundle/lightning:omniToolkitAPI).
 * A rejection carries an Error with a message (the error's shape is not documented).
 */
import type { BaseComponentContext } from './aura-runtime.ts';
import type { OmniChannel } from './omni-channel.ts';
import { OmniPresence, type OmniPresenceStatus } from './omni-presence.ts';
import type { OmniWorkChange } from './omni-work-items.ts';

/**
 * The service channels a presence status routes, as the toolkit's `channels` JSON string gives
 * them ("JSON string of channel objects": channelId, developerName;
 * developer.salesforce.com/docs/atlas.en-us.api_console.meta/api_console/sforce_api_console_lightning_getservicepresencestatuschannels.htm). Which channels
 * the local console's statuses carry is not documented anywhere (an org's setup): chosen.
 */
function channelsOf(status: OmniPresenceStatus): string {
  if (status.apiName !== 'Available') return '[]';
  return JSON.stringify([
    { channelId: '0N9000000000001AAA', developerName: 'sfdc_livemessage' },
    { channelId: '0N9000000000002AAA', developerName: 'sfdc_liveagent' },
    { channelId: '0N9000000000003AAA', developerName: 'Case' },
  ]);
}

function rejectWith(message: string): Promise<never> {
  return Promise.reject(new Error(message));
}

/** Runs a change on the work items; a refused change rejects the promise with its reason. */
function settle<T>(change: () => T): Promise<T> {
  try {
    return Promise.resolve(change());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/** The object `component.find('<aura:id>')` returns for `<lightning:omniToolkitAPI>`. */
export function omniToolkitApi(omni: OmniChannel): Record<string, unknown> {
  const statusOf = (status: OmniPresenceStatus) => ({ statusId: status.id, statusName: status.label, statusApiName: status.apiName });
  return Object.freeze({
    // developer.salesforce.com/docs/atlas.en-us.api_console.meta/api_console/sforce_api_console_lightning_acceptagentwork.htm: "Success resolves to true".
    // Accepting work that is not Assigned (already accepted, by Omni-Channel's auto-accept or
    // twice; closed; no longer deliverable) is an error: not documented, chosen as a rejection.
    acceptAgentWork: (args: { workId?: unknown }) => settle(() => (omni.work.accept(String(args?.workId ?? ''), 'agent'), true)),
    // developer.salesforce.com/docs/atlas.en-us.api_console.meta/api_console/sforce_api_console_lightning_declineagentwork.htm: declineReason optional; resolves to true.
    declineAgentWork: (args: { workId?: unknown; declineReason?: unknown }) =>
      settle(() => (omni.work.decline(String(args?.workId ?? ''), typeof args?.declineReason === 'string' ? args.declineReason : undefined), true)),
    // developer.salesforce.com/docs/atlas.en-us.api_console.meta/api_console/sforce_api_console_lightning_closeagentwork.htm: resolves to true.
    closeAgentWork: (args: { workId?: unknown }) => settle(() => (omni.work.close(String(args?.workId ?? '')), true)),
    // developer.salesforce.com/docs/atlas.en-us.api_console.meta/api_console/sforce_api_console_lightning_getagentworks.htm: the sample reads
    // `JSON.parse(result.works)`, each work { workItemId, workId, isEngaged }; "work items that
    // are assigned to an agent and open in the agent's workspace". (Its text says the promise
    // "resolves to an array of work objects": the sample's shape is the one answered here.)
    getAgentWorks: () =>
      Promise.resolve({ works: JSON.stringify(omni.work.open.map((item) => ({ workItemId: item.workItemId, workId: item.workId, isEngaged: item.state === 'accepted' }))) }),
    // developer.salesforce.com/docs/atlas.en-us.api_console.meta/api_console/sforce_api_console_lightning_getservicepresencestatusid.htm: { statusName,
    // statusApiName, statusId }. Logged out of Omni-Channel there is no status: not documented,
    // chosen as a rejection (the callback form of the same method answered success: false).
    getServicePresenceStatusId: () =>
      omni.presence.current.id === null ? rejectWith('The agent is not logged in to Omni-Channel.') : Promise.resolve(statusOf(omni.presence.current)),
    // developer.salesforce.com/docs/atlas.en-us.api_console.meta/api_console/sforce_api_console_lightning_setservicepresencestatus.htm: logs the agent in if
    // needed; resolves to { statusName, statusApiName, statusId, channels }. A status the agent
    // has no access to is an error ("Agents must be given access to this presence status").
    setServicePresenceStatus: (args: { statusId?: unknown }) => {
      const status = typeof args?.statusId === 'string' ? OmniPresence.byId(args.statusId) : undefined;
      if (!status || status.id === null) return rejectWith(`The agent has no access to the presence status ${String(args?.statusId)}.`);
      omni.presence.set(status, 'toolkit');
      return Promise.resolve({ ...statusOf(status), channels: channelsOf(status) });
    },
    // developer.salesforce.com/docs/atlas.en-us.api_console.meta/api_console/sforce_api_console_lightning_login.htm: resolves to true.
    login: (args: { statusId?: unknown }) => {
      const status = typeof args?.statusId === 'string' ? OmniPresence.byId(args.statusId) : undefined;
      if (!status || status.id === null) return rejectWith(`The agent has no access to the presence status ${String(args?.statusId)}.`);
      omni.presence.set(status, 'toolkit');
      return Promise.resolve(true);
    },
    // developer.salesforce.com/docs/atlas.en-us.api_console.meta/api_console/sforce_api_console_lightning_logout.htm: resolves to true.
    logout: () => {
      const offline = OmniPresence.byApiName('Offline')!;
      omni.presence.set(offline, 'toolkit');
      return Promise.resolve(true);
    },
    // developer.salesforce.com/docs/atlas.en-us.api_console.meta/api_console/sforce_api_console_lightning_getservicepresencestatuschannels.htm: { channels: JSON string }.
    getServicePresenceStatusChannels: () => Promise.resolve({ channels: channelsOf(omni.presence.current) }),
  });
}

/** The `lightning:omniToolkitAPI` base component for the Aura runtime's platform. */
export function omniToolkitComponent(omni: OmniChannel): (context: BaseComponentContext) => unknown {
  return () => omniToolkitApi(omni);
}

/**
 * Fires the toolkit's application events as Omni-Channel changes:
 * - lightning:omniChannelWorkAssigned / WorkAccepted / WorkDeclined / WorkClosed, each with
 *   { workItemId, workId } (developer.salesforce.com/docs/atlas.en-us.api_console.meta/api_console/sforce_api_console_events_omnichannelworkassigned.htm and
 *   its siblings). They fire whoever made the change (the agent in the widget, a toolkit call,
 *   Omni-Channel's auto-accept): "an agent has accepted a work assignment, or ... a work
 *   assignment has been automatically accepted". Whether a toolkit call fires them too is not
 *   documented: chosen yes.
 * - A work item that can no longer be delivered fires nothing (no toolkit event is documented
 *   for it); acceptAgentWork fails for it.
 * - lightning:omniChannelStatusChanged { statusId, channels, reason, statusName, statusApiName }
 *   (developer.salesforce.com/docs/atlas.en-us.api_console.meta/api_console/sforce_api_console_events_omnichannelstatuschanged.htm): reason
 *   OmniManualStatusChange for the agent's own choice, OmniToolkitStatusChange for a toolkit call.
 * - lightning:omniChannelLogout (developer.salesforce.com/docs/atlas.en-us.api_console.meta/api_console/sforce_api_console_events_omnichannellogout.htm) when
 *   the agent goes Offline in the widget. Its documented reasons (DuplicateLogin, ...,
 *   OmniSupervisorLogout) name none for the agent's own logout: no reason given. A toolkit
 *   logout() fires nothing (not documented).
 */
export function forwardOmniChannelEvents(omni: OmniChannel, fire: (name: string, params: Record<string, unknown>) => void): () => void {
  const events: Record<OmniWorkChange['change'], string | undefined> = {
    assigned: 'lightning:omniChannelWorkAssigned',
    accepted: 'lightning:omniChannelWorkAccepted',
    declined: 'lightning:omniChannelWorkDeclined',
    closed: 'lightning:omniChannelWorkClosed',
    'delivery-failed': undefined,
  };
  const stopWork = omni.work.onChange(({ item, change }) => {
    const name = events[change];
    if (name) fire(name, { workItemId: item.workItemId, workId: item.workId });
  });
  const stopPresence = omni.presence.onChange((status, source) => {
    if (status.id === null) {
      if (source === 'user') fire('lightning:omniChannelLogout', {});
      return;
    }
    fire('lightning:omniChannelStatusChanged', {
      statusId: status.id,
      channels: channelsOf(status),
      reason: source === 'user' ? 'OmniManualStatusChange' : 'OmniToolkitStatusChange',
      statusName: status.label,
      statusApiName: status.apiName,
    });
  });
  return () => {
    stopWork();
    stopPresence();
  };
}
