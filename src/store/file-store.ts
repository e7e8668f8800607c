import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/**
 * Where deals' files are kept, behind one port like the deal store: bytes under a key that names the
 * tenant, the deal and the file. The deal document lists what a deal holds; this only keeps the bytes.
 */
export interface FileStore {
  put(key: FileKey, bytes: Buffer): Promise<void>;
  /** The bytes, or undefined if there are none under the key. */
  get(key: FileKey): Promise<Buffer | undefined>;
  /** Every file of a deal (the deal was deleted, or its data erased). */
  removeDeal(tenantId: string, dealId: string): Promise<void>;
}

export interface FileKey {
  tenantId: string;
  dealId: string;
  fileId: string;
}

// Ids come from activities and payloads: encoded, so no id can reach outside its own folder.
const part = (s: string) => encodeURIComponent(s).replace(/\./g, '%2E');

/**
 * The embedded store: a folder (by default beside the SQLite file), one subfolder per tenant and deal.
 * Readable by the bot's user alone: the files are contracts and people's emails.
 */
export class FolderFileStore implements FileStore {
  private readonly root: string;
  constructor(folder: string) {
    this.root = resolve(folder);
  }

  private dealFolder(tenantId: string, dealId: string): string {
    return join(this.root, part(tenantId), part(dealId));
  }

  async put(key: FileKey, bytes: Buffer): Promise<void> {
    const folder = this.dealFolder(key.tenantId, key.dealId);
    await mkdir(folder, { recursive: true, mode: 0o700 });
    // Written whole under a temporary name, then renamed: a crash never leaves half a file under the key.
    const target = join(folder, part(key.fileId));
    const partial = `${target}.partial`;
    await writeFile(partial, bytes, { mode: 0o600 });
    await rename(partial, target);
  }

  async get(key: FileKey): Promise<Buffer | undefined> {
    try {
      return await readFile(join(this.dealFolder(key.tenantId, key.dealId), part(key.fileId)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async removeDeal(tenantId: string, dealId: string): Promise<void> {
    await rm(this.dealFolder(tenantId, dealId), { recursive: true, force: true });
  }
}

/** The file store a FILES_URL names: a folder, or Azure Blob Storage (Azurite on loopback). */
export async function openFileStore(url: string): Promise<FileStore> {
  const folder = /^file:\/\/(.+)$/.exec(url)?.[1];
  if (folder) return new FolderFileStore(folder);
  const { BlobFileStore } = await import('./blob-file-store.js');
  return BlobFileStore.open(url);
}
