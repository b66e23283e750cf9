/** Selections are byte sets over graph indexes: set algebra over 50k nodes is a tight loop. */
export type NodeSet = Uint8Array;

export function unionInto(target: NodeSet, other: NodeSet): NodeSet {
  for (let i = 0; i < target.length; i += 1) if (other[i] === 1) target[i] = 1;
  return target;
}

export function union(sets: readonly NodeSet[], size: number): NodeSet {
  const out = new Uint8Array(size);
  for (const set of sets) unionInto(out, set);
  return out;
}

export function intersection(sets: readonly NodeSet[], size: number): NodeSet {
  if (sets.length === 0) return new Uint8Array(size);
  const out = Uint8Array.from(sets[0] as NodeSet);
  for (let s = 1; s < sets.length; s += 1) {
    const set = sets[s] as NodeSet;
    for (let i = 0; i < size; i += 1) if (set[i] !== 1) out[i] = 0;
  }
  return out;
}

/** The first set minus every other one. */
export function difference(sets: readonly NodeSet[], size: number): NodeSet {
  if (sets.length === 0) return new Uint8Array(size);
  const out = Uint8Array.from(sets[0] as NodeSet);
  for (let s = 1; s < sets.length; s += 1) {
    const set = sets[s] as NodeSet;
    for (let i = 0; i < size; i += 1) if (set[i] === 1) out[i] = 0;
  }
  return out;
}

export function isEmpty(set: NodeSet): boolean {
  for (let i = 0; i < set.length; i += 1) if (set[i] === 1) return false;
  return true;
}

export function sameSet(a: NodeSet, b: NodeSet): boolean {
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}
