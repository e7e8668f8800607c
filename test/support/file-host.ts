import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Stands in for the OneDrive download links Teams gives: serves files by path, and counts what was asked. */
export class FileHost {
  readonly asked: string[] = [];
  private server!: Server;
  url = '';
  constructor(private readonly files: Record<string, Buffer | 'endless'>) {}
  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.asked.push(req.url ?? '');
      const file = this.files[req.url ?? ''];
      if (file === undefined) {
        res.writeHead(404);
        res.end();
        return;
      }
      if (file === 'endless') {
        // No length declared, and more than any cap: the bot must stop reading, not hold it all.
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        const chunk = Buffer.alloc(64 * 1024, 1);
        const pump = () => {
          while (res.write(chunk)) if (res.destroyed) return;
        };
        res.on('drain', pump);
        res.on('close', () => res.off('drain', pump));
        return pump();
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.length });
      res.end(file);
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
