import type { GroupInfo, Inventory } from './types.js';

/** The groups of an inventory in file order, for `/netrun groups` and `netrun groups`. */
export function listGroups(inventory: Inventory): GroupInfo[] {
  return inventory.groups.map((g) => ({ ...g, parents: [...g.parents] }));
}
