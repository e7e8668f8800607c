import { tempStoreUrl } from '../support/temp-store.js';
import { storeConformance } from './conformance.js';

const url = tempStoreUrl();
storeConformance('SQLite', () => url);
