import { storeConformance, whenServer } from './conformance.js';

whenServer('the store contract on PostgreSQL', 'TEST_POSTGRES_URL', (url) => storeConformance('PostgreSQL', url));
