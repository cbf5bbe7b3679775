import { keySpace } from '../../src/store/keys.ts';
import { MemoryStore } from '../../src/store/memory-store.ts';
import { storeContract } from './contract.ts';

storeContract('memory', async () => {
  const store = new MemoryStore();
  return { store, keys: keySpace('t:'), cleanup: () => store.close() };
});
