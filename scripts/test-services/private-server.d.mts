/** What startPrivatePostgres / startPrivateRedis resolve with. */
export interface PrivateServer {
  url: string;
  port: number;
  description: string;
  /** The run's directory (data, logs), removed by the undo steps. */
  dir: string;
  binary?: string;
}
export type OnCleanup = (undo: () => unknown) => void;
