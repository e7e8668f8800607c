import { tempStoreUrl } from '../support/temp-store.js';
import { storeCommandSuite } from './store-command.js';

storeCommandSuite('SQLite', async () => tempStoreUrl());
