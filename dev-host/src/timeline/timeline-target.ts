export type TimelineTarget = { personId: string } | { companyId: string };

/** SQL restricting a participant alias `alias` to the target's people; the target id is bound as `param`. */
export function participantTargetFilter(target: TimelineTarget, alias: string, param: string, workspaceParam: string): string {
  if ('personId' in target) return `${alias}."personId" = ${param}`;
  return `${alias}."personId" IN (
    SELECT "id" FROM "person" WHERE "workspaceId" = ${workspaceParam} AND "companyId" = ${param} AND "deletedAt" IS NULL)`;
}

export function targetId(target: TimelineTarget): string {
  return 'personId' in target ? target.personId : target.companyId;
}
