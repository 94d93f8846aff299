import { connect } from 'node:net';

/** Whether nothing listens on 127.0.0.1:port any more (a stopped server's port refuses connections). */
export function refuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}
