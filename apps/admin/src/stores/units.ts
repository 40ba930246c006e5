import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { unitTree, type UnitTree } from '../api/organisation.js';

type UnitRow = UnitTree['items'][number];

/**
 * A unit of the tree. The client's JSON type cannot express the recursion of `children`, so
 * the tree is given its own type here (the API builds it from the same rows).
 */
export type UnitNode = Omit<UnitRow, 'children'> & { readonly children: readonly UnitNode[] };

export interface FlatUnit {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly parentId: string | null;
  readonly depth: number;
  /** False once the unit is merged away (撤并). */
  readonly active: boolean;
}

/** The units the user may see, loaded once per session for pickers and names. */
export const useUnitsStore = defineStore('units', () => {
  const tree = ref<UnitNode[]>([]);
  const loaded = ref(false);
  let pending: Promise<void> | null = null;

  function ensure(): Promise<void> {
    if (loaded.value) return Promise.resolve();
    pending ??= unitTree()
      .then((body) => {
        tree.value = body.items as unknown as UnitNode[];
        loaded.value = true;
      })
      .finally(() => {
        pending = null;
      });
    return pending;
  }

  function reload(): Promise<void> {
    loaded.value = false;
    return ensure();
  }

  const flat = computed<FlatUnit[]>(() => {
    const out: FlatUnit[] = [];
    const walk = (nodes: readonly UnitNode[], depth: number) => {
      for (const node of nodes) {
        out.push({
          id: node.id,
          name: node.name,
          kind: node.kind,
          parentId: node.parentId,
          depth,
          active: node.active,
        });
        walk(node.children, depth + 1);
      }
    };
    walk(tree.value, 0);
    return out;
  });

  /** Units that report (everything but the bureau itself). */
  const reporting = computed(() => flat.value.filter((u) => u.kind !== 'bureau'));
  /** DESIGN §3.4: the evaluated units are township centers and direct units. */
  const evaluated = computed(() =>
    flat.value.filter((u) => u.kind === 'township_center' || u.kind === 'direct_unit'),
  );

  function nameOf(id: string | null | undefined): string {
    return flat.value.find((u) => u.id === id)?.name ?? '';
  }

  return { tree, loaded, ensure, reload, flat, reporting, evaluated, nameOf };
});
