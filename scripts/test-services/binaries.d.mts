export function findOnPath(command: string, path?: string): string | null;
