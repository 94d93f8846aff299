import { spawnSync } from 'node:child_process';

/** An advisory a production dependency carries that has been judged not to apply, with the reason. */
export interface AllowedAdvisory {
  /** The advisory's GHSA id or its URL. */
  advisory: string;
  package: string;
  reason: string;
}

export interface AuditFinding {
  package: string;
  severity: string;
  advisory: string;
  title: string;
}

export type AuditOutcome =
  | { kind: 'audited'; findings: AuditFinding[] }
  | { kind: 'unreachable'; reason: string };

const BLOCKING = new Set(['high', 'critical']);

interface AuditVia {
  source?: number;
  title?: string;
  url?: string;
  severity?: string;
}

/**
 * Reads `npm audit --json` output. An answer without a `vulnerabilities` map (npm's own error object, or no JSON at
 * all) means the registry was not asked successfully: that is unreachable, never "nothing found".
 */
export function readAuditReport(stdout: string, stderr = ''): AuditOutcome {
  let report: { vulnerabilities?: Record<string, { severity?: string; via?: Array<AuditVia | string> }>; message?: string; error?: { summary?: string } };
  try {
    report = JSON.parse(stdout);
  } catch {
    return { kind: 'unreachable', reason: `npm audit printed no JSON report (${(stderr || stdout).trim().split('\n')[0] ?? 'no output'})` };
  }
  if (!report || typeof report !== 'object' || !report.vulnerabilities || typeof report.vulnerabilities !== 'object') {
    return { kind: 'unreachable', reason: report?.message ?? report?.error?.summary ?? 'npm audit gave no vulnerability report' };
  }
  const findings: AuditFinding[] = [];
  for (const [name, entry] of Object.entries(report.vulnerabilities)) {
    // Only the advisories themselves: a `via` that is a string names another package whose advisory is listed there.
    for (const via of entry.via ?? []) {
      if (typeof via === 'string' || !BLOCKING.has(via.severity ?? '')) continue;
      findings.push({ package: name, severity: via.severity!, advisory: via.url ?? String(via.source), title: via.title ?? '' });
    }
  }
  return { kind: 'audited', findings };
}

/** The high and critical findings the allowlist does not explain (matched by GHSA id or URL, and package). */
export function unexplained(findings: AuditFinding[], allowlist: AllowedAdvisory[]): AuditFinding[] {
  const ghsa = (text: string) => text.match(/GHSA-[\w-]+/i)?.[0]?.toLowerCase() ?? text.toLowerCase();
  return findings.filter((finding) => !allowlist.some((allowed) => allowed.package === finding.package && ghsa(allowed.advisory) === ghsa(finding.advisory)));
}

/** Runs the production audit of the whole workspace tree. */
export function runProductionAudit(cwd: string): AuditOutcome {
  const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { cwd, encoding: 'utf8', timeout: 120_000 });
  if (run.error) return { kind: 'unreachable', reason: `npm audit could not run: ${run.error.message}` };
  return readAuditReport(run.stdout, run.stderr);
}
