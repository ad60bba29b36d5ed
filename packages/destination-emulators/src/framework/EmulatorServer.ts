import { createServer, RequestListener, Server } from 'node:http';
import { AddressInfo, Socket } from 'node:net';

/**
 * An HTTP server on loopback (by default) that tracks its connections, so `close()` returns at once even with
 * keep-alive connections or requests left hanging on purpose.
 */
export class EmulatorServer {
  readonly url: string;
  readonly port: number;
  readonly #server: Server;
  readonly #sockets: Set<Socket>;
  #closing: Promise<void> | undefined;

  static async start(
    handler: RequestListener,
    options: { host?: string; port?: number } = {},
  ): Promise<EmulatorServer> {
    const host = options.host ?? '127.0.0.1';
    const server = createServer(handler);
    const sockets = new Set<Socket>();
    server.on('connection', socket => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    return new EmulatorServer(server, sockets, host, port);
  }

  private constructor(
    server: Server,
    sockets: Set<Socket>,
    host: string,
    port: number,
  ) {
    this.#server = server;
    this.#sockets = sockets;
    this.port = port;
    this.url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  }

  close(): Promise<void> {
    this.#closing ??= new Promise(resolve => {
      this.#server.close(() => resolve());
      for (const socket of this.#sockets) socket.destroy();
    });
    return this.#closing;
  }
}
