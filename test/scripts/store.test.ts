import { tempStoreUrl } from '../support/temp-store.js';
import { storeCommandSuite } from './store-suite.js';

storeCommandSuite('SQLite', async () => tempStoreUrl());
