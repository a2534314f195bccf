/**
 * The SHIPPED console bridge (force-app/main/default/aura/ContactPadConsoleBridge: its .cmp,
 * controller and helper, read as they are) running in the Aura runtime over the local console's
 * fakes: the workspace API over the console's workspace, the Omni-Channel toolkit over its
 * Omni-Channel, the message channel over its Lightning message service. The local console and
 * the tests start it here; nothing else plays the bridge.
 */
import { BRIDGE_CHANNEL, parseBridgeMessage, type BridgeEvent, type ContactPadRequest } from '../../../adapter/src/host/console-bridge-protocol.ts';
import { AuraRuntime, fetchAndRunScript, fetchAuraBundle, type AuraBundleSources, type AuraComponentHandle, type AuraRuntimeProblem } from './aura-runtime.ts';
import type { ConsoleWorkspace } from './console-workspace.ts';
import { messageChannelComponent, type LightningMessageService } from './message-channel-fake.ts';
import type { OmniChannel } from './omni-channel.ts';
import { forwardOmniChannelEvents, omniToolkitComponent } from './omni-toolkit-fake.ts';
import { forwardWorkspaceEvents, workspaceApiComponent } from './workspace-api-fake.ts';

/** The bundle's name in force-app/main/default/aura. */
export const CONSOLE_BRIDGE_BUNDLE = 'ContactPadConsoleBridge';

/** Where the bridge runs and what it runs over. */
export interface AuraConsoleBridgeOptions {
  readonly workspace: ConsoleWorkspace;
  readonly omni: OmniChannel;
  readonly messages: LightningMessageService;
  /** The bundle's files: a folder URL to fetch them from (…/aura/ContactPadConsoleBridge/), or the sources. */
  readonly bundle: string | AuraBundleSources;
  /** `$Resource.<name>`: the static resource's URL (the console: /resource/<name>). */
  resourceUrl(name: string): string;
  /**
   * Runs an ltng:require script with the namespace's window; by default fetches it and runs it
   * as Locker and Lightning Web Security do (aura-runtime.ts fetchAndRunScript).
   */
  loadScript?(url: string, namespaceWindow: Record<string, unknown>): Promise<void>;
}

/** A message on the bridge channel the bridge did not act on, and why (its own console warning). */
export interface IgnoredBridgeMessage {
  readonly reason: string;
}

/** The running bridge: its component, what went through its channel, and what went wrong. */
export interface AuraConsoleBridge {
  readonly component: AuraComponentHandle;
  readonly runtime: AuraRuntime;
  /** The component's status line (v.status): Loading, Connecting, Connected, Error: …. */
  readonly status: string;
  /** Every request ContactPad published on the bridge channel that the protocol accepts, in order. */
  readonly requests: readonly ContactPadRequest[];
  /** Every message the bridge published, in order. */
  readonly events: readonly BridgeEvent[];
  /** What the bridge logged about messages it refused or ignored (its console warnings). */
  readonly ignored: readonly IgnoredBridgeMessage[];
  /** Actions that threw, callbacks outside the lifecycle, scripts that failed. */
  readonly problems: readonly AuraRuntimeProblem[];
  stop(): void;
}

/** Loads the shipped bundle and starts the bridge component: init at once, hello once bridge-protocol.js has loaded. */
export async function startAuraConsoleBridge(options: AuraConsoleBridgeOptions): Promise<AuraConsoleBridge> {
  const runtime = new AuraRuntime({
    baseComponents: {
      'lightning:workspaceAPI': workspaceApiComponent(options.workspace),
      'lightning:omniToolkitAPI': omniToolkitComponent(options.omni),
      'lightning:messageChannel': messageChannelComponent(options.messages),
    },
    resourceUrl: (name) => options.resourceUrl(name),
    loadScript: options.loadScript ?? fetchAndRunScript,
  });
  const sources = typeof options.bundle === 'string' ? await fetchAuraBundle(options.bundle, CONSOLE_BRIDGE_BUNDLE) : options.bundle;
  const fire = (name: string, params: Record<string, unknown>) => runtime.fireApplicationEvent(name, params);
  const stopWorkspace = forwardWorkspaceEvents(options.workspace, fire);
  const stopOmni = forwardOmniChannelEvents(options.omni, fire);
  const component = runtime.create(sources);
  const traffic = () => options.messages.messages.filter((entry) => entry.channelName === BRIDGE_CHANNEL).map((entry) => parseBridgeMessage(entry.message));
  return {
    component,
    runtime,
    get status() {
      return String(component.attribute('status') ?? '');
    },
    get requests() {
      return traffic().flatMap((parsed) => (parsed.ok && parsed.message.source === 'contactpad' ? [parsed.message] : []));
    },
    get events() {
      return traffic().flatMap((parsed) => (parsed.ok && parsed.message.source === 'bridge' ? [parsed.message] : []));
    },
    get ignored() {
      return component.warnings.map((reason) => ({ reason }));
    },
    get problems() {
      return runtime.problems;
    },
    stop() {
      stopWorkspace();
      stopOmni();
      component.destroy();
    },
  };
}
