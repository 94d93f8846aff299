export interface WorkspaceMemberRef {
  workspaceId: string;
  workspaceMemberId: string;
}

/**
 * How the plugin learns who is calling. The host owns sessions; the plugin only asks.
 * `request` is the host's HTTP request object (Express in the dev host).
 */
export interface HostMemberContext {
  fromRequest(request: unknown): Promise<WorkspaceMemberRef | null>;
}
