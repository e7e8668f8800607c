import { memoryStore } from '../support/memory-store.js';
import { documentsContract } from './documents-contract.js';

// The tests' in-memory store keeps the same contract as the product's backends.
documentsContract('memory (tests only)', async (clock) => memoryStore(clock));
