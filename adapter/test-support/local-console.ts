/**
 * The local console's Lightning side for the browser tests: its workspace (console tabs over the
 * fake org's REST API), Omni-Channel (work items, presence, its own auto-accept) and Lightning
 * message service (scripts/console/page), with the SHIPPED console bridge (force-app's Aura
 * component, run by the Aura runtime fake over them; its protocol global comes from the
 * TypeScript module the build wraps into bridge-protocol.js). The console bridge's tests and
 * the controller rig start it; the local console (`npm start`) runs the same fakes.
 */
import { startAuraConsoleBridge, type AuraConsoleBridge } from '../../scripts/console/page/aura-console-bridge.ts';
import { fetchShippedBridgeBundle, loadBridgeProtocolFromTypeScript } from '../../scripts/console/page/aura-test-platform.ts';
import { ConsoleWorkspace } from '../../scripts/console/page/console-workspace.ts';
import { LightningMessageService } from '../../scripts/console/page/message-channel-fake.ts';
import { OmniChannel } from '../../scripts/console/page/omni-channel.ts';
import { OMNI_PRESENCE_STATUSES, type OmniPresenceStatus } from '../../scripts/console/page/omni-presence.ts';
import { API_VERSION } from '../src/crm/crm-service.ts';
import { RestClient } from '../../scripts/console/page/rest-client.ts';

export type { AuraConsoleBridge, ConsoleWorkspace, LightningMessageService, OmniChannel, OmniPresenceStatus };
export type { OmniChannelKind, OmniWorkItems } from '../../scripts/console/page/omni-work-items.ts';
export type { OmniPresence } from '../../scripts/console/page/omni-presence.ts';

/** The console's Lightning side, before the shipped bridge runs on it. */
export interface LocalConsole {
  readonly workspace: ConsoleWorkspace;
  readonly omni: OmniChannel;
  readonly messages: LightningMessageService;
}

/** A workspace over the org that `accessToken` opens, a fresh Omni-Channel and message service. */
export function localConsole(accessToken: string): LocalConsole {
  return {
    workspace: new ConsoleWorkspace(new RestClient(API_VERSION, accessToken)),
    omni: new OmniChannel(),
    messages: new LightningMessageService(),
  };
}

/** Starts the shipped console bridge on `local`; resolves once its scripts have loaded. */
export async function startShippedBridge(local: LocalConsole): Promise<AuraConsoleBridge> {
  const bridge = await startAuraConsoleBridge({
    workspace: local.workspace,
    omni: local.omni,
    messages: local.messages,
    bundle: await fetchShippedBridgeBundle(),
    resourceUrl: (name) => `/resource/${name}`,
    loadScript: loadBridgeProtocolFromTypeScript,
  });
  await bridge.component.scriptsLoaded;
  return bridge;
}

/** The Omni-Channel presence status named `apiName` (Available, Busy, Offline...). */
export function presenceStatus(apiName: string): OmniPresenceStatus {
  const status = OMNI_PRESENCE_STATUSES.find((candidate) => candidate.apiName === apiName);
  if (!status) throw new Error(`Omni-Channel has no presence status ${apiName}`);
  return status;
}
