// The Graph emulator as the bench's other processes see it: where it listens, whom it trusts, its demo app, its pid.
import type { RunningGraphEmulator } from '@m365/graph-emulator';

export interface EmulatorEndpoints {
  baseUrl: string;
  authorityHost: string;
  graphBaseUrl: string;
  caCertPem: string;
  caCertPath: string;
  demoApp: { clientId: string; clientSecret: string };
  pid: number;
}

export function endpointsOf(emulator: RunningGraphEmulator): EmulatorEndpoints {
  return {
    baseUrl: emulator.baseUrl,
    authorityHost: emulator.authorityHost,
    graphBaseUrl: emulator.graphBaseUrl,
    caCertPem: emulator.caCertPem,
    caCertPath: emulator.caCertPath,
    demoApp: emulator.demoApp,
    pid: process.pid,
  };
}
