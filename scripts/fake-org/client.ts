/**
 * A client for the fake org's control API (`/__fake-org/`), with fetch only so that it
 * runs in Node tests and in the browser tests alike. It arranges orgs; the code under
 * test talks to the org through the Salesforce REST API with the returned token.
 */
import type { Fault, OrgFeatures, OrgSeed } from './store.ts';

/** What a new org gives a test: like an OAuth answer (`instance_url`, `access_token`). */
export interface FakeOrgSession {
  /** 18-character org id (`00D...`). */
  orgId: string;
  /** A Salesforce-style session id, `<org id>!<secret>`: send it as `Authorization: Bearer`. */
  accessToken: string;
  /** Origin of the server that serves the org's REST API. */
  instanceUrl: string;
}

/** A stored record as the control API lists it (every field, with `attributes`). */
export type FakeOrgRecord = Record<string, unknown> & { Id: string; attributes: { type: string; url: string } };

export type { Fault, OrgFeatures, OrgSeed };

/** A fake clock reading: the time (`2026-03-02T10:00:00.000+0000`) and how far it is ahead of real time. */
export interface FakeOrgClock {
  now: string;
  offsetSeconds: number;
}

/** Options for {@link FakeOrgClient.createOrg} beyond the seed. */
export interface CreateOrgRequest {
  /** Daily API allocation (the LIMIT in `Sforce-Limit-Info`); 15000 by default. */
  dailyLimit?: number;
  /** Requests already spent. */
  apiUsed?: number;
  name?: string;
  /** false: the org lacks the shipped custom metadata records (screen-pop rules and settings). */
  customMetadata?: boolean;
  /**
   * Which optional objects exist: `legacyChat` (LiveChatTranscript; false by default: new
   * orgs cannot have legacy Chat since 2026) and `messaging` (MessagingSession,
   * MessagingEndUser, MessagingChannel; true by default).
   */
  features?: Partial<OrgFeatures>;
  /** Seconds before a record written through the REST API is found by SOSL (180 by default). */
  searchIndexDelaySeconds?: number;
}

/** What the control API tells of a ContactPad SIP Edge setting (never the secrets). */
export interface SipEdgeInfo {
  /** A SIP secret is set: the credential endpoint signs. */
  configured: boolean;
  /** A TURN secret is set: credentials carry a TURN credential too. */
  turn: boolean;
  /** The lifetime the endpoint uses (its default, 720, when none is set). */
  lifetimeMinutes: number;
  /** Whose setting applies: the org's own, the store-wide one, or none. */
  source: 'org' | 'store' | 'none';
}

/** Drives the fake org's control API at `baseUrl` (`''` for same-origin in a browser). */
export class FakeOrgClient {
  private readonly baseUrl: string;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}/__fake-org${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`Fake org control API ${method} ${path} answered ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Creates an org: empty but for its user, seeded with records, or `'demo'` for the demo data. */
  createOrg(seed?: OrgSeed | 'demo', options: CreateOrgRequest = {}): Promise<FakeOrgSession> {
    return this.call('POST', '/orgs', { ...options, ...(seed === undefined ? {} : { seed }) });
  }

  /** The id, token and instance URL of an org (`'default'` for the local console's org), its features and search delay. */
  org(orgId: string): Promise<FakeOrgSession & { name: string; features: OrgFeatures; searchIndexDelaySeconds: number }> {
    return this.call('GET', `/orgs/${encodeURIComponent(orgId)}`);
  }

  /** Puts an org back as it was created (same ids and token, no faults, usage reset). */
  async resetOrg(orgId: string): Promise<void> {
    await this.call('POST', `/orgs/${encodeURIComponent(orgId)}/reset`);
  }

  /** Adds a record directly (read-only fields such as IsConverted allowed); returns its id. */
  async insert(orgId: string, sobject: string, fields: Record<string, unknown>): Promise<string> {
    const answer = await this.call<{ id: string }>('POST', `/orgs/${encodeURIComponent(orgId)}/sobjects/${encodeURIComponent(sobject)}`, fields);
    return answer.id;
  }

  /** Changes a record directly (custom metadata records included, which the REST API cannot write). */
  async update(orgId: string, sobject: string, id: string, fields: Record<string, unknown>): Promise<void> {
    await this.call('PATCH', `/orgs/${encodeURIComponent(orgId)}/sobjects/${encodeURIComponent(sobject)}/${encodeURIComponent(id)}`, fields);
  }

  /** Deletes a record directly. */
  async remove(orgId: string, sobject: string, id: string): Promise<void> {
    await this.call('DELETE', `/orgs/${encodeURIComponent(orgId)}/sobjects/${encodeURIComponent(sobject)}/${encodeURIComponent(id)}`);
  }

  /**
   * Field-level security and object access for the API user: a hidden field disappears from
   * describe and queries (INVALID_FIELD); a hidden object (no `field`) answers describe with 404.
   */
  async setVisibility(orgId: string, target: { sobject: string; field?: string }, visible: boolean): Promise<void> {
    await this.call('PUT', `/orgs/${encodeURIComponent(orgId)}/visibility`, { ...target, visible });
  }

  /** Every record of an sObject in the org, oldest first. */
  async records(orgId: string, sobject: string): Promise<FakeOrgRecord[]> {
    const answer = await this.call<{ records: FakeOrgRecord[] }>('GET', `/orgs/${encodeURIComponent(orgId)}/sobjects/${encodeURIComponent(sobject)}`);
    return answer.records;
  }

  /** Makes the org fail: `{ kind: 'sessionExpired' | 'unavailable' | 'requestLimit' | 'hang', times?, ms? }`. */
  async setFault(orgId: string, fault: Fault): Promise<void> {
    await this.call('POST', `/orgs/${encodeURIComponent(orgId)}/faults`, fault);
  }

  /** Removes every fault and releases hung requests. */
  async clearFaults(orgId: string): Promise<void> {
    await this.call('DELETE', `/orgs/${encodeURIComponent(orgId)}/faults`);
  }

  /** API requests the org has counted today. */
  async apiUsage(orgId: string): Promise<number> {
    const answer = await this.call<{ used: number; limit: number }>('GET', `/orgs/${encodeURIComponent(orgId)}/usage`);
    return answer.used;
  }

  /**
   * Moves the fake clock forward by `seconds`: one org's clock, or (no `orgId`) every org's.
   * Record stamps (CreatedDate...) and search indexing follow it. One org's clock may also be set
   * behind (negative `seconds`): a clock skew between that org and the SIP server.
   */
  advanceClock(seconds: number, orgId?: string): Promise<FakeOrgClock> {
    const path = orgId === undefined ? '/clock' : `/orgs/${encodeURIComponent(orgId)}/clock`;
    return this.call('POST', path, { advanceSeconds: seconds });
  }

  /** The fake clock: one org's, or (no `orgId`) the store-wide one. */
  clock(orgId?: string): Promise<FakeOrgClock> {
    return this.call('GET', orgId === undefined ? '/clock' : `/orgs/${encodeURIComponent(orgId)}/clock`);
  }

  /** Sets how long a REST API write waits before SOSL finds it (0: at once, as seeded records). */
  async setSearchIndexDelay(orgId: string, delaySeconds: number): Promise<void> {
    await this.call('PUT', `/orgs/${encodeURIComponent(orgId)}/search-index`, { delaySeconds });
  }

  /** The org's search indexing delay in seconds. */
  async searchIndexDelay(orgId: string): Promise<number> {
    const answer = await this.call<{ delaySeconds: number }>('GET', `/orgs/${encodeURIComponent(orgId)}/search-index`);
    return answer.delaySeconds;
  }

  /**
   * A new session of the User `userId` in the org: the Apex REST endpoints run as that user (the
   * org's own `accessToken` runs as its integration user "Agent One", who has no SIP user).
   */
  createSession(orgId: string, userId: string): Promise<FakeOrgSession & { userId: string }> {
    return this.call<{ accessToken: string; userId: string; instanceUrl: string }>('POST', `/orgs/${encodeURIComponent(orgId)}/sessions`, { userId }).then((answer) => ({
      orgId,
      ...answer,
    }));
  }

  /**
   * Gives the fake org the secret the SIP server checks credentials with (the ContactPad SIP Edge
   * setting, SIP_Secret__c): every org without its own, or (`orgId`) one org. `null` leaves the
   * setting without a secret (the endpoint answers SIP_EDGE_NOT_CONFIGURED). `turnSecret` and
   * `lifetimeMinutes` (10..1440, default 720) are the setting's other fields.
   */
  setSipCredentialSecret(secret: string | null, options: { orgId?: string; turnSecret?: string | null; lifetimeMinutes?: number | null } = {}): Promise<SipEdgeInfo> {
    const path = options.orgId === undefined ? '/sip-edge' : `/orgs/${encodeURIComponent(options.orgId)}/sip-edge`;
    return this.call('PUT', path, { sipSecret: secret, turnSecret: options.turnSecret ?? null, lifetimeMinutes: options.lifetimeMinutes ?? null });
  }

  /** Removes a SIP Edge setting: one org's own (it falls back to the store-wide one), or the store-wide one. */
  async clearSipCredentialSecret(orgId?: string): Promise<void> {
    await this.call('DELETE', orgId === undefined ? '/sip-edge' : `/orgs/${encodeURIComponent(orgId)}/sip-edge`);
  }

  /** The SIP Edge setting that applies: one org's, or the store-wide one. */
  sipEdge(orgId?: string): Promise<SipEdgeInfo> {
    return this.call('GET', orgId === undefined ? '/sip-edge' : `/orgs/${encodeURIComponent(orgId)}/sip-edge`);
  }

  /** Takes an Apex class away from an org (`deployed: false`: its URL matches nothing) or from its API user (`access: false`). */
  setApexClassAccess(orgId: string, className: string, state: { deployed?: boolean; access?: boolean }): Promise<{ deployed: boolean; access: boolean }> {
    return this.call('PUT', `/orgs/${encodeURIComponent(orgId)}/apex-classes/${encodeURIComponent(className)}`, state);
  }

  /** Sets the requests used and/or the daily limit (to bring an org to its limit). */
  setApiUsage(orgId: string, usage: { used?: number; limit?: number }): Promise<{ used: number; limit: number }> {
    return this.call('PUT', `/orgs/${encodeURIComponent(orgId)}/usage`, usage);
  }
}
