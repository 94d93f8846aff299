import type { EntityManager } from 'typeorm';

/** What page writes need: look participants and company domains up, and note the people and companies they create. */
export interface ParticipantLookup {
  lookup(handle: string): DirectoryEntry | undefined;
  companyForDomain(domain: string): string | undefined;
  addPerson(handle: string, personId: string): void;
  addCompany(domain: string, companyId: string): void;
}

export interface DirectoryEntry {
  personId: string | null;
  workspaceMemberId: string | null;
}

/**
 * Every email address the workspace knows (people's primary and additional emails, members' emails) and every
 * company domain, loaded once per import run and extended as contacts are created, so that matching a page's
 * participants costs no query.
 */
export class ParticipantDirectory implements ParticipantLookup {
  private constructor(
    private readonly entries: Map<string, DirectoryEntry>,
    private readonly companiesByDomain: Map<string, string>,
  ) {}

  static async load(manager: EntityManager, workspaceId: string): Promise<ParticipantDirectory> {
    const [people, members, companies] = await Promise.all([
      manager.query(`SELECT "id", "emailsPrimaryEmail" AS "primary", "emailsAdditionalEmails" AS "additional" FROM "person" WHERE "workspaceId" = $1 AND "deletedAt" IS NULL`, [workspaceId]),
      manager.query(`SELECT "id", "userEmail" FROM "workspaceMember" WHERE "workspaceId" = $1 AND "deletedAt" IS NULL`, [workspaceId]),
      manager.query(`SELECT "id", lower("domainName") AS "domain" FROM "company" WHERE "workspaceId" = $1 AND "deletedAt" IS NULL AND "domainName" IS NOT NULL`, [workspaceId]),
    ]);
    const entries = new Map<string, DirectoryEntry>();
    for (const person of people as Array<{ id: string; primary: string | null; additional: string[] | null }>) {
      for (const email of [person.primary, ...(person.additional ?? [])]) {
        if (email && !entries.has(email.toLowerCase())) entries.set(email.toLowerCase(), { personId: person.id, workspaceMemberId: null });
      }
    }
    for (const member of members as Array<{ id: string; userEmail: string }>) {
      const key = member.userEmail.toLowerCase();
      entries.set(key, { personId: entries.get(key)?.personId ?? null, workspaceMemberId: member.id });
    }
    return new ParticipantDirectory(entries, new Map((companies as Array<{ id: string; domain: string }>).map((company) => [company.domain, company.id])));
  }

  lookup(handle: string): DirectoryEntry | undefined {
    return this.entries.get(handle.toLowerCase());
  }

  companyForDomain(domain: string): string | undefined {
    return this.companiesByDomain.get(domain.toLowerCase());
  }

  /** A draft for one transaction: see DirectoryDraft. */
  draft(): DirectoryDraft {
    return new DirectoryDraft(this);
  }

  addPerson(handle: string, personId: string): void {
    const key = handle.toLowerCase();
    this.entries.set(key, { personId, workspaceMemberId: this.entries.get(key)?.workspaceMemberId ?? null });
  }

  addCompany(domain: string, companyId: string): void {
    this.companiesByDomain.set(domain.toLowerCase(), companyId);
  }
}

/**
 * One transaction's additions on top of the shared directory. They reach the directory only through `commit`,
 * called once the transaction has committed, so folders written in parallel never match an uncommitted person.
 */
export class DirectoryDraft implements ParticipantLookup {
  private readonly people = new Map<string, string>();
  private readonly companies = new Map<string, string>();

  constructor(private readonly directory: ParticipantDirectory) {}

  lookup(handle: string): DirectoryEntry | undefined {
    const key = handle.toLowerCase();
    const personId = this.people.get(key);
    const shared = this.directory.lookup(key);
    return personId ? { personId, workspaceMemberId: shared?.workspaceMemberId ?? null } : shared;
  }

  companyForDomain(domain: string): string | undefined {
    return this.companies.get(domain.toLowerCase()) ?? this.directory.companyForDomain(domain);
  }

  addPerson(handle: string, personId: string): void {
    this.people.set(handle.toLowerCase(), personId);
  }

  addCompany(domain: string, companyId: string): void {
    this.companies.set(domain.toLowerCase(), companyId);
  }

  commit(): void {
    for (const [handle, personId] of this.people) this.directory.addPerson(handle, personId);
    for (const [domain, companyId] of this.companies) this.directory.addCompany(domain, companyId);
  }
}
