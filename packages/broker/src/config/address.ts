// host:port addresses of listeners, with IPv6 hosts in brackets ("[::1]:9092").

export interface HostPort {
  host: string;
  port: number;
}

/** Parses "host:port"; throws a RangeError saying what is wrong. `portMin` is 1 where port 0 makes no sense. */
export function parseAddress(address: string, portMin = 0): HostPort {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]\s]+)):(\d{1,5})$/.exec(address);
  if (match === null) throw new RangeError(`"${address}" is not host:port`);
  const host = match[1] ?? match[2] ?? '';
  const port = Number(match[3]);
  if (port < portMin || port > 65_535) throw new RangeError(`port ${port} of "${address}" is outside [${portMin}, 65535]`);
  return { host, port };
}

/** The inverse of parseAddress. */
export function formatAddress({ host, port }: HostPort): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
