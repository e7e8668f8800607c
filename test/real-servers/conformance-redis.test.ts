import { storeConformance, whenServer } from '../store/conformance.js';

whenServer('the store contract on Redis', 'TEST_REDIS_URL', (url) => storeConformance('Redis', url));
