/**
 * What the call center's server addresses must look like: the SIP server's WebSocket URL, the
 * SIP domain, a SIP user part, a STUN or TURN server URL. Each check gives the reason a value is
 * not one (for the agent's INVALID_CONFIGURATION message), or undefined when it is. Pure.
 */
/** The reason a value is not a SIP WebSocket URL (ws:// or wss://, no user or password), or undefined when it is one. */
export function checkSipServerUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') return `uses ${url.protocol.replace(/:$/, '')}:// instead of ws:// or wss://`;
  if (url.hostname === '') return 'has no host';
  if (url.username !== '' || url.password !== '') return 'contains a user name or password (never put credentials in call center items)';
  return undefined;
}

/** The reason a value is not a SIP domain (a host name, IPv4, or bracketed IPv6 address), or undefined when it is one. */
export function checkSipDomain(value: string): string | undefined {
  if (value.startsWith('[')) {
    if (!/^\[[0-9a-fA-F:.]+\]$/.test(value)) return 'is not a valid IPv6 address';
    try {
      new URL(`http://${value}/`);
      return undefined;
    } catch {
      return 'is not a valid IPv6 address';
    }
  }
  if (/^[0-9a-fA-F:.]+$/.test(value) && value.split(':').length > 2) return 'is an IPv6 address without brackets; write it as [2001:db8::1]';
  if (/^[0-9.]+$/.test(value)) return isIPv4(value) ? undefined : 'is not a valid IPv4 address';
  if (value.length > 253) return 'is longer than 253 characters';
  const label = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
  if (!value.split('.').every((part) => label.test(part))) {
    return /[:/@]/.test(value) ? 'must be only the host name (no scheme, user, port or path)' : 'is not a host name';
  }
  return undefined;
}

/** True for a SIP URI user part (RFC 3261 `user`: unreserved, user-unreserved and %HH escapes). */
export function isSipUser(value: string): boolean {
  return value.length <= 128 && /^(?:[A-Za-z0-9\-_.!~*'()&=+$,;?/]|%[0-9A-Fa-f]{2})+$/.test(value);
}

/**
 * The reason a value is not a STUN or TURN server URL, or undefined when it is one:
 * `stun:host[:port]` / `stuns:host[:port]` (RFC 7064, section 3.1) and
 * `turn:host[:port][?transport=udp|tcp]` / `turns:...` (RFC 7065, section 3.1); the host a name,
 * an IPv4 address or a bracketed IPv6 one. A user name or password in it is refused: TURN
 * credentials come from Salesforce's credential endpoint.
 */
export function checkIceServerUrl(value: string): string | undefined {
  const match = /^(stuns?|turns?):(.*)$/i.exec(value);
  if (!match) return 'is not a stun:, stuns:, turn: or turns: URL';
  const scheme = (match[1] ?? '').toLowerCase();
  let rest = match[2] ?? '';
  if (rest.includes('@')) return 'contains a user name or password (TURN credentials come from Salesforce, never from call center items)';
  const query = rest.indexOf('?');
  if (query >= 0) {
    const params = rest.slice(query + 1);
    rest = rest.slice(0, query);
    if (!scheme.startsWith('turn')) return 'has a query, which only turn: and turns: URLs may have (?transport=udp or tcp)';
    if (!/^transport=(udp|tcp)$/i.test(params)) return 'has a query other than ?transport=udp or ?transport=tcp';
  }
  const hostPort = /^(\[[0-9a-fA-F:.]+\]|[^:/\[\]]+)(?::(\d{1,5}))?$/.exec(rest);
  if (!hostPort) return 'is not host[:port] after the scheme';
  const port = hostPort[2];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return 'has a port outside 1-65535';
  const why = checkSipDomain(hostPort[1] ?? '');
  return why === undefined ? undefined : `has a host that ${why}`;
}

function isIPv4(value: string): boolean {
  const parts = value.split('.');
  return parts.length === 4 && parts.every((part) => /^(?:0|[1-9][0-9]{0,2})$/.test(part) && Number(part) <= 255);
}
