/**
 * Omni-Channel's auto-accept for the local console's agent, as the fake org keeps it: the
 * agent's presence configuration (PresenceUserConfig.OptionsIsAutoAcceptEnabled, "Automatically
 * accept requests", assigned to the user through PresenceUserConfigUser:
 * developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-presenceuserconfig.html,
 * developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-presenceuserconfiguser.html). ContactPad reads it once per session from the org; the
 * Omni-Channel simulator writes it through the fake org's control API (not Salesforce's API: an
 * admin changes it in Setup > Presence Configurations). An org without those objects answers the
 * control API with an error: the simulator then says so and only its own Omni-Channel auto-accepts.
 */
import type { FakeOrgClient, FakeOrgRecord } from '../../fake-org/client.ts';

const ORG = 'default';

function sameId(a: unknown, b: string): boolean {
  return typeof a === 'string' && a.length >= 15 && a.slice(0, 15) === b.slice(0, 15);
}

async function userConfigOf(client: FakeOrgClient, userId: string): Promise<FakeOrgRecord | undefined> {
  return (await client.records(ORG, 'PresenceUserConfigUser')).find((row) => sameId(row['UserId'], userId));
}

/** The agent's auto-accept as the org has it (false when no configuration is assigned); undefined when the org cannot say. */
export async function readOmniAutoAccept(client: FakeOrgClient, userId: string): Promise<boolean | undefined> {
  try {
    const assigned = await userConfigOf(client, userId);
    if (!assigned) return false;
    const config = (await client.records(ORG, 'PresenceUserConfig')).find((row) => sameId(row.Id, String(assigned['PresenceUserConfigId'])));
    return config?.['OptionsIsAutoAcceptEnabled'] === true;
  } catch {
    return undefined;
  }
}

/**
 * Sets the agent's auto-accept in the org: on their presence configuration, or on a new one
 * assigned to them when they have none. Resolves with what to tell the user.
 */
export async function writeOmniAutoAccept(client: FakeOrgClient, userId: string, on: boolean): Promise<string> {
  let assigned: FakeOrgRecord | undefined;
  try {
    assigned = await userConfigOf(client, userId);
  } catch (error) {
    return `The org has no presence configurations (PresenceUserConfigUser: ${error instanceof Error ? error.message : String(error)}); only the simulated Omni-Channel auto-accepts.`;
  }
  if (assigned) {
    await client.update(ORG, 'PresenceUserConfig', String(assigned['PresenceUserConfigId']), { OptionsIsAutoAcceptEnabled: on });
    return `Saved in the agent's presence configuration (auto-accept ${on ? 'on' : 'off'}).`;
  }
  const configId = await client.insert(ORG, 'PresenceUserConfig', {
    DeveloperName: 'ContactPad_Local_Console_Agent',
    MasterLabel: 'ContactPad local console agent',
    Capacity: 10,
    OptionsIsAutoAcceptEnabled: on,
  });
  await client.insert(ORG, 'PresenceUserConfigUser', { PresenceUserConfigId: configId, UserId: userId });
  return `Saved in a new presence configuration for the agent (auto-accept ${on ? 'on' : 'off'}).`;
}
