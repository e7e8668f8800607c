import type { ContainerClient } from '@azure/storage-blob';
import type { FileKey, FileStore } from './file-store.js';

/** Azurite's development account: its name and key are published, and it listens on loopback only. */
const AZURITE_ACCOUNT = 'devstoreaccount1';
const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

// Ids come from activities and payloads: encoded, so no id can reach another deal's blobs.
const part = (s: string) => encodeURIComponent(s);
const dealPrefix = (tenantId: string, dealId: string) => `${part(tenantId)}/${part(dealId)}/`;

/**
 * Azure Blob Storage: one private container, a blob per file under tenant/deal/file. On Azure the bot
 * reaches it with its managed identity (DefaultAzureCredential; no account key anywhere); the Bicep turns
 * on soft delete and versioning, so a deleted or overwritten file can be brought back for a while. An
 * http URL on loopback is Azurite, the local emulator the tests use, with its published development key.
 */
export class BlobFileStore implements FileStore {
  private constructor(private readonly container: ContainerClient) {}

  static async open(url: string): Promise<BlobFileStore> {
    const { BlobServiceClient, StorageSharedKeyCredential } = await import('@azure/storage-blob');
    const parsed = new URL(url);
    if (parsed.protocol === 'http:') {
      // Azurite: http://127.0.0.1:<port>/devstoreaccount1/<container>
      const [, account, name] = parsed.pathname.split('/');
      if (account !== AZURITE_ACCOUNT || !name)
        throw new Error('an http FILES_URL is Azurite: http://127.0.0.1:<port>/devstoreaccount1/<container>');
      const service = new BlobServiceClient(`${parsed.origin}/${account}`, new StorageSharedKeyCredential(AZURITE_ACCOUNT, AZURITE_KEY));
      const container = service.getContainerClient(name);
      await container.createIfNotExists();
      return new BlobFileStore(container);
    }
    const name = parsed.pathname.split('/')[1];
    if (!name) throw new Error('FILES_URL names no container: https://<account>.blob.core.windows.net/<container>');
    const { DefaultAzureCredential } = await import('@azure/identity');
    const service = new BlobServiceClient(parsed.origin, new DefaultAzureCredential());
    // The container is the Bicep's (private); the identity may write blobs, not create containers.
    return new BlobFileStore(service.getContainerClient(name));
  }

  async put(key: FileKey, bytes: Buffer): Promise<void> {
    const blob = this.container.getBlockBlobClient(`${dealPrefix(key.tenantId, key.dealId)}${part(key.fileId)}`);
    await blob.uploadData(bytes);
  }

  async get(key: FileKey): Promise<Buffer | undefined> {
    const blob = this.container.getBlockBlobClient(`${dealPrefix(key.tenantId, key.dealId)}${part(key.fileId)}`);
    try {
      return await blob.downloadToBuffer();
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return undefined;
      throw error;
    }
  }

  async removeDeal(tenantId: string, dealId: string): Promise<void> {
    for await (const blob of this.container.listBlobsFlat({ prefix: dealPrefix(tenantId, dealId) })) {
      await this.container.deleteBlob(blob.name, { deleteSnapshots: 'include' });
    }
  }
}
