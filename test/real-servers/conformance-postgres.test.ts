import { storeConformance, whenServer } from '../store/conformance.js';

whenServer('the store contract on PostgreSQL', 'TEST_POSTGRES_URL', (url) => storeConformance('PostgreSQL', url));
